// Package tooltest holds what tests need to check nachos against the real
// tools and the shipped programs' sources.
//
// A test can depend on a real tool, such as the MIPS cross-compiler. On a
// student's computer a missing tool skips the test with the command that
// installs it; in CI, where NACHOS_REQUIRE_TOOLS is set, it fails the
// test, so that no check is silently lost. And a test can name a line of
// a program's source by its text (SourceLine), so that what it expects
// the tools to print survives the next edit of the source.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// CrossGCC is the MIPS cross-compiler the test programs are built with,
// and Debian's package for it.
const (
	CrossGCC        = "mipsel-linux-gnu-gcc"
	CrossGCCPackage = "gcc-mipsel-linux-gnu"
)

// Require skips t, or fails it in CI, when tool is not installed; pkg is
// the Debian package that installs it.
func Require(t testing.TB, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("NACHOS_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s missing; CI must install %s", tool, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s)", tool, pkg)
	}
}
