package e2e

import (
	"regexp"
	"strings"
)

// kernelMessage is one line the kernel itself writes to standard output,
// such as "nachos: test/sort: exited with status 0 (pid 3)". The kernel
// writes at once, except in the middle of a program's Write, so a kernel
// line can come between two of a program's Writes, but never inside one.
var kernelMessage = regexp.MustCompile(`nachos: [^\n]*\n`)

// programOutput is what the user programs of a run wrote to the console:
// stdout without the kernel's own lines, up to the halt statistics.
func programOutput(stdout string) string {
	text, _, _ := strings.Cut(stdout, "Machine halting!\n")
	return kernelMessage.ReplaceAllString(text, "")
}

// kernelMessages are the kernel's own lines in stdout, in order.
func kernelMessages(stdout string) []string {
	return kernelMessage.FindAllString(stdout, -1)
}
