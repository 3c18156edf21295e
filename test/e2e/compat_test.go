package e2e

import (
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
