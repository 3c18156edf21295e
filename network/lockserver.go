// The lock server: locks, condition variables and monitor variables
// shared by the user programs of many machines.
//
// A server machine keeps the objects; client machines started with
// --remote send it their programs' CreateLock, Acquire, Wait, GetMV...
// calls by RPC (userprog/remote.go). Objects are shared by name: a
// CreateLock of an existing name returns the existing lock. A lock is held
// by one thread of one machine (machine, thread number). Calls that must
// wait (Acquire of a held lock, Wait) are answered only when they may go
// on: the server keeps the request and replies later, so the client's
// thread simply stays blocked in its RPC.
//
// Misuse never stops the server: a bad handle, a Release by a thread that
// does not hold the lock, a Wait or Signal without the lock, are answered
// with -1 and the reason, which the client's kernel shows under -d a.
//
// Conditions are Mesa-style, as the kernel's: Signal moves one waiter to
// the queue of the lock it waited with, and its Wait returns once it has
// the lock again.

package network

import (
	"fmt"
	"strings"

	"nachos/machine"
	"nachos/userprog"
)

// LockBox is the mailbox a lock server serves in.
const LockBox MailBoxAddress = 6

// owner is a thread of a client machine.
type owner struct {
	machine machine.NetworkAddress
	thread  int32
}

func (o owner) String() string { return fmt.Sprintf("thread %d of machine %d", o.thread, o.machine) }

// waiter is a thread whose call is answered later: for a lock, and, for
// a condition, the lock it will take again.
type waiter struct {
	req  Request
	who  owner
	lock int32
}

type serverLock struct {
	name    string
	held    bool
	holder  owner
	waiters []waiter
	gone    bool
}

type serverCondition struct {
	name    string
	waiters []waiter
	gone    bool
}

type serverMV struct {
	name  string
	value int32
	gone  bool
}

// LockServer keeps the shared objects.
type LockServer struct {
	srv   *Server
	group *Replicas // the other servers of a replicated service, or nil
	locks []*serverLock
	conds []*serverCondition
	mvs   []*serverMV
	names map[string]int32 // "kind name" -> handle
}

// StartLockServer serves locks, conditions and monitor variables on this
// machine, in LockBox. With more than one server in servers (this machine
// among them), the servers replicate the objects, applying every request
// in one order agreed by Lamport timestamps (replicas.go).
func StartLockServer(r *Reliable, servers []machine.NetworkAddress) (*LockServer, error) {
	s := &LockServer{names: map[string]int32{}}
	if len(servers) > 1 {
		g, err := NewReplicas(r, servers, s.applyOrdered)
		if err != nil {
			return nil, err
		}
		s.group = g
	}
	s.srv = Serve(r, LockBox, "lock server", s.handle)
	return s, nil
}

// handle takes a client's request: a lone server serves it at once, a
// replicated one has the group order it first.
func (s *LockServer) handle(req Request) ([]byte, bool) {
	if s.group != nil {
		s.group.Submit(req)
		return nil, false
	}
	return s.serve(req)
}

// applyOrdered serves a request in the group's order; only the server
// the client asked answers it.
func (s *LockServer) applyOrdered(req Request, mine bool) {
	req.foreign = !mine
	if reply, done := s.serve(req); done {
		s.reply(req, reply)
	}
}

// reply answers a request, unless another server of the group must.
func (s *LockServer) reply(req Request, reply []byte) {
	if !req.foreign {
		s.srv.Reply(req, reply)
	}
}

// serve carries out one request: op in Proc, then the name, A, B and the
// calling thread.
func (s *LockServer) serve(req Request) ([]byte, bool) {
	d := NewDecoder(req.Args)
	c := userprog.RemoteCall{Op: userprog.RemoteOp(req.Proc), Name: d.String(), A: d.Int(), B: d.Int(), Caller: d.Int()}
	if d.Err() != nil {
		return answer(-1, "a malformed request"), true
	}
	who := owner{req.From, c.Caller}
	result, why, done := s.apply(c, who, req)
	if !done {
		return nil, false
	}
	return answer(result, why), true
}

func answer(result int32, why string) []byte {
	var e Encoder
	return e.Int(result).String(why).Bytes()
}

// apply carries out one call. It returns the result and, for -1, why; done
// is false when the caller must wait for its answer.
func (s *LockServer) apply(c userprog.RemoteCall, who owner, req Request) (result int32, why string, done bool) {
	switch c.Op {
	case userprog.RemoteCreateLock:
		return s.create("lock", c.Name, func() int32 { s.locks = append(s.locks, &serverLock{name: c.Name}); return int32(len(s.locks) - 1) }), "", true
	case userprog.RemoteCreateCondition:
		return s.create("condition", c.Name, func() int32 {
			s.conds = append(s.conds, &serverCondition{name: c.Name})
			return int32(len(s.conds) - 1)
		}), "", true
	case userprog.RemoteCreateMV:
		return s.create("mv", c.Name, func() int32 {
			s.mvs = append(s.mvs, &serverMV{name: c.Name, value: c.B})
			return int32(len(s.mvs) - 1)
		}), "", true
	}
	l, cv, mv := s.lock(c.A), s.cond(c.A), s.mv(c.A)
	switch c.Op {
	case userprog.RemoteAcquire:
		switch {
		case l == nil:
			return -1, "no such lock", true
		case l.held && l.holder == who:
			return -1, fmt.Sprintf("%s already holds lock %q", who, l.name), true
		case l.held:
			l.waiters = append(l.waiters, waiter{req, who, c.A})
			return 0, "", false
		}
		l.held, l.holder = true, who
		return 0, "", true
	case userprog.RemoteRelease:
		if why := s.mustHold(l, who); why != "" {
			return -1, why, true
		}
		s.release(l)
		return 0, "", true
	case userprog.RemoteWait:
		lk := s.lock(c.B)
		if why := s.mustHoldFor(cv, lk, who, c.Op); why != "" {
			return -1, why, true
		}
		cv.waiters = append(cv.waiters, waiter{req, who, c.B})
		s.release(lk)
		return 0, "", false
	case userprog.RemoteSignal, userprog.RemoteBroadcast:
		lk := s.lock(c.B)
		if why := s.mustHoldFor(cv, lk, who, c.Op); why != "" {
			return -1, why, true
		}
		for len(cv.waiters) > 0 {
			w := cv.waiters[0]
			cv.waiters = cv.waiters[1:]
			if lk := s.lock(w.lock); lk != nil {
				s.take(lk, w)
			} else {
				s.reply(w.req, answer(-1, "the lock it waited with was destroyed"))
			}
			if c.Op == userprog.RemoteSignal {
				break
			}
		}
		return 0, "", true
	case userprog.RemoteGetMV:
		if mv == nil {
			return -1, "no such monitor variable", true
		}
		return mv.value, "", true
	case userprog.RemoteSetMV:
		if mv == nil {
			return -1, "no such monitor variable", true
		}
		mv.value = c.B
		return 0, "", true
	case userprog.RemoteDestroyLock:
		if l == nil || l.held || len(l.waiters) > 0 {
			return -1, "no such lock, or it is in use", true
		}
		l.gone = true
		delete(s.names, "lock "+l.name)
		return 0, "", true
	case userprog.RemoteDestroyCondition:
		if cv == nil || len(cv.waiters) > 0 {
			return -1, "no such condition, or threads wait in it", true
		}
		cv.gone = true
		delete(s.names, "condition "+cv.name)
		return 0, "", true
	case userprog.RemoteDestroyMV:
		if mv == nil {
			return -1, "no such monitor variable", true
		}
		mv.gone = true
		delete(s.names, "mv "+mv.name)
		return 0, "", true
	}
	return -1, fmt.Sprintf("no operation %d", int(c.Op)), true
}

// create returns the handle of the object of this kind and name, making
// it first if there is none.
func (s *LockServer) create(kind, name string, make func() int32) int32 {
	key := kind + " " + name
	if h, ok := s.names[key]; ok {
		return h
	}
	h := make()
	s.names[key] = h
	return h
}

func (s *LockServer) mustHold(l *serverLock, who owner) string {
	switch {
	case l == nil:
		return "no such lock"
	case !l.held || l.holder != who:
		return fmt.Sprintf("%s does not hold lock %q", who, l.name)
	}
	return ""
}

// mustHoldFor says why who may not call op (Wait, Signal or Broadcast)
// on condition cv with lock l, or "" if it may.
func (s *LockServer) mustHoldFor(cv *serverCondition, l *serverLock, who owner, op userprog.RemoteOp) string {
	if cv == nil {
		return "no such condition"
	}
	if why := s.mustHold(l, who); why != "" {
		return op.String() + " without the lock: " + why
	}
	return ""
}

// release frees l and hands it to its first waiter, answering its call.
func (s *LockServer) release(l *serverLock) {
	l.held = false
	if len(l.waiters) > 0 {
		w := l.waiters[0]
		l.waiters = l.waiters[1:]
		s.take(l, w)
	}
}

// take gives l to w now if it is free, or queues w for it.
func (s *LockServer) take(l *serverLock, w waiter) {
	if l.held {
		l.waiters = append(l.waiters, w)
		return
	}
	l.held, l.holder = true, w.who
	s.reply(w.req, answer(0, ""))
}

func (s *LockServer) lock(h int32) *serverLock {
	if h < 0 || int(h) >= len(s.locks) || s.locks[h].gone {
		return nil
	}
	return s.locks[h]
}

func (s *LockServer) cond(h int32) *serverCondition {
	if h < 0 || int(h) >= len(s.conds) || s.conds[h].gone {
		return nil
	}
	return s.conds[h]
}

func (s *LockServer) mv(h int32) *serverMV {
	if h < 0 || int(h) >= len(s.mvs) || s.mvs[h].gone {
		return nil
	}
	return s.mvs[h]
}

// Tables describes every object the server holds, one per line: locks,
// conditions, then monitor variables, each by handle. For comparing
// servers and runs.
func (s *LockServer) Tables() string {
	var lines []string
	for i, l := range s.locks {
		holder := "free"
		if l.held {
			holder = "held by " + l.holder.String()
		}
		lines = append(lines, fmt.Sprintf("lock %d %q %s, %d waiting, gone=%v", i, l.name, holder, len(l.waiters), l.gone))
	}
	for i, c := range s.conds {
		lines = append(lines, fmt.Sprintf("condition %d %q %d waiting, gone=%v", i, c.name, len(c.waiters), c.gone))
	}
	for i, m := range s.mvs {
		lines = append(lines, fmt.Sprintf("mv %d %q = %d, gone=%v", i, m.name, m.value, m.gone))
	}
	return strings.Join(lines, "\n")
}

// Applied counts the requests the server has applied.
func (s *LockServer) Applied() int {
	if s.group != nil {
		return s.group.Applied
	}
	return -1
}

// LockClient sends a machine's synchronization calls to lock servers
// (userprog.RemoteSync): each call to the next server in turn.
type LockClient struct {
	C       *Client
	Servers []machine.NetworkAddress
	next    int
}

// Call makes one remote call (userprog.RemoteSync).
func (lc *LockClient) Call(c userprog.RemoteCall) (int32, error) {
	server := lc.Servers[lc.next%len(lc.Servers)]
	lc.next++
	var e Encoder
	reply, err := lc.C.Call(server, LockBox, int(c.Op), e.String(c.Name).Int(c.A).Int(c.B).Int(c.Caller).Bytes())
	if err != nil {
		return -1, err
	}
	d := NewDecoder(reply)
	result, why := d.Int(), d.String()
	if err := d.Err(); err != nil {
		return -1, fmt.Errorf("the lock server's answer: %w", err)
	}
	if why != "" {
		return -1, fmt.Errorf("the lock server on machine %d refused %s: %s", server, c.Op, why)
	}
	return result, nil
}
