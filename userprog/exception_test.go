package userprog

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// threadReturn ends only a forked thread: main jumping there is a bad
// jump like any other.
func TestMainJumpingToThreadReturnIsKilled(t *testing.T) {
	var code []byte
	for _, w := range []uint32{
		0x3c02ffff, // lui $2,0xffff
		0x3442fffc, // ori $2,$2,0xfffc
		0x00400008, // jr $2
		0x00000000, // nop
	} {
		code = binary.LittleEndian.AppendUint32(code, w)
	}
	path := filepath.Join(t.TempDir(), "jump")
	require.NoError(t, os.WriteFile(path, noffImage(code), 0o644))
	var errs bytes.Buffer
	k, err := New(kernel.Config{In: strings.NewReader(""), Out: io.Discard, Err: &errs}, Config{})
	require.NoError(t, err)
	status, err := k.RunProgram(path)
	require.NoError(t, err)
	assert.Equal(t, kernel.ExitUserFault, status)
	assert.Contains(t, errs.String(), "address error at pc 0xfffffffc")
}
