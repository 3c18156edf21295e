// Self-tests: kernel programs that exercise threads and synchronization,
// runnable by name with "nachos -K NAME" and from the Go tests.

package kernel

import "fmt"

// A SelfTest is a kernel program that runs on the main thread.
type SelfTest struct {
	Name string
	Doc  string // one line for "nachos -K list"
	Run  func(k *Kernel)
}

// SelfTests lists every self-test, in the order "nachos -K list" shows.
var SelfTests = []SelfTest{
	{"threadtest", "Nachos's ThreadTest: two threads take turns, yielding after every line", ThreadTest},
}

// FindSelfTest returns the self-test called name.
func FindSelfTest(name string) (SelfTest, bool) {
	for _, t := range SelfTests {
		if t.Name == name {
			return t, true
		}
	}
	return SelfTest{}, false
}

// ThreadTest is Nachos's first test: the main thread forks a thread, and
// the two each print five lines, yielding to the other after each one.
func ThreadTest(k *Kernel) {
	k.Fork("forked thread", func() { simpleThread(k, 1) })
	simpleThread(k, 0)
}

func simpleThread(k *Kernel, which int) {
	for num := range 5 {
		fmt.Fprintf(k.Out, "*** thread %d looped %d times\n", which, num)
		k.Yield()
	}
}
