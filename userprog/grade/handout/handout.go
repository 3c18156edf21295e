// Package handout writes the trees students start from: the reference
// kernel with the code of one project taken out, each piece replaced by
// a stub that compiles and runs but does not do the job. The same
// markers also carry deliberately broken variants of the code, with
// which the grader's own tests show that the suites catch real mistakes.
//
// A solution region is marked in the Go source by comment lines, so the
// reference tree stays ordinary Go that builds and passes its tests:
//
//	//solution:begin 1
//	...the reference code, which project 1's students write...
//	//solution:stub
//	// ...the stub left in its place, commented out...
//	//solution:broken lock-if-not-while
//	// ...a broken version, commented out...
//	//solution:end
//
// A handout of project N keeps every region of the other projects as it
// is and replaces project N's by their stubs (nothing, if a region has
// none). A variant NAME replaces every region that has a broken section
// of that name by it, whatever its project. In both, the marker lines and
// the commented alternatives are gone, and the files are gofmt'ed.
package handout

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"strconv"
	"strings"
)

// Selection says which regions to replace: Project's by their stubs, or,
// if Variant is set, those with a broken section called Variant by it.
type Selection struct {
	Project int
	Variant string
}

// The marker lines.
const (
	markBegin  = "//solution:begin"
	markStub   = "//solution:stub"
	markBroken = "//solution:broken"
	markEnd    = "//solution:end"
)

// region is one marked region being read.
type region struct {
	line     int // of its begin marker, for errors
	project  int
	solution []string
	stub     []string
	broken   map[string]*[]string
	section  *[]string // where the lines being read go
}

// Transform rewrites one Go file. It returns the new source and how many
// regions it replaced; name is the file's, for errors. A file with no
// markers comes back unchanged.
func Transform(src []byte, name string, sel Selection) ([]byte, int, error) {
	if !bytes.Contains(src, []byte("//solution:")) {
		return src, 0, nil
	}
	var out []string
	var r *region
	replaced := 0
	for i, line := range strings.Split(string(src), "\n") {
		n := i + 1
		fail := func(format string, args ...any) ([]byte, int, error) {
			return nil, 0, fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...))
		}
		mark, arg := marker(line)
		switch {
		case mark == "":
			if r == nil {
				out = append(out, line)
			} else {
				*r.section = append(*r.section, line)
			}
		case mark == markBegin:
			if r != nil {
				return fail("a solution region begins inside the one begun at line %d (regions do not nest)", r.line)
			}
			p, err := strconv.Atoi(arg)
			if err != nil || p < 1 {
				return fail("write the region's project after the marker: \"%s 1\"", markBegin)
			}
			r = &region{line: n, project: p, broken: map[string]*[]string{}}
			r.section = &r.solution
		case r == nil:
			return fail("%s outside a solution region (begin one with \"%s PROJECT\")", mark, markBegin)
		case mark == markStub:
			r.section = &r.stub
		case mark == markBroken:
			if arg == "" || r.broken[arg] != nil {
				return fail("give each broken section of a region a name of its own: \"%s NAME\"", markBroken)
			}
			r.section = new([]string)
			r.broken[arg] = r.section
		case mark == markEnd:
			chosen, did := r.choose(sel)
			out = append(out, chosen...)
			if did {
				replaced++
			}
			r = nil
		}
	}
	if r != nil {
		return nil, 0, fmt.Errorf("%s:%d: the solution region begun here has no %s", name, r.line, markEnd)
	}
	formatted, err := format.Source([]byte(strings.Join(out, "\n")))
	if err == nil && replaced > 0 {
		formatted, err = dropUnusedImports(formatted, name)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("%s: the file is not Go after replacing its regions (check the stubs): %v", name, err)
	}
	return formatted, replaced, nil
}

// choose returns the lines that take the region's place, and whether
// they replace the solution.
func (r *region) choose(sel Selection) ([]string, bool) {
	if sel.Variant != "" {
		if b, ok := r.broken[sel.Variant]; ok {
			return uncomment(*b), true
		}
		return r.solution, false
	}
	if r.project == sel.Project {
		return uncomment(r.stub), true
	}
	return r.solution, false
}

// marker returns the marker on line, if it is one, and its argument.
func marker(line string) (mark, arg string) {
	t := strings.TrimSpace(line)
	for _, m := range []string{markBegin, markStub, markBroken, markEnd} {
		if rest, ok := strings.CutPrefix(t, m); ok && (rest == "" || rest[0] == ' ') {
			return m, strings.TrimSpace(rest)
		}
	}
	return "", ""
}

// uncomment turns the commented lines of a stub or broken section into
// code: "\t// x := 1" becomes "\tx := 1", and "\t// // TODO" a comment.
func uncomment(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		body := strings.TrimLeft(l, " \t")
		indent := l[:len(l)-len(body)]
		body, ok := strings.CutPrefix(body, "//")
		if !ok {
			out[i] = l // a blank line
			continue
		}
		out[i] = indent + strings.TrimPrefix(body, " ")
	}
	return out
}

// errNoRegions says that a selection matched nothing.
var errNoRegions = errors.New("no solution region matches")
