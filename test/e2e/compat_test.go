package e2e

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readtopInput starts as readtop's 100-byte file does.
const readtopInput = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// A program from a historical course reads 100 bytes from a 16-byte file
// into a buffer a few dozen bytes below the top of its stack. Only the
// bytes that arrive must be writable: it gets 16, as on Linux and Nachos.
// A longer file or the console fills the buffer up to the top, and the
// next Read goes on from there.
func TestReadNearTheTopOfTheStack(t *testing.T) {
	for _, pageSize := range []string{"128", "16384"} {
		for _, tlb := range []string{"0", "4"} {
			r := nachos(t, readtopInput, "--page-size", pageSize, "--phys-pages", "64", "--tlb", tlb,
				"--fs-root", t.TempDir(), "-x", "test/readtop")
			require.Equal(t, 0, r.status, r.stderr)
			out := programOutput(r.stdout)
			assert.Equal(t, "readtop: Read(buf, 100) of a 16-byte file near the top of the stack: 16: ok\n"+
				"readtop: Read(buf, 100) of a 100-byte file fills the 56 bytes up to the top: ok\n"+
				"readtop: the next Read goes on where the short one stopped: ok\n"+
				"readtop: Read(buf, 100) of the console takes 56 characters and leaves the rest: ok\n", out)
			assert.Contains(t, r.stdout, "nachos: test/readtop: exited with status 0 (pid 1)\n")
		}
	}
	r := nachos(t, readtopInput, "--fs-root", t.TempDir(), "-d", "a", "-x", "test/readtop")
	assert.Equal(t, 2, strings.Count(r.stdout, "Read by test/readtop (pid 1) stops after 56 bytes: bad address 0x"),
		"-d a says where each short Read stopped")
}

// A NOFF file whose bss starts 8 bytes before the end of its data, as
// about one in six do from historical courses' converters, runs as it
// does on Nachos: exactly like the program it came from.
func TestNOFFWithBSSOverlappingDataRuns(t *testing.T) {
	noff := filepath.Join(t.TempDir(), "office.noff")
	conv := nachos(t, "", "elf2noff", "test/office", noff)
	require.Equal(t, 0, conv.status, conv.stderr)
	data, err := os.ReadFile(noff)
	require.NoError(t, err)
	// office: data [0xa78, 0xa90), bss [0xa90, 0xb20). The 3.4 header's
	// bss entry is at byte 28: {virtualAddr, inFileAddr, size}.
	le := binary.LittleEndian
	require.Equal(t, uint32(0xa90), le.Uint32(data[28:]), "office's layout changed; update this test")
	le.PutUint32(data[28:], 0xa88)
	le.PutUint32(data[36:], le.Uint32(data[36:])+8)
	require.NoError(t, os.WriteFile(noff, data, 0o644))

	want := nachos(t, "", "-x", "test/office")
	got := nachos(t, "", "-x", noff)
	assert.Equal(t, want.status, got.status, got.stderr)
	assert.Equal(t, strings.ReplaceAll(want.stdout, "test/office", noff), got.stdout)
	debug := nachos(t, "", "-d", "a", "-x", noff)
	assert.Contains(t, debug.stdout, noff+": the bss segment [0x00000a88, 0x00000b20) starts 8 bytes before the end of the data segment [0x00000a78, 0x00000a90); as in Nachos, the data's bytes win where they overlap\n")
}
