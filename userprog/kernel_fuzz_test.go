package userprog

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nachos/kernel"
	"nachos/machine"
)

// FuzzUserProgram runs arbitrary bytes as a user program under the whole
// kernel: every system call with whatever arguments the bytes leave in
// the registers, faults, forks, blocking. Nothing a program does may make
// the kernel panic, and the tick limit always ends the run. The first
// byte picks the machine and the system call numbering: ABIs[b%3], and a
// 4-entry TLB if b&4 is set.
func FuzzUserProgram(f *testing.F) {
	f.Add([]byte{0, 0x0c, 0x00, 0x00, 0x00})                         // syscall with $2 = 0: Halt
	f.Add([]byte{0, 0x09, 0x00, 0x02, 0x24, 0x0c, 0x00, 0x00, 0x00}) // li $2,9; syscall: Fork
	f.Add([]byte{5, 0x0b, 0x00, 0x02, 0x24, 0x0c, 0x00, 0x00, 0x00}) // li $2,11; syscall: nachos4's ThreadFork, with a TLB
	f.Add([]byte{0, 0x0b, 0x00, 0x02, 0x24, 0x0c, 0x00, 0x00, 0x00}) // li $2,11; syscall: CreateLock
	f.Fuzz(func(t *testing.T, input []byte) {
		if len(input) < 2 || len(input) > 4096 {
			return
		}
		setup, code := input[0], input[1:]
		dir := t.TempDir()
		path := filepath.Join(dir, "prog")
		if err := os.WriteFile(path, noffImage(code), 0o644); err != nil {
			t.Fatal(err)
		}
		var tlb int
		if setup&4 != 0 {
			tlb = 4
		}
		k, err := New(kernel.Config{In: strings.NewReader("input\n"), Out: io.Discard, Err: io.Discard, MaxTicks: 200000,
			Machine: machine.Config{TLBSize: tlb}},
			Config{FSRoot: dir, ABI: ABIs[int(setup)%len(ABIs)]})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := k.RunProgram(path); err != nil {
			t.Fatal(err)
		}
	})
}

// noffImage wraps code in a Nachos 3.4 NOFF header: code at address 0,
// no data.
func noffImage(code []byte) []byte {
	header := []uint32{0xbadfad, 0, 40, uint32(len(code)), 0, 0, 0, 0, 0, 0}
	out := make([]byte, 40, 40+len(code))
	for i, v := range header {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return append(out, code...)
}
