// Source lines, found by their text.
//
// A test that expects a debugger or a fault report to name a line of a
// shipped program ("fork.c:23", "start.S:83") should not write the
// number down: the next comment added above it would break the test for
// no reason. It names the line by what the line says instead, and
// SourceLine turns that into the number the tools print.

package tooltest

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// SourceLine is the number of the line of the file at path where text
// begins. text must occur exactly once in the file; when two lines read
// the same (two calls of Yield(); in fork.c), let text run on into the
// next line to say which one is meant.
func SourceLine(t testing.TB, path, text string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	src := string(data)
	n := strings.Count(src, text)
	require.NotZero(t, n, "%q is nowhere in %s", text, path)
	require.Equal(t, 1, n, "%q is in %s more than once; give more of the text", text, path)
	return 1 + strings.Count(src[:strings.Index(src, text)], "\n")
}
