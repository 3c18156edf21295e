package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seeds are the -rs seeds the multiprogramming tests run under: each
// seed is a different, repeatable pattern of timer interrupts.
var seeds = []string{"1", "2", "3", "4", "5"}

// withSeed is args, then "-rs seed" unless seed is "".
func withSeed(seed string, args ...string) []string {
	if seed == "" {
		return args
	}
	return append(args, "-rs", seed)
}

// nest runs itself four levels deep; each level Joins the next and adds
// its level as a digit, so the top level's status spells the chain.
func TestNestedExec(t *testing.T) {
	dir := t.TempDir()
	r := nachos(t, "", "--fs-root", dir, "-x", "test/nest")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Empty(t, problems(r.stderr))
	assert.Equal(t, "nest: level 1 is pid 1\n"+
		"nest: level 2 is pid 2\n"+
		"nest: level 3 is pid 3\n"+
		"nest: level 4 is pid 4\n"+
		"nest: level 3 joined level 4: 4\n"+
		"nest: level 2 joined level 3: 43\n"+
		"nest: level 1 joined level 2: 432\n", programOutput(r.stdout))
	assert.Equal(t, []string{
		"nachos: test/nest: exited with status 4 (pid 4)\n",
		"nachos: test/nest: exited with status 43 (pid 3)\n",
		"nachos: test/nest: exited with status 432 (pid 2)\n",
		"nachos: test/nest: exited with status 4321 (pid 1)\n",
	}, kernelMessages(r.stderr))
	assertNoFilesLeft(t, dir, "the deepest level removed nest.depth")
}

// With memory for two levels only, the second level's Exec returns -1;
// it exits with -2, and the top level with -2*10 + 1.
func TestNestedExecRunsOutOfMemory(t *testing.T) {
	dir := t.TempDir()
	r := nachos(t, "", "--phys-pages", "40", "--fs-root", dir, "-x", "test/nest")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "nest: level 1 is pid 1\n"+
		"nest: level 2 is pid 2\n"+
		"nest: level 1 joined level 2: -2\n", programOutput(r.stdout))
	assert.Contains(t, r.stderr, "nachos: test/nest: exited with status -19 (pid 1)\n")
	assertNoFilesLeft(t, dir, "the program removed its files")
}

// Two matmults and two sorts run at the same time in their own address
// spaces; under every seed each computes its own right answer.
func TestTwoMatmultsAndTwoSorts(t *testing.T) {
	for _, seed := range append([]string{""}, seeds...) {
		t.Run("rs="+seed, func(t *testing.T) {
			args := withSeed(seed, "--phys-pages", "256", "-x", "test/multi")
			r := nachos(t, "", args...)
			require.Equal(t, 0, r.status, r.stderr)
			assert.Empty(t, problems(r.stderr))
			assert.Equal(t, "multi: matmult exited with 7220\n"+
				"multi: sort exited with 0\n"+
				"multi: matmult exited with 7220\n"+
				"multi: sort exited with 0\n", programOutput(r.stdout))
			assert.ElementsMatch(t, []string{
				"nachos: test/matmult: exited with status 7220 (pid 2)\n",
				"nachos: test/sort: exited with status 0 (pid 3)\n",
				"nachos: test/matmult: exited with status 7220 (pid 4)\n",
				"nachos: test/sort: exited with status 0 (pid 5)\n",
				"nachos: test/multi: exited with status 0 (pid 1)\n",
			}, kernelMessages(r.stderr))
			assert.Equal(t, r, nachos(t, "", args...), "the same seed gives the same run")
			text, _, _ := strings.Cut(nachosOnTerminal(t, "", args...), "Machine halting!\n")
			for _, line := range strings.SplitAfter(text, "\n") {
				assert.Regexp(t, `^(nachos: test/\w+: exited with status \d+ \(pid \d\)|multi: \w+ exited with \d+)\n$|^$`, line, "a kernel message never cuts a Printf in two")
			}
		})
	}
}

// officeStory is office's output on the default machine, without -rs.
const officeStory = `customer 2 joins the line
customer 4 joins the line
customer 1 joins the line
customer 0 joins the line
customer 3 joins the line
clerk 0 serves customer 2
clerk 1 serves customer 4
customer 2 leaves, served by clerk 0
clerk 0 serves customer 1
customer 4 leaves, served by clerk 1
clerk 1 serves customer 0
clerk 0 serves customer 3
customer 1 leaves, served by clerk 0
customer 0 leaves, served by clerk 1
clerk 1 goes home after 2 customers
customer 3 leaves, served by clerk 0
clerk 0 goes home after 3 customers
office: 5 customers, each served once by one of 2 clerks
`

// The office simulation: customers and clerks are threads of one program
// that meet through a lock and condition variables. The story changes
// with the seed; the program's invariants, and ours, do not.
func TestOfficeSimulation(t *testing.T) {
	r := nachos(t, "", "-x", "test/office")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, officeStory, programOutput(r.stdout))
	assert.Contains(t, r.stderr, "nachos: test/office: exited with status 0 (pid 1)\n")

	stories := map[string]bool{}
	for _, seed := range seeds {
		t.Run("rs="+seed, func(t *testing.T) {
			args := withSeed(seed, "-x", "test/office")
			r := nachos(t, "", args...)
			require.Equal(t, 0, r.status, r.stderr)
			assert.Empty(t, problems(r.stderr))
			story := programOutput(r.stdout)
			stories[story] = true
			checkOfficeStory(t, story)
			assert.Equal(t, []string{"nachos: test/office: exited with status 0 (pid 1)\n"},
				kernelMessages(r.stderr))
			assert.Equal(t, r, nachos(t, "", args...), "the same seed gives the same run")
		})
	}
	assert.Greater(t, len(stories), 1, "different seeds tell different stories")
}

// checkOfficeStory checks office's output line by line: every customer
// joins, is served and leaves once, by the clerk that served it, and the
// clerks' counts add up.
func checkOfficeStory(t *testing.T, story string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(story, "\n"), "\n")
	require.NotEmpty(t, lines)
	assert.Equal(t, "office: 5 customers, each served once by one of 2 clerks", lines[len(lines)-1])
	servedBy := map[string]string{}
	served := 0
	for _, l := range lines[:len(lines)-1] {
		if m := regexp.MustCompile(`^clerk (\d) serves customer (\d)$`).FindStringSubmatch(l); m != nil {
			assert.NotContains(t, servedBy, m[2], "customer %s served twice", m[2])
			servedBy[m[2]] = m[1]
		} else if m := regexp.MustCompile(`^customer (\d) leaves, served by clerk (\d)$`).FindStringSubmatch(l); m != nil {
			assert.Equal(t, servedBy[m[1]], m[2], "customer %s leaves before being served, or names the wrong clerk", m[1])
		} else if m := regexp.MustCompile(`^clerk \d goes home after (\d) customers$`).FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			served += n
		} else {
			assert.Regexp(t, `^customer \d joins the line$`, l)
		}
	}
	for c := range 5 {
		assert.Equal(t, 1, strings.Count(story, fmt.Sprintf("customer %d joins the line\n", c)))
		assert.Equal(t, 1, strings.Count(story, fmt.Sprintf("customer %d leaves", c)))
	}
	assert.Len(t, servedBy, 5)
	assert.Equal(t, 5, served, "the clerks' counts add up to the customers")
}

// Exec returns -1 when a program does not fit, and the frames of ended
// processes (and their thread stacks) are free for the next ones: twenty
// matmults one after another would not fit otherwise.
func TestMemoryRunsOutAndComesBack(t *testing.T) {
	r := nachos(t, "", "-x", "test/reclaim")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Empty(t, problems(r.stderr))
	assert.Equal(t, "reclaim: 2 matmults fit in memory at once\n"+
		"reclaim: 20 matmults one after another: all exited with 7220\n"+
		"reclaim: 2 matmults fit again: every frame came back\n"+
		"reclaim: forkall made 11 threads, 3 times\n", programOutput(r.stdout))
	msgs := kernelMessages(r.stderr)
	assert.Equal(t, 24, strings.Count(strings.Join(msgs, ""), "test/matmult: exited with status 7220"))
	assert.Equal(t, "nachos: test/reclaim: exited with status 0 (pid 1)\n", msgs[len(msgs)-1])

	r = nachos(t, "", "--phys-pages", "40", "-x", "test/reclaim")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "reclaim: no room for matmult: Exec returned -1\n", programOutput(r.stdout))
	assert.Equal(t, []string{"nachos: test/reclaim: exited with status 1 (pid 1)\n"}, kernelMessages(r.stderr))
}

// forkall forks threads until Fork returns -1 for want of memory; the
// kernel carries on, and the program ends normally.
func TestForkUntilMemoryRunsOut(t *testing.T) {
	r := nachos(t, "", "-x", "test/forkall")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Empty(t, problems(r.stderr))
	assert.Equal(t, []string{"nachos: test/forkall: exited with status 14 (pid 1)\n"}, kernelMessages(r.stderr))
}
