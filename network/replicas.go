// Replicated servers that agree on one order of requests: Lamport's
// totally ordered multicast.
//
// With several lock servers (--servers N), a client sends each request to
// any one of them. For every server to hold the same objects, all must
// apply all requests in the same order, and they agree on it without a
// leader, by Lamport timestamps:
//
//  1. Each server keeps a Lamport clock. The server a request comes to
//     stamps it with its clock (after adding one) and multicasts it to
//     every other server; each keeps every request in a queue ordered by
//     (timestamp, server id): ties go to the lower id, so the order is
//     total.
//  2. A server that receives a stamped request moves its clock past the
//     stamp and answers every other server with an acknowledgement,
//     stamped with its clock.
//  3. A server applies the request at the head of its queue once it has
//     seen a later (timestamp, id) from every other server. Channels are
//     FIFO (reliable messages), so nothing stamped earlier can still
//     come: every server applies the same requests in the same order.
//
// Only the server the client asked answers it; the others apply the
// request silently. A server's outgoing messages leave in the order they
// were stamped, from one sender thread, so that no server ever sees a
// later stamp from it before an earlier one.
//
// Messages travel in ReplicaBox:
//
//	request:         'M' | timestamp (8) | origin (2) | client (4) | reply box (2) | id (4) | proc (2) | args
//	acknowledgement: 'K' | timestamp (8) | origin (2)

package network

import (
	"encoding/binary"
	"fmt"
	"slices"

	"nachos/kernel"
	"nachos/machine"
)

// ReplicaBox is where the servers of a replicated service talk.
const ReplicaBox MailBoxAddress = 5

// stamped is a request with its Lamport timestamp and the server that
// stamped it.
type stamped struct {
	ts     int64
	origin int
	req    Request
}

func (a stamped) before(ts int64, origin int) bool {
	return a.ts < ts || a.ts == ts && a.origin < origin
}

// Replicas orders the requests of a group of servers.
type Replicas struct {
	r       *Reliable
	me      int                      // this server's index in servers
	servers []machine.NetworkAddress // the group, by index
	apply   func(req Request, mine bool)

	// Guarded by mu: a timer preemption must not slip between taking a
	// timestamp and queueing the message that carries it.
	mu     *kernel.Lock
	clock  int64
	queue  []stamped // requests not yet applied, by (timestamp, origin)
	latest []int64   // the latest timestamp seen from each server
	outbox *kernel.SynchList[[]byte]

	// Applied counts the requests applied, in the group's order.
	Applied int
}

// NewReplicas joins this machine to the group of servers and calls apply
// for every request of the group, in the group's total order; mine says
// whether the request came to this server.
func NewReplicas(r *Reliable, servers []machine.NetworkAddress, apply func(req Request, mine bool)) (*Replicas, error) {
	me := -1
	for i, s := range servers {
		if s == r.po.Addr() {
			me = i
		}
	}
	if me < 0 {
		return nil, fmt.Errorf("machine %d is not one of the servers %v", r.po.Addr(), servers)
	}
	g := &Replicas{r: r, me: me, servers: servers, apply: apply,
		mu: r.k.NewLock("replicas"), latest: make([]int64, len(servers)),
		outbox: kernel.NewSynchList[[]byte](r.k, "replica outbox")}
	r.k.Fork("replica receiver", g.receive).SetDaemon()
	r.k.Fork("replica sender", g.send).SetDaemon()
	return g, nil
}

// Submit orders a request that came to this server.
func (g *Replicas) Submit(req Request) {
	g.mu.Acquire()
	g.clock++
	s := stamped{ts: g.clock, origin: g.me, req: req}
	g.insert(s)
	msg := binary.LittleEndian.AppendUint64([]byte{'M'}, uint64(s.ts))
	msg = binary.LittleEndian.AppendUint16(msg, uint16(g.me))
	msg = binary.LittleEndian.AppendUint32(msg, uint32(req.From))
	msg = binary.LittleEndian.AppendUint16(msg, uint16(req.ReplyBox))
	msg = binary.LittleEndian.AppendUint32(msg, req.ID)
	msg = binary.LittleEndian.AppendUint16(msg, uint16(req.Proc))
	g.outbox.Append(append(msg, req.Args...))
	g.applyReady()
	g.mu.Release()
}

// insert puts s in the queue in (timestamp, origin) order.
func (g *Replicas) insert(s stamped) {
	at := len(g.queue)
	for at > 0 && s.before(g.queue[at-1].ts, g.queue[at-1].origin) {
		at--
	}
	g.queue = slices.Insert(g.queue, at, s)
}

// applyReady applies every request at the head of the queue that no
// server can precede any more.
func (g *Replicas) applyReady() {
	for len(g.queue) > 0 {
		h := g.queue[0]
		for j := range g.servers {
			if j != g.me && j != h.origin && !h.before(g.latest[j], j) {
				return // server j might still send something earlier
			}
		}
		g.queue = g.queue[1:]
		g.Applied++
		g.apply(h.req, h.origin == g.me)
	}
}

// receive takes the other servers' requests and acknowledgements.
func (g *Replicas) receive() {
	for {
		m := g.r.Receive(ReplicaBox)
		if len(m.Data) < 11 {
			continue
		}
		ts := int64(binary.LittleEndian.Uint64(m.Data[1:]))
		origin := int(binary.LittleEndian.Uint16(m.Data[9:]))
		if origin < 0 || origin >= len(g.servers) || origin == g.me || g.servers[origin] != m.From {
			continue
		}
		g.mu.Acquire()
		g.clock = max(g.clock, ts) + 1
		g.latest[origin] = max(g.latest[origin], ts)
		if m.Data[0] == 'M' && len(m.Data) >= 23 {
			d := m.Data[11:]
			g.insert(stamped{ts: ts, origin: origin, req: Request{
				From:     machine.NetworkAddress(binary.LittleEndian.Uint32(d)),
				ReplyBox: MailBoxAddress(binary.LittleEndian.Uint16(d[4:])),
				ID:       binary.LittleEndian.Uint32(d[6:]),
				Proc:     int(binary.LittleEndian.Uint16(d[10:])),
				Args:     d[12:],
			}})
			g.clock++
			ack := binary.LittleEndian.AppendUint64([]byte{'K'}, uint64(g.clock))
			g.outbox.Append(binary.LittleEndian.AppendUint16(ack, uint16(g.me)))
		}
		g.applyReady()
		g.mu.Release()
	}
}

// send multicasts the outbox to the other servers, one message after the
// other, so that every channel carries increasing timestamps.
func (g *Replicas) send() {
	for {
		msg := g.outbox.Remove()
		for j, s := range g.servers {
			if j != g.me {
				_ = g.r.Send(s, ReplicaBox, ReplicaBox, msg) // a crashed server is left behind
			}
		}
	}
}
