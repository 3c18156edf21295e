package e2e

import (
	"regexp"
	"strings"
)

// kernelMessage is one line the kernel itself writes to standard error,
// such as "nachos: test/sort: exited with status 0 (pid 3)". The kernel
// writes at once, except in the middle of a program's Write, so on a
// terminal a kernel line can come between two of a program's Writes, but
// never inside one (see nachosOnTerminal).
var kernelMessage = regexp.MustCompile(`nachos: [^\n]*\n`)

// exitMessage is the kernel's line for a program that ended normally.
var exitMessage = regexp.MustCompile(`(?m)^nachos: \S+: exited with status -?\d+ \(pid \d+\)\n`)

// programOutput is what the user programs of a run wrote to the console:
// stdout up to the halt statistics, without the kernel's own lines (when
// stdout and stderr were one stream).
func programOutput(stdout string) string {
	text, _, _ := strings.Cut(stdout, "Machine halting!\n")
	return kernelMessage.ReplaceAllString(text, "")
}

// kernelMessages are the kernel's own lines in stderr, in order.
func kernelMessages(stderr string) []string {
	return kernelMessage.FindAllString(stderr, -1)
}

// problems is stderr without the lines saying that programs exited
// normally: the run's errors and warnings.
func problems(stderr string) string {
	return exitMessage.ReplaceAllString(stderr, "")
}
