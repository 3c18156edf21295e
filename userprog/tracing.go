// What processes add to the structured trace (--trace): system calls
// with their arguments and results, processes starting and ending, and
// which process holds each physical frame.
//
// Without demand paging a process gets all its frames when it starts,
// and a thread's stack when the thread is forked; the frames go back
// when the thread or the process ends. The events say so, so that
// nachos view can draw the memory of any run.

package userprog

import "nachos/kernel/trace"

// traceSyscall records the system call the running thread is making.
func (k *Kernel) traceSyscall(name string) {
	e := trace.Event{Kind: trace.Syscall, Name: name}
	for i := range e.Args {
		e.Args[i] = int32(k.arg(i))
	}
	k.Trace.Emit(e)
}

// traceFrames records that p's pages from first up to end hold frames
// (those that are valid).
func (k *Kernel) traceFrames(p *Process, first, end int) {
	for vpn := first; vpn < end; vpn++ {
		if e := p.space.pageTable[vpn]; e.Valid {
			k.Trace.Emit(trace.Event{Kind: trace.FrameAlloc, Frame: int(e.PhysicalPage), Proc: p.PID, Page: vpn})
		}
	}
}

// traceFrameFree records that frame is free again.
func (k *Kernel) traceFrameFree(frame uint32) {
	k.Trace.Emit(trace.Event{Kind: trace.FrameFree, Frame: int(frame)})
}
