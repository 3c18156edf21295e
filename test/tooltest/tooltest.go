// Package tooltest holds what tests need to check nachos against the real
// tools and the shipped programs' sources.
//
// A test can depend on a real tool (the MIPS cross-compiler, objdump,
// qemu-mipsel) without making the tool a requirement for everyone who runs
// the tests. Without the tool, the test is skipped with the command that
// installs it. In CI, where NACHOS_REQUIRE_TOOLS is set, a missing tool
// fails the test instead: there the comparison with the real tool must
// run. When NACHOS_SKIPPED_TOOLS names a file, each skip also adds a line
// to it, "TOOL PACKAGE", so that make test can say at the end what did not
// run and how to install it, however many packages' tests skipped.
//
// And a test can name a line of a program's source by its text
// (SourceLine), so that what it expects the tools to print survives the
// next edit of the source.
package tooltest

import (
	"fmt"
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

// Require skips t, or fails it in CI, unless tool is on the PATH. pkg is
// the Debian package that installs it.
func Require(t testing.TB, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err == nil {
		return
	}
	if os.Getenv("NACHOS_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s missing; CI must install %s", tool, pkg)
	}
	record(tool, pkg)
	t.Skipf("%s not installed (apt-get install %s)", tool, pkg)
}

// record adds the skip to the file NACHOS_SKIPPED_TOOLS names, if any. A
// write of one short line to a file opened for appending is not mixed
// with another test process's.
func record(tool, pkg string) {
	path := os.Getenv("NACHOS_SKIPPED_TOOLS")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return // the summary is a courtesy: the skip itself still says it all
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %s\n", tool, pkg)
}
