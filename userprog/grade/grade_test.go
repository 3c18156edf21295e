package grade

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/test/tooltest"
)

// nachosBin is the simulator, built once for the package's tests, which
// run it from the repository's root as a grader would.
var nachosBin string

const repoRoot = "../.."

func TestMain(m *testing.M) { tooltest.RunWithNachos(m, repoRoot, &nachosBin) }

// grader returns a grader of the test binary, run from the repository.
func grader(t *testing.T, seeds ...uint32) *Grader {
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	return &Grader{Nachos: nachosBin, Dir: root, Seeds: seeds, Jobs: 2}
}

// byName indexes a report's results.
func byName(rep *Report) map[string]*Result {
	m := map[string]*Result{}
	for _, r := range rep.Results {
		m[r.Name] = r
	}
	return m
}

// Each verdict comes from what the run did: pass, fail on a status
// checked in the trace, skip after a failed dependency, abort for a
// missing program (the suite's fault, not the student's), fail at the
// tick limit and the wall-clock limit, and a race that only some seeds
// expose. The first failing seed's command repeats the failure exactly.
func TestVerdicts(t *testing.T) {
	suites, err := Load("testdata/verdicts.yaml")
	require.NoError(t, err)
	rep := grader(t, 1, 2, 3).Run(context.Background(), suites)
	r := byName(rep)

	assert.Equal(t, Pass, r["passes"].Verdict)
	assert.Equal(t, 2.0, r["passes"].Points)
	assert.Equal(t, 3, r["passes"].Passed)

	assert.Equal(t, Fail, r["wrong-status"].Verdict)
	assert.Contains(t, r["wrong-status"].Message, "ended with status 7220, expected 7")
	assert.Equal(t, uint32(1), *r["wrong-status"].Seed)
	assert.Zero(t, r["wrong-status"].Points)

	assert.Equal(t, Skip, r["skipped"].Verdict)
	assert.Contains(t, r["skipped"].Message, "depends on wrong-status")
	assert.Zero(t, r["skipped"].Runs)

	assert.Equal(t, Abort, r["missing-program"].Verdict)
	assert.Contains(t, r["missing-program"].Message, "test/no-such-program")

	assert.Equal(t, Fail, r["tick-limit"].Verdict)
	assert.Contains(t, r["tick-limit"].Message, "status 3 (the tick limit was reached)")

	assert.Equal(t, Fail, r["wall-clock"].Verdict)
	assert.Contains(t, r["wall-clock"].Message, "real time")

	assert.Equal(t, Fail, r["seeded-race"].Verdict)
	assert.Equal(t, Pass, r["unseeded"].Verdict)
	assert.Equal(t, 1, r["unseeded"].Runs)
	assert.Equal(t, Pass, r["stdin"].Verdict)
	assert.False(t, rep.Passed())

	// The command in the report repeats the failing run.
	cmd := exec.Command("sh", "-c", r["tick-limit"].Command)
	cmd.Dir = t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(grader(t).Dir, "test"), filepath.Join(cmd.Dir, "test")))
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 3, exit.ExitCode())
}

// The shipped suites pass on this tree, under three seeds (make grade
// runs ten), with the JUnit and Gradescope reports well formed.
func TestShippedSuitesPass(t *testing.T) {
	suites, err := Load(filepath.Join(repoRoot, "test", "suites"))
	require.NoError(t, err)
	rep := grader(t, 1, 2, 3).Run(context.Background(), suites)
	var summary bytes.Buffer
	rep.WriteSummary(&summary)
	require.True(t, rep.Passed(), summary.String())

	var junit bytes.Buffer
	require.NoError(t, rep.WriteJUnit(&junit))
	var parsed junitSuites
	require.NoError(t, xml.Unmarshal(junit.Bytes(), &parsed))
	assert.Equal(t, len(rep.Results), parsed.Tests)
	assert.Zero(t, parsed.Failures)

	var gs bytes.Buffer
	require.NoError(t, rep.WriteGradescope(&gs))
	var results struct {
		Score float64 `json:"score"`
		Tests []struct {
			Name     string  `json:"name"`
			Score    float64 `json:"score"`
			MaxScore float64 `json:"max_score"`
			Status   string  `json:"status"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(gs.Bytes(), &results))
	earned, possible := rep.Score()
	assert.Equal(t, earned, results.Score)
	assert.Equal(t, possible, earned)
	assert.Len(t, results.Tests, len(rep.Results))
	assert.Equal(t, "passed", results.Tests[0].Status)
}

// Shards split the tests into parts that keep dependent tests together
// and cover every test once; merging their reports gives back the whole
// run's results, in suite order.
func TestShardsAndMerge(t *testing.T) {
	suites, err := Load("testdata/verdicts.yaml")
	require.NoError(t, err)
	whole := grader(t, 1).Run(context.Background(), suites)

	var parts []*Report
	for i := 1; i <= 3; i++ {
		g := grader(t, 1)
		g.Shard = Shard{i, 3}
		rep := g.Run(context.Background(), suites)
		names := map[string]bool{}
		for _, r := range rep.Results {
			names[r.Name] = true
		}
		assert.Equal(t, names["wrong-status"], names["skipped"], "a test and its dependency are in one shard")
		// Through JSON, as a CI matrix would pass them.
		var buf bytes.Buffer
		require.NoError(t, rep.WriteJSON(&buf))
		path := filepath.Join(t.TempDir(), "part.json")
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		back, err := ReadReport(path)
		require.NoError(t, err)
		parts = append(parts, back)
	}
	merged, err := Merge(parts)
	require.NoError(t, err)
	require.Len(t, merged.Results, len(whole.Results))
	for i, r := range merged.Results {
		assert.Equal(t, whole.Results[i].Name, r.Name)
		assert.Equal(t, whole.Results[i].Verdict, r.Verdict, r.Name)
	}
	_, err = Merge([]*Report{parts[0], parts[0]})
	assert.ErrorContains(t, err, "in two reports")
}

func TestParseShard(t *testing.T) {
	s, err := ParseShard("2/4")
	require.NoError(t, err)
	assert.Equal(t, Shard{2, 4}, s)
	for _, bad := range []string{"0/4", "5/4", "1", "a/b", "1/0"} {
		_, err := ParseShard(bad)
		assert.Error(t, err, bad)
	}
}

func TestParseSeeds(t *testing.T) {
	s, err := ParseSeeds("3")
	require.NoError(t, err)
	assert.Equal(t, []uint32{1, 2, 3}, s)
	s, err = ParseSeeds("42,7")
	require.NoError(t, err)
	assert.Equal(t, []uint32{42, 7}, s)
	s, err = ParseSeeds("42,")
	require.NoError(t, err)
	assert.Equal(t, []uint32{42}, s)
	_, err = ParseSeeds("0")
	assert.Error(t, err)
	_, err = ParseSeeds("1,x")
	assert.Error(t, err)
}

// A suite with a mistake is refused before anything runs, with the file,
// the line and what to do.
func TestLoadRefusesMistakes(t *testing.T) {
	cases := []struct{ suite, want string }{
		{"tests: [{name: a, program: test/halt, expcet: {status: 0}}]", "field expcet not found"},
		{"tests: [{name: a, program: test/halt, kernel-test: lock}]", "exactly one of program"},
		{"tests: [{name: a, kernel-test: lock, cluster: ['-o 1', '-o 0']}]", "exactly one of program"},
		{"tests: [{name: a, cluster: ['-o 1', '-o 0'], stdin: x}]", "no console input"},
		{"tests: [{name: a, program: test/halt, depends: [b]}]", `depends on "b", which is not a test`},
		{"tests: [{name: a, program: test/halt, depends: [b]}, {name: b, program: test/halt, depends: [a]}]", "cycle"},
		{"tests: [{name: a, program: test/halt, trace: [{mutual-exclusoin: x}]}]", `no trace check "mutual-exclusoin"`},
		{"tests: [{name: a, program: test/halt, trace: [{count: {kind: lock-aquire, min: 1}}]}]", "unknown event kind"},
		{"tests: [{name: a, program: test/halt, expect: {stats: {totl: 1}}}]", `no statistic "totl"`},
		{"tests: [{name: a, program: test/halt, expect: {regexp: '('}}]", "expect.regexp"},
		{"tests: [{name: a, program: test/halt, timeout: soon}]", "not a duration"},
		{"tests: [{name: a, program: test/halt}, {name: a, program: test/halt}]", `two tests are called "a"`},
		{"defaults: {points: 3}", "no tests"},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "s.yaml")
		require.NoError(t, os.WriteFile(path, []byte(c.suite), 0o644))
		_, err := LoadFile(path)
		if assert.Error(t, err, c.suite) {
			assert.Contains(t, err.Error(), c.want, c.suite)
		}
	}
}

// A cluster test runs nachos cluster with its flags, the seed for the
// wire and the machines, and each machine given the tick limit; the
// programs its machines name must exist.
func TestClusterArgs(t *testing.T) {
	c := &Test{Cluster: []string{"-m 0 -x test/pong", "-m 1 -x test/ping -d n"}, Flags: []string{"-l", "0.5"}, Ticks: 99, Seeded: true}
	assert.Equal(t, []string{"cluster", "-l", "0.5", "--seed", "7", "-m 0 -x test/pong --max-ticks 99", "-m 1 -x test/ping -d n --max-ticks 99"}, c.args(7))
	assert.Equal(t, []string{"test/pong", "test/ping"}, c.programs())
	c.Seeded = false
	assert.NotContains(t, c.args(7), "--seed")
	assert.Equal(t, []string{"test/halt"}, (&Test{Program: "test/halt"}).programs())
}

// Defaults are merged under each test: a test's own keys win.
func TestDefaultsMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`
defaults: {points: 3, ticks: 500, flags: [--phys-pages, "64"], expect: {status: 1}}
tests:
  - {name: a, program: test/halt}
  - {name: b, program: test/halt, points: 5, flags: [], expect: {contains: [x]}}
`), 0o644))
	s, err := LoadFile(path)
	require.NoError(t, err)
	a, b := s.Tests[0], s.Tests[1]
	assert.Equal(t, "s", s.Name)
	assert.Equal(t, 3.0, a.Points)
	assert.Equal(t, int64(500), a.Ticks)
	assert.Equal(t, []string{"--phys-pages", "64"}, a.Flags)
	assert.True(t, a.Seeded)
	assert.Equal(t, 5.0, b.Points)
	assert.Empty(t, b.Flags)
	assert.Equal(t, 1, b.Expect.Status, "expect's keys merge one by one")
	assert.Equal(t, []string{"x"}, b.Expect.Contains)
}

// The console text is what comes before the machine's statistics, which
// are read into numbers.
func TestSplitOutput(t *testing.T) {
	out := "hi\nMachine halting!\n\nTicks: total 22, idle 0, system 10, user 12\nDisk I/O: reads 1, writes 2\n" +
		"Console I/O: reads 3, writes 4\nPaging: faults 5\nNetwork I/O: packets received 6, sent 7\n\nCleaning up...\n"
	console, stats := splitOutput("Machine halting!\nforged\n" + out)
	assert.Equal(t, "Machine halting!\nforged\nhi\n", console)
	assert.Equal(t, map[string]int64{"total": 22, "idle": 0, "system": 10, "user": 12, "disk-reads": 1, "disk-writes": 2,
		"console-reads": 3, "console-writes": 4, "page-faults": 5, "packets-received": 6, "packets-sent": 7}, stats)
	console, stats = splitOutput("no halt\n")
	assert.Equal(t, "no halt\n", console)
	assert.Nil(t, stats)
}

// Each kind of expectation, held and broken.
func TestExpect(t *testing.T) {
	text := func(s string) *string { return &s }
	r := &run{console: "b\na\n", stats: map[string]int64{"total": 100}, stderr: "oops"}
	cases := []struct {
		e    Expect
		want string // "" if it holds
	}{
		{Expect{Output: text("b\na\n")}, ""},
		{Expect{Output: text("b\nc\n")}, `line 2: expected "c"`},
		{Expect{Regexp: `^b\n`}, ""},
		{Expect{Regexp: `^a`}, "regular expression"},
		{Expect{Lines: []string{"a", "b"}}, ""},
		{Expect{Lines: []string{"a", "a"}}, "lines, in any order"},
		{Expect{OneOf: []string{"x", "b\na\n"}}, ""},
		{Expect{OneOf: []string{"x"}}, "none of the 1"},
		{Expect{Contains: []string{"a\n"}, NotContains: []string{"c"}}, ""},
		{Expect{NotContains: []string{"a"}}, "must not"},
		{Expect{Stderr: []string{"oops"}}, ""},
		{Expect{Stderr: []string{"panic"}}, "standard error does not contain"},
		{Expect{Stats: map[string]string{"total": "<= 100"}}, ""},
		{Expect{Stats: map[string]string{"total": "> 100"}}, "total is 100, expected > 100"},
		{Expect{Status: 4}, "exited with status 0 (ran to its end), expected 4 (a kernel error)"},
	}
	for i, c := range cases {
		require.NoError(t, c.e.compile())
		err := c.e.check(r)
		if c.want == "" {
			assert.NoError(t, err, i)
		} else if assert.Error(t, err, i) {
			assert.Contains(t, err.Error(), c.want, i)
		}
	}
	// A kernel that panics makes nachos exit with its own status.
	assert.ErrorContains(t, (&Expect{}).check(&run{status: kernel.ExitInternalError}),
		"exited with status 70 (nachos itself failed: a Go panic")
}

// A student cannot pass a trace check by printing: forged console text
// passes the output check, but the kernel's trace says otherwise.
func TestTraceChecksCannotBeForgedByPrinting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`
suite: forged
tests:
  - name: says-7220
    program: test/echo
    stdin: "exited with status 7220\n"
    expect: {contains: ["exited with status 7220"]}
  - name: is-7220
    program: test/echo
    stdin: "exited with status 7220\n"
    expect: {contains: ["exited with status 7220"]}
    trace: [{exits: {test/echo: 7220}}]
`), 0o644))
	suites, err := Load(path)
	require.NoError(t, err)
	r := byName(grader(t, 1).Run(context.Background(), suites))
	assert.Equal(t, Pass, r["says-7220"].Verdict)
	assert.Equal(t, Fail, r["is-7220"].Verdict)
	assert.Contains(t, r["is-7220"].Message, "ended with status 24, expected 7220")
}

// The help lists every check.
func TestCheckHelpListsEveryCheck(t *testing.T) {
	help := CheckHelp()
	for _, c := range checks {
		assert.True(t, strings.Contains(help, c.name), c.name)
	}
}

// The README's tables list every trace check, every key of a test and of
// expect, and every statistic.
func TestREADMEDocumentsSuites(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	require.NoError(t, err)
	text := string(readme)
	for _, c := range checks {
		assert.True(t, strings.Contains(text, "| `"+c.name+":"), "README must list trace check %s", c.name)
	}
	for _, s := range statNames {
		assert.True(t, strings.Contains(text, " "+s+" ") || strings.Contains(text, "`"+s+" ") || strings.Contains(text, " "+s+"`"), "README must list statistic %s", s)
	}
	for _, v := range []any{Test{}, Expect{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if key == "" || key == "-" {
				continue
			}
			assert.True(t, strings.Contains(text, "`"+key+"`"), "README must document the suite key %s", key)
		}
	}
}
