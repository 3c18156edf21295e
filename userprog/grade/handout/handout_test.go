package handout

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
	"nachos/userprog/grade"
)

// A region becomes its stub in its project's handout, its broken section
// in that variant, and stays the solution otherwise; the markers and the
// commented alternatives never reach the output.
func TestTransform(t *testing.T) {
	// Spelt in capitals here, so that a handout of this tree leaves this
	// test's sample alone.
	src := `package p

import (
	"errors"
	"fmt"
)

func f() error {
	//SOLUTION:begin 1
	return fmt.Errorf("solution %d", 1)
	//SOLUTION:stub
	// // TODO
	// return errors.New("stub")
	//SOLUTION:broken wrong
	// return nil
	//SOLUTION:end
}

func g() int {
	//SOLUTION:begin 2
	return 2
	//SOLUTION:stub
	// return 0
	//SOLUTION:end
}
`
	src = strings.ReplaceAll(src, "//SOLUTION:", "//solution:")
	cases := []struct {
		sel       Selection
		n         int
		want, not []string
	}{
		{Selection{Project: 1}, 1, []string{"// TODO\n", `return errors.New("stub")`, "return 2", `"errors"`},
			[]string{"solution", "return nil", `"fmt"`}},
		{Selection{Project: 2}, 1, []string{`fmt.Errorf("solution %d", 1)`, "return 0", `"fmt"`},
			[]string{"stub", "return 2", `"errors"`}},
		{Selection{Variant: "wrong"}, 1, []string{"return nil", "return 2"}, []string{"solution", `"errors"`, `"fmt"`}},
		{Selection{Project: 3}, 0, []string{`fmt.Errorf("solution %d", 1)`, "return 2"}, []string{"stub", "return 0"}},
	}
	for _, c := range cases {
		out, n, err := Transform([]byte(src), "f.go", c.sel)
		require.NoError(t, err, c.sel)
		assert.Equal(t, c.n, n, c.sel)
		for _, w := range c.want {
			assert.Contains(t, string(out), w, c.sel)
		}
		for _, w := range append(c.not, "//solution:") {
			assert.NotContains(t, string(out), w, c.sel)
		}
	}
}

// Malformed markers are refused with the file and the line.
func TestTransformRefusesBadMarkers(t *testing.T) {
	cases := []struct{ src, want string }{
		{"package p\n//solution:begin 1\n//solution:begin 1\n//solution:end\n", "f.go:3: a solution region begins inside"},
		{"package p\n//solution:begin 1\n", "f.go:2: the solution region begun here has no //solution:end"},
		{"package p\n//solution:end\n", "f.go:2: //solution:end outside a solution region"},
		{"package p\n//solution:begin one\n//solution:end\n", "f.go:2: write the region's project"},
		{"package p\n//solution:begin 1\n//solution:broken\n//solution:end\n", "f.go:3: give each broken section"},
		{"package p\n//solution:begin 1\n//solution:stub\n// func (\n//solution:end\n", "f.go: the file is not Go"},
	}
	for _, c := range cases {
		_, _, err := Transform([]byte(c.src), "f.go", Selection{Project: 1})
		if assert.Error(t, err, c.src) {
			assert.Contains(t, err.Error(), c.want)
		}
	}
}

// repoRoot is the reference tree, whose programs the suites run.
const repoRoot = "../../.."

// tree is a source tree to build and grade, and what its suites must say.
type tree struct {
	name string
	sel  Selection
	// fail maps tests that must not pass to a phrase of the reason they
	// fail with ("": they may fail or be skipped); pass lists tests that
	// must still pass.
	fail map[string]string
	pass []string
}

// Each project's handout compiles, runs, and fails the tests of what it
// leaves out while the rest pass; and each broken variant is caught by
// the suites, by the check meant for its mistake. (That the reference
// tree passes every shipped suite is grade's TestShippedSuitesPass.)
func TestHandoutsAndBrokenVariantsFailTheirSuites(t *testing.T) {
	if testing.Short() || tooltest.Race {
		t.Skip("builds and grades ten trees, subprocesses the race detector does not see into; skipped with -short and -race")
	}
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	trees := []tree{
		{name: "project 1", sel: Selection{Project: 1},
			fail: map[string]string{"threads/lock": "trace check mutual-exclusion", "threads/cond-signal-lost": "", "threads/cond-signal-one": "",
				"threads/cond-broadcast": "", "threads/office": "", "userprog/prodcons": ""},
			pass: []string{"threads/threadtest", "threads/soda-semaphores", "threads/sleeping-barber", "threads/cond-wait-unlocked",
				"userprog/exec", "userprog/multi"}},
		{name: "project 2", sel: Selection{Project: 2},
			fail: map[string]string{"userprog/hello": "process 1 (test/hello) never ended", "userprog/exec": "", "userprog/fork": "", "userprog/badcall": ""},
			pass: []string{"userprog/halt", "userprog/bad", "threads/lock", "threads/office"}},
		{name: "project 3", sel: Selection{Project: 3},
			fail: map[string]string{"vm/halt": "nachos exited with status 1", "vm/matmult-fifo": "", "vm/matmult-clock": "", "vm/multi": ""},
			pass: []string{"userprog/matmult", "userprog/multi", "userprog/bad", "threads/lock"}},
		{name: "lock-if-not-while", sel: Selection{Variant: "lock-if-not-while"},
			fail: map[string]string{"threads/lock": "had waited longer", "userprog/prodcons": "trace check mutual-exclusion"}},
		{name: "lock-release-no-check", sel: Selection{Variant: "lock-release-no-check"},
			fail: map[string]string{"threads/lock-release-unowned": "a thread released a lock another thread holds, and nothing stopped it"},
			pass: []string{"threads/lock"}},
		{name: "cond-signal-all", sel: Selection{Variant: "cond-signal-all"},
			fail: map[string]string{"threads/cond-signal-one": ""},
			pass: []string{"threads/cond-broadcast"}},
		{name: "join-no-wait", sel: Selection{Variant: "join-no-wait"},
			fail: map[string]string{"userprog/exec": "trace check join-waits", "userprog/spawn": ""},
			pass: []string{"userprog/fork", "threads/office"}},
		{name: "exit-status-lost", sel: Selection{Variant: "exit-status-lost"},
			fail: map[string]string{"userprog/matmult": "ended with status 0, expected 7220"},
			pass: []string{"userprog/halt", "threads/lock"}},
		{name: "swap-never-read", sel: Selection{Variant: "swap-never-read"},
			fail: map[string]string{"vm/matmult-fifo": "", "vm/sort-fifo": "", "vm/swapfill": ""},
			pass: []string{"vm/halt", "vm/sparse", "userprog/matmult"}},
		{name: "clock-no-second-chance", sel: Selection{Variant: "clock-no-second-chance"},
			fail: map[string]string{"vm/matmult-clock": "statistic page-faults is 6646, expected < 6000", "vm/sort-clock": "statistic page-faults"},
			pass: []string{"vm/matmult-fifo", "vm/matmult-lru", "vm/multi"}},
	}
	dirs := make([]string, len(trees))
	for i, tr := range trees {
		dirs[i] = filepath.Join(t.TempDir(), "tree")
		_, err := Write(root, dirs[i], tr.sel)
		if errors.Is(err, errNoRegions) {
			t.Skipf("this tree is a handout, not the reference: %v", err)
		}
		require.NoError(t, err)
	}
	// Two trees at a time: building is most of the cost.
	slots := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, tr := range trees {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			t.Run(tr.name, func(t *testing.T) { checkTree(t, dirs[i], root, tr) })
		})
	}
	wg.Wait()
}

// checkTree builds the tree in dir and grades it, running the programs
// of the reference tree in root.
func checkTree(t *testing.T, dir, root string, tr tree) {
	// Each tree's grader numbers the tests it runs, so each loads the
	// suites afresh rather than sharing them with the other trees'.
	suites, err := grade.Load(filepath.Join(root, "test", "suites"))
	require.NoError(t, err)
	bin, err := grade.BuildTree(dir)
	require.NoError(t, err)

	g := &grade.Grader{Nachos: bin, Dir: root, Seeds: []uint32{1, 2, 3}, Jobs: 1}
	rep := g.Run(context.Background(), suites)
	results := map[string]*grade.Result{}
	for _, r := range rep.Results {
		results[r.FullName()] = r
	}
	for name, why := range tr.fail {
		r := results[name]
		require.NotNil(t, r, name)
		if why == "" {
			assert.NotEqual(t, grade.Pass, r.Verdict, "%s should not pass", name)
			continue
		}
		assert.Equal(t, grade.Fail, r.Verdict, "%s should fail: %s", name, r.Message)
		assert.Contains(t, r.Message, why, name)
	}
	for _, name := range tr.pass {
		r := results[name]
		require.NotNil(t, r, name)
		assert.Equal(t, grade.Pass, r.Verdict, "%s should pass: %s", name, r.Message)
	}
}

// A project no region belongs to, or a variant nobody wrote, is refused
// rather than handing out the solution.
func TestWriteRefusesEmptySelection(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	dst := filepath.Join(t.TempDir(), "out")
	_, err = Write(root, dst, Selection{Project: 9})
	assert.ErrorContains(t, err, "no region is marked")
	_, err = os.Stat(dst)
	assert.True(t, os.IsNotExist(err))
	_, err = Write(root, dst, Selection{Variant: "nonesuch"})
	assert.ErrorContains(t, err, `"//solution:broken nonesuch"`)
}
