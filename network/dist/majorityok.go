// The notes' second variation: majority rules.
//
// A node enters once N/2+1 members (itself included) have said OK, so up
// to N/2-1 members may be dead without stopping anyone. Each member gives
// one OK at a time: to the first REQUEST it hears while its OK is free,
// and queues the others, in (timestamp, id) order; when the node it
// favoured leaves and sends RELEASE, its OK goes to the head of its queue.
// Two nodes can never both hold a majority of OKs, so it is safe. But the
// OKs can split, each of several requesters holding some and none a
// majority, and since nobody gives an OK back before leaving, they wait
// for ever: a deadlock the outcome shows as entries never made (the
// notes' weak point is a member dying inside; this is another).

package dist

import "slices"

// MajorityOK is the notes' majority variation.
var MajorityOK = mutexAlgorithm("majority-ok",
	"enter with N/2+1 OKs, each member giving one OK at a time: tolerates dead members, but OKs can split and deadlock",
	[]string{"REQUEST", "OK", "RELEASE"}, func() protocol { return &majorityOK{} })

type majorityOK struct {
	// As a member: whom its OK is with, and the requests waiting for it.
	okWith request
	queue  []request

	// As a requester.
	mine request
	oks  int
}

func (mo *majorityOK) start(*worker)             {}
func (mo *majorityOK) giveUp(*worker, int, Sent) {}

func (mo *majorityOK) request(w *worker) {
	mo.mine, mo.oks = request{ts: w.n.Clock() + 1, node: w.n.ID}, 0
	w.n.Broadcast("REQUEST", int(mo.mine.ts))
	mo.ask(w, mo.mine)
}

func (mo *majorityOK) release(w *worker) {
	w.n.Broadcast("RELEASE", int(mo.mine.ts))
	mo.leave(w, mo.mine)
}

// ask is the member's side of a request: its OK, or a place in its queue.
func (mo *majorityOK) ask(w *worker, r request) {
	if mo.okWith.node != 0 {
		mo.queue = queueRequest(mo.queue, r)
		return
	}
	mo.okWith = r
	mo.give(w, r)
}

// give sends the member's OK for a request (to itself without a message).
func (mo *majorityOK) give(w *worker, r request) {
	if r.node == w.n.ID {
		mo.ok(w, r.ts)
		return
	}
	w.n.Send(r.node, "OK", int(r.ts))
}

// leave is the member's side of a RELEASE: the OK goes to the next.
func (mo *majorityOK) leave(w *worker, r request) {
	mo.queue = slices.DeleteFunc(mo.queue, func(q request) bool { return q == r })
	if mo.okWith != r {
		return
	}
	mo.okWith = request{}
	if len(mo.queue) > 0 {
		mo.okWith, mo.queue = mo.queue[0], mo.queue[1:]
		mo.give(w, mo.okWith)
	}
}

// ok counts an OK for the request of timestamp ts.
func (mo *majorityOK) ok(w *worker, ts int64) {
	if ts != mo.mine.ts || !w.wanting {
		return // for a request already served
	}
	if mo.oks++; mo.oks == w.n.N()/2+1 {
		w.enter()
	}
}

func (mo *majorityOK) receive(w *worker, m Message) {
	r := request{ts: int64(m.Args[0]), node: m.From}
	switch m.Kind {
	case "REQUEST":
		mo.ask(w, r)
	case "OK":
		mo.ok(w, r.ts)
	case "RELEASE":
		mo.leave(w, r)
	}
}
