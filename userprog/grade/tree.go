// Grading another tree: a student's.
//
// "nachos grade --tree DIR" builds DIR's nachos (go build, as "make
// build" does, into DIR/bin/nachos) and grades that binary, while the
// suites, the programs they name and the directory the runs start in
// stay the grader's: the student's kernel runs the course's tests.

package grade

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildTree builds the nachos of the source tree in dir, as make build
// does (without cgo), and returns the binary's path.
func BuildTree(dir string) (string, error) {
	bin, err := filepath.Abs(filepath.Join(dir, "bin", "nachos"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/nachos")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the nachos of %s failed (%v): the tree does not compile, so every test fails:\n%s", dir, err, indent(string(out)))
	}
	return bin, nil
}
