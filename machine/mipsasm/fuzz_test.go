package mipsasm

import (
	"encoding/binary"
	"errors"
	"os"
	"testing"
)

// FuzzDecode feeds Decode arbitrary bytes, starting from every word in the
// golden files. Decode must never panic, and every instruction it decodes
// must print, in each syntax, as something.
func FuzzDecode(f *testing.F) {
	seen := map[uint32]bool{}
	for _, name := range []string{goldenGNU, goldenPrograms} {
		if _, err := os.Stat(name); err != nil {
			continue // programs.txt is missing until the programs exist
		}
		for _, g := range readGolden(f, name) {
			if seen[g.word] {
				continue
			}
			seen[g.word] = true
			var b [4]byte
			binary.LittleEndian.PutUint32(b[:], g.word)
			f.Add(b[:])
		}
	}
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ord := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			inst, err := Decode(data, ord)
			if err != nil {
				if !errors.Is(err, ErrUnknown) && !errors.Is(err, ErrTruncated) {
					t.Fatalf("Decode(% x): error %v wraps neither ErrUnknown nor ErrTruncated", data, err)
				}
				continue
			}
			for _, s := range []string{GNUSyntax(inst, 0x400000), NumericSyntax(inst, 0xfffffffc), inst.String()} {
				if s == "" {
					t.Fatalf("Decode(% x) = %#v prints as nothing", data, inst)
				}
			}
		}
	})
}
