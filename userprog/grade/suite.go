// Suites: the YAML files that say what to run and what must come out.
//
// A suite is one file. Its defaults are one value, merged under every
// test: a test's own keys win, and a key it leaves out keeps the default.
// Misspelt keys are refused with the file and the line, because a check
// that silently never runs would pass every student.
//
//	suite: threads
//	defaults: {points: 1, ticks: 1000000, timeout: 10s}
//	tests:
//	  - name: lock
//	    kernel-test: lock
//	    points: 5
//	    expect: {status: 0, contains: ["all 9 visits were alone"]}
//	    trace: [{mutual-exclusion: room}]
//	  - name: exec
//	    program: test/exec
//	    depends: [lock]
//	    trace: [{exits: {test/exec: 7220, test/bad: -1005}}, {join-waits: true}]

package grade

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Suite is one suite file.
type Suite struct {
	Name  string // from the file's "suite" key, or its base name
	Path  string // the file it was read from
	Tests []*Test
}

// Test is one test of a suite, with the suite's defaults merged in.
type Test struct {
	Suite string `yaml:"-"` // the suite's name, set by Load
	Name  string `yaml:"name"`
	Doc   string `yaml:"doc"` // one line on what the test shows, for reports

	// What to run: exactly one of the three.
	Program    string   `yaml:"program"`     // nachos -x PROGRAM
	KernelTest string   `yaml:"kernel-test"` // nachos -K NAME
	Cluster    []string `yaml:"cluster"`     // nachos cluster "MACHINE FLAGS"...: one machine's flags each

	Flags   []string `yaml:"flags"`   // more nachos flags, such as --phys-pages 256
	Stdin   string   `yaml:"stdin"`   // the console's input
	Scratch bool     `yaml:"scratch"` // give the run an empty directory of its own as --fs-root
	Seeded  bool     `yaml:"seeded"`  // run under each -rs seed (false: once, without -rs)

	// Limits: every run has both, so no test can hang the grader.
	Ticks   int64    `yaml:"ticks"`   // --max-ticks: simulated time
	Timeout Duration `yaml:"timeout"` // wall-clock time

	Points     float64  `yaml:"points"`
	Depends    []string `yaml:"depends"`    // tests of the same suite that must pass first
	Visibility string   `yaml:"visibility"` // Gradescope's: visible, hidden, after_due_date, after_published

	Expect Expect  `yaml:"expect"`
	Trace  []Check `yaml:"trace"`

	index int // its place among all the tests being graded (see Shard.Select)
}

// FullName names the test across suites: "threads/lock".
func (t *Test) FullName() string { return t.Suite + "/" + t.Name }

// Duration is a time.Duration written as "10s" or "1m30s" in YAML.
type Duration time.Duration

// UnmarshalYAML reads a duration such as "10s".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v <= 0 {
		return fmt.Errorf("line %d: %q is not a duration (write 10s, 2m or 1m30s)", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// builtinDefaults are what a suite's defaults start from.
var builtinDefaults = Test{
	Seeded:     true,
	Ticks:      10_000_000,
	Timeout:    Duration(30 * time.Second),
	Points:     1,
	Visibility: "visible",
}

// suiteFile is a suite file as written.
type suiteFile struct {
	Suite    string      `yaml:"suite"`
	Doc      string      `yaml:"doc"`
	Defaults yaml.Node   `yaml:"defaults"`
	Tests    []yaml.Node `yaml:"tests"`
}

// Load reads the suites in paths. A path may be a directory, which
// stands for every *.yaml file in it.
func Load(paths ...string) ([]*Suite, error) {
	var suites []*Suite
	for _, p := range paths {
		files := []string{p}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			files, _ = filepath.Glob(filepath.Join(p, "*.yaml"))
			if len(files) == 0 {
				return nil, fmt.Errorf("%s: no *.yaml suites in this directory", p)
			}
		}
		for _, f := range files {
			s, err := LoadFile(f)
			if err != nil {
				return nil, err
			}
			suites = append(suites, s)
		}
	}
	seen := map[string]string{}
	for _, s := range suites {
		if other, ok := seen[s.Name]; ok {
			return nil, fmt.Errorf("%s: suite %q is also the name of %s: give one of them another \"suite:\" name", s.Path, s.Name, other)
		}
		seen[s.Name] = s.Path
	}
	return suites, nil
}

// LoadFile reads one suite file.
func LoadFile(path string) (*Suite, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f suiteFile
	if err := strictDecode(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Suite{Name: f.Suite, Path: path}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	defaults := builtinDefaults
	if err := decodeOnto(&f.Defaults, &defaults); err != nil {
		return nil, fmt.Errorf("%s: defaults: %w", path, err)
	}
	for i := range f.Tests {
		t := defaults // a copy; slices are replaced, never appended to
		if err := decodeOnto(&f.Tests[i], &t); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.Suite = s.Name
		if err := t.validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: test %q: %w", path, f.Tests[i].Line, t.Name, err)
		}
		s.Tests = append(s.Tests, &t)
	}
	if len(s.Tests) == 0 {
		return nil, fmt.Errorf("%s: no tests (list them under \"tests:\")", path)
	}
	if err := s.checkDepends(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// decodeOnto decodes a YAML node over v, keeping what the node does not
// mention, and refusing keys v does not have.
func decodeOnto(n *yaml.Node, v any) error {
	if n.Kind == 0 {
		return nil // the key was absent
	}
	data, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	return strictDecode(data, v)
}

// strictDecode decodes YAML, refusing unknown keys.
func strictDecode(data []byte, v any) error {
	d := yaml.NewDecoder(bytes.NewReader(data))
	d.KnownFields(true)
	err := d.Decode(v)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// validate checks what a test says before anything runs.
func (t *Test) validate() error {
	switch {
	case t.Name == "":
		return errors.New("a test needs a name")
	case strings.ContainsAny(t.Name, "/ \t"):
		return errors.New("a test's name has no spaces or slashes")
	case t.what() != 1:
		return errors.New("give exactly one of program (nachos -x), kernel-test (nachos -K) and cluster (nachos cluster)")
	case len(t.Cluster) > 0 && (t.Scratch || t.Stdin != ""):
		return errors.New("a cluster's machines have no console input or scratch directory: give them in the machines' own flags")
	case t.Ticks <= 0:
		return errors.New("ticks (the --max-ticks limit) must be positive")
	case t.Points < 0:
		return errors.New("points cannot be negative")
	case !validVisibility[t.Visibility]:
		return fmt.Errorf("visibility %q is not one of visible, hidden, after_due_date, after_published", t.Visibility)
	}
	if err := t.Expect.compile(); err != nil {
		return err
	}
	for i := range t.Trace {
		if err := t.Trace[i].compile(); err != nil {
			return fmt.Errorf("trace check %d: %w", i+1, err)
		}
	}
	return nil
}

// what is how many of program, kernel-test and cluster the test gives.
func (t *Test) what() int {
	n := 0
	for _, given := range []bool{t.Program != "", t.KernelTest != "", len(t.Cluster) > 0} {
		if given {
			n++
		}
	}
	return n
}

// programs are the programs the test runs by name (-x), on its one
// machine or on any machine of its cluster.
func (t *Test) programs() []string {
	if t.Program != "" {
		return []string{t.Program}
	}
	var progs []string
	for _, m := range t.Cluster {
		fields := strings.Fields(m)
		for i, f := range fields[:max(0, len(fields)-1)] {
			if f == "-x" {
				progs = append(progs, fields[i+1])
			}
		}
	}
	return progs
}

// validVisibility are Gradescope's visibilities.
var validVisibility = map[string]bool{"visible": true, "hidden": true, "after_due_date": true, "after_published": true}

// checkDepends refuses dependencies on tests that do not exist, and
// cycles, which would leave tests waiting for each other forever.
func (s *Suite) checkDepends() error {
	byName := map[string]*Test{}
	for _, t := range s.Tests {
		if byName[t.Name] != nil {
			return fmt.Errorf("two tests are called %q", t.Name)
		}
		byName[t.Name] = t
	}
	for _, t := range s.Tests {
		for _, d := range t.Depends {
			if byName[d] == nil {
				return fmt.Errorf("test %q depends on %q, which is not a test of suite %q", t.Name, d, s.Name)
			}
		}
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var visit func(t *Test, path []string) error
	visit = func(t *Test, path []string) error {
		switch state[t.Name] {
		case visiting:
			return fmt.Errorf("tests depend on each other in a cycle: %s -> %s", strings.Join(path, " -> "), t.Name)
		case done:
			return nil
		}
		state[t.Name] = visiting
		for _, d := range t.Depends {
			if err := visit(byName[d], append(path, t.Name)); err != nil {
				return err
			}
		}
		state[t.Name] = done
		return nil
	}
	for _, t := range s.Tests {
		if err := visit(t, nil); err != nil {
			return err
		}
	}
	return nil
}
