// One run: a test under one seed, as a nachos process of its own.
//
// The grader never runs the kernel in its own process. A student's kernel
// may panic, loop forever outside simulated time, or print without end;
// in a process of its own it can only end its own run. Every run has a
// tick limit (--max-ticks), a wall-clock limit (the process is killed)
// and a cap on the output kept, so no test can hang the grader or fill
// its memory.

package grade

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"nachos/kernel/trace"
)

// maxOutput is how much of a run's standard output, and of its standard
// error, the grader keeps: far more than any test prints, far less than
// a runaway loop would.
const maxOutput = 4 << 20

// maxReported is how much of a failing run's output a report keeps:
// enough to see what went wrong, little enough that a report of hundreds
// of students stays small.
const maxReported = 32 << 10

// clip cuts s to at most n bytes, saying so.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("\n... (%d more bytes)\n", len(s)-n)
}

// outcome is what one run of a test decided.
type outcome struct {
	seed    uint32
	seeded  bool
	abort   bool   // the grader, not the student, failed
	err     error  // nil: every check held
	command string // the shell command that repeats the run
	output  string // what the run printed, for the report
	time    time.Duration
}

// runOnce runs test t once, under seed if the test is seeded.
func (g *Grader) runOnce(ctx context.Context, t *Test, seed uint32) (o outcome) {
	o = outcome{seed: seed, seeded: t.Seeded}
	start := time.Now()
	defer func() { o.time = time.Since(start) }()

	for _, p := range t.programs() {
		if _, err := os.Stat(filepath.Join(g.Dir, p)); err != nil {
			o.abort, o.err = true, fmt.Errorf("the suite names program %s, which is not in %s: fix the suite or build the program", p, g.Dir)
			return o
		}
	}
	args := t.args(seed)
	shown := append([]string(nil), args...) // the command as the report shows it
	var tmp string
	if t.Scratch || len(t.Trace) > 0 {
		var err error
		if tmp, err = os.MkdirTemp("", "nachos-grade"); err != nil {
			o.abort, o.err = true, fmt.Errorf("making a scratch directory: %v", err)
			return o
		}
		defer os.RemoveAll(tmp)
	}
	if t.Scratch {
		args = append(args, "--fs-root", tmp)
		shown = append(shown, "--fs-root", "$(mktemp -d)")
	}
	traceFile := filepath.Join(tmp, "trace.jsonl")
	if len(t.Trace) > 0 {
		args = append(args, "--trace", traceFile)
		shown = append(shown, "--trace", "trace.jsonl")
	}
	o.command = commandLine(g.shownNachos(), shown, t.Stdin)

	ctx, cancel := context.WithTimeout(ctx, time.Duration(t.Timeout))
	defer cancel()
	cmd := exec.CommandContext(ctx, g.Nachos, args...)
	cmd.Dir = g.Dir
	cmd.Stdin = strings.NewReader(t.Stdin)
	stdout, stderr := &capped{max: maxOutput}, &capped{max: maxOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	o.output = clip(stdout.String()+stderr.String(), maxReported)
	var exit *exec.ExitError
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		o.err = fmt.Errorf("the run took more than %v of real time and was stopped: a loop that never lets simulated time advance, or a far too slow kernel",
			time.Duration(t.Timeout))
		return o
	case ctx.Err() != nil:
		o.abort, o.err = true, errors.New("the grader was interrupted")
		return o
	case err != nil && !errors.As(err, &exit):
		o.abort, o.err = true, fmt.Errorf("could not run %s: %v", g.Nachos, err)
		return o
	}
	r := &run{status: cmd.ProcessState.ExitCode(), stderr: stderr.String()}
	r.console, r.stats = splitOutput(stdout.String())
	// A safety rule the trace shows broken (two threads in a lock, a Join
	// that did not wait) comes first: it is the cause, and a wrong status
	// or output often only its consequence. The other trace checks come
	// after the expectations, as a run cut short by an error breaks them
	// only because it was cut short.
	var events []trace.Event
	var unreadable error
	if len(t.Trace) > 0 {
		events, unreadable = readTrace(t, traceFile)
	}
	o.err = violation(t.Trace, events, true)
	if o.err == nil {
		o.err = t.Expect.check(r)
		if o.err != nil && r.status != t.Expect.Status && r.stderr != "" {
			o.err = fmt.Errorf("%w\nstandard error:\n%s", o.err, indent(r.stderr))
		}
	}
	if o.err == nil {
		o.err = violation(t.Trace, events, false)
	}
	if o.err == nil {
		o.err = unreadable
	}
	return o
}

// args are nachos's arguments for a run of t under seed, but for the
// scratch directory and the trace.
func (t *Test) args(seed uint32) []string {
	limit := strconv.FormatInt(t.Ticks, 10)
	if len(t.Cluster) > 0 {
		// The flags are the cluster's (the wire's faults); each machine
		// gets the tick limit, and --seed seeds the wire and every machine.
		args := append([]string{"cluster"}, t.Flags...)
		if t.Seeded {
			args = append(args, "--seed", strconv.FormatUint(uint64(seed), 10))
		}
		for _, m := range t.Cluster {
			args = append(args, m+" --max-ticks "+limit)
		}
		return args
	}
	var args []string
	if t.Program != "" {
		args = append(args, "-x", t.Program)
	} else {
		args = append(args, "-K", t.KernelTest)
	}
	args = append(args, t.Flags...)
	args = append(args, "--max-ticks", limit)
	if t.Seeded {
		args = append(args, "-rs", strconv.FormatUint(uint64(seed), 10))
	}
	return args
}

// readTrace reads the events of the run's trace that t's checks look
// at. A kernel that dies mid-run leaves a trace cut short, true as far
// as it goes: what could be read is returned with the error.
func readTrace(t *Test, path string) ([]trace.Event, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the run left no trace (%v), so its trace checks cannot pass", err)
	}
	defer f.Close()
	needed := map[trace.Kind]bool{}
	for _, c := range t.Trace {
		for _, k := range c.kinds {
			needed[k] = true
		}
	}
	_, events, err := trace.ReadKinds(f, "the trace", func(k trace.Kind) bool { return needed[k] })
	if err != nil {
		return events, fmt.Errorf("the run's trace cannot be read, so its trace checks cannot pass: %v", err)
	}
	return events, nil
}

// violation runs the safety checks of checks, or the others, on events,
// and returns the first rule broken.
func violation(checks []Check, events []trace.Event, safety bool) error {
	for _, c := range checks {
		if c.safety != safety {
			continue
		}
		if err := c.run(events); err != nil {
			return fmt.Errorf("trace check %s: %w", c.Name, err)
		}
	}
	return nil
}

// commandLine is the shell command that repeats a run, as a student
// would type it in the directory the grader ran in.
func commandLine(nachos string, args []string, stdin string) string {
	var b strings.Builder
	if stdin != "" {
		fmt.Fprintf(&b, "printf '%%s' %s | ", ShellQuote(stdin))
	}
	b.WriteString(ShellQuote(nachos))
	for _, a := range args {
		b.WriteByte(' ')
		if strings.HasPrefix(a, "$(") {
			b.WriteString(a) // a substitution the shell must do
		} else {
			b.WriteString(ShellQuote(a))
		}
	}
	return b.String()
}

// ShellQuote quotes s for a POSIX shell, if it needs quoting. The commands
// that repeat a run (a failing test's, and a trace's header) are quoted
// with it, to be pasted into a shell.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// capped keeps the first max bytes written to it and drops the rest,
// noting that it did.
type capped struct {
	bytes.Buffer
	max     int
	dropped bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room < len(p) {
		c.dropped = true
		c.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

func (c *capped) String() string {
	if c.dropped {
		return c.Buffer.String() + fmt.Sprintf("\n... (output cut at %d bytes)\n", c.max)
	}
	return c.Buffer.String()
}
