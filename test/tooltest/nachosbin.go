package tooltest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RunWithNachos builds the nachos command of the tree at root into a
// temporary directory, as make build does (without cgo), points *bin at
// it, runs the package's tests and exits with their status. A TestMain
// calls it, so that every test of a package runs the one real binary, as
// a student or a grader would.
func RunWithNachos(m *testing.M, root string, bin *string) {
	dir, err := os.MkdirTemp("", "nachos-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*bin = filepath.Join(dir, "nachos")
	build := exec.Command("go", "build", "-o", *bin, "./cmd/nachos")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building nachos: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
