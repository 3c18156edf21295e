// Waiting for an answer, with a timeout.
//
// Both retransmitting layers wait the same way: the reliable sender for
// the acknowledgement of a fragment, the RPC client for the reply to a
// request. The waiter sets an alarm and sleeps; whichever comes first,
// the answer or the alarm, wakes it. No answer means send again, and the
// alarm of the earlier send may still ring during the next wait: each
// wait is numbered, and an alarm set for an older one is ignored.

package network

import (
	"nachos/kernel"
	"nachos/machine"
)

// answerWait is one thread's wait for an answer that may never come.
type answerWait struct {
	wake     *kernel.Semaphore // V'd by the answer or by the alarm
	answered bool
	timedOut bool
	attempt  int // counts waits, so that a stale alarm is ignored
}

// wait sleeps until the answer comes or ticks pass, and reports whether
// it came.
func (w *answerWait) wait(k *kernel.Kernel, ticks int64) bool {
	w.attempt++
	attempt := w.attempt
	w.timedOut = false
	k.Machine.Interrupt.Schedule(func() {
		if w.attempt == attempt && !w.answered {
			w.timedOut = true
			w.wake.V()
		}
	}, ticks, machine.AlarmInt)
	for !w.answered && !w.timedOut {
		w.wake.P()
	}
	return w.answered
}

// answer wakes the waiter, the first time only.
func (w *answerWait) answer() {
	if !w.answered {
		w.answered = true
		w.wake.V()
	}
}
