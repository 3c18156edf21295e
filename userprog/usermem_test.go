package userprog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Read and Write need only the bytes they move to be reachable, and stop
// at the first one that is not, returning how many they moved; -1 if not
// even the first.
func TestReadAndWriteNearTheEndOfMemory(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sixteen"), []byte("0123456789abcdef"), 0o644))
	k, p := syscallKernel(t, "nachos3", dir)
	top := p.space.Size()
	fd := uint32(call(k, p, scOpen, putName(t, k, p, "sixteen")))

	assert.Equal(t, int32(-1), call(k, p, scRead, top, 100, fd), "no byte of the buffer is in memory")
	assert.Equal(t, int32(8), call(k, p, scRead, top-8, 100, fd), "8 bytes fit below the top")
	got, err := k.copyIn(top-8, 8)
	require.NoError(t, err)
	assert.Equal(t, "01234567", string(got))
	assert.Equal(t, int32(8), call(k, p, scRead, top-600, 100, fd), "the rest of the file was left for the next Read")
	got, err = k.copyIn(top-600, 8)
	require.NoError(t, err)
	assert.Equal(t, "89abcdef", string(got))

	require.Equal(t, int32(0), call(k, p, scCreate, putName(t, k, p, "out")))
	out := uint32(call(k, p, scOpen, putName(t, k, p, "out")))
	assert.Equal(t, int32(-1), call(k, p, scWrite, top, 4, out))
	assert.Equal(t, int32(8), call(k, p, scWrite, top-8, 100, out), "Write moves the 8 bytes that are there")
	data, err := os.ReadFile(filepath.Join(dir, "out"))
	require.NoError(t, err)
	assert.Equal(t, "01234567", string(data))
}
