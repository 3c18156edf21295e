// Remote procedure calls: request and reply over reliable messages.
//
// A client calls procedure proc of the service at (machine, box) with
// some argument bytes and waits for the reply; a server runs a daemon
// thread that receives requests in its box, calls its handler, and
// sends the handler's answer back. Arguments and results are marshalled
// by the stubs above this layer (Marshal and Unmarshal, lockserver.go).
//
// Semantics: at most once. Every request carries a number, unique for its
// client; a client that hears nothing for RetryTicks sends the same
// request again (the server may only be slow, or its reply lost to a
// crash of the connection). The server remembers, per client, the replies
// it sent: a request it has already executed is answered from that cache
// without running the procedure again, and a request still being served
// (a lock not yet free) is ignored, since its reply will come. A server
// that does not answer at all is dead or cut off: the reliable layer
// fails to deliver the request, and the call returns an error instead of
// waiting for ever.
//
// A reply may be deferred: the handler returns no answer yet, keeps the
// request, and calls Reply later, as a lock server answers an Acquire
// only when the lock is free.
//
// Messages (in reliable messages' data):
//
//	request: 'Q' | number (4) | proc (2) | arguments
//	reply:   'R' | number (4) | result

package network

import (
	"encoding/binary"
	"errors"
	"fmt"

	"nachos/machine"
)

// Mailboxes of the RPC layer.
const (
	ReplyBox  MailBoxAddress = 8 // where a machine's RPC client receives replies
	BinderBox MailBoxAddress = 7 // where the binder serves
)

// DefaultRetryTicks is how long a client waits for a reply before it
// sends its request again.
const DefaultRetryTicks = 20000

// ErrServerDown is what a call returns when the server never answered.
var ErrServerDown = errors.New("the server did not answer: it is down or cut off")

// Request is a call as the server sees it.
type Request struct {
	From     machine.NetworkAddress // the client machine
	ReplyBox MailBoxAddress         // where the reply goes
	ID       uint32                 // the client's number for the call
	Proc     int                    // which procedure
	Args     []byte

	foreign bool // came to another server of a replicated group, which answers it
}

// Handler serves a request: it returns the reply, or done false to
// answer later with Server.Reply.
type Handler func(req Request) (reply []byte, done bool)

// Server serves RPC requests in one box.
type Server struct {
	r       *Reliable
	box     MailBoxAddress
	handle  Handler
	replies map[clientKey]map[uint32][]byte // sent replies, or nil while a request is served

	// Repeats counts requests received again and not executed.
	Repeats int
}

type clientKey struct {
	machine machine.NetworkAddress
	box     MailBoxAddress
}

// replyCache is how many replies a server keeps per client: enough for
// every thread of a client to have a call outstanding.
const replyCache = 256

// Serve starts a daemon thread that serves requests arriving in box.
func Serve(r *Reliable, box MailBoxAddress, name string, handle Handler) *Server {
	s := &Server{r: r, box: box, handle: handle, replies: map[clientKey]map[uint32][]byte{}}
	r.k.Fork(name, s.serve).SetDaemon()
	return s
}

func (s *Server) serve() {
	for {
		m := s.r.Receive(s.box)
		if len(m.Data) < 7 || m.Data[0] != 'Q' {
			continue
		}
		req := Request{From: m.From, ReplyBox: m.FromBox, ID: binary.LittleEndian.Uint32(m.Data[1:]),
			Proc: int(binary.LittleEndian.Uint16(m.Data[5:])), Args: m.Data[7:]}
		key := clientKey{m.From, m.FromBox}
		cache := s.replies[key]
		if cache == nil {
			cache = map[uint32][]byte{}
			s.replies[key] = cache
		}
		if reply, seen := cache[req.ID]; seen {
			s.Repeats++
			if reply != nil {
				s.send(req, reply) // executed already: answer again, do not run it twice
			}
			continue // still being served: its reply will come
		}
		cache[req.ID] = nil
		if old, ok := cache[req.ID-replyCache]; ok && old != nil {
			delete(cache, req.ID-replyCache) // forget an old answer; never a call still being served
		}
		if reply, done := s.handle(req); done {
			s.Reply(req, reply)
		}
	}
}

// Reply answers a request, now or after the handler deferred it.
func (s *Server) Reply(req Request, reply []byte) {
	if reply == nil {
		reply = []byte{}
	}
	if cache := s.replies[clientKey{req.From, req.ReplyBox}]; cache != nil {
		if _, ok := cache[req.ID]; ok {
			cache[req.ID] = reply
		}
	}
	s.send(req, reply)
}

// send sends a reply from a thread of its own, so that the server goes
// on serving while the reliable layer delivers it (or, for a client that
// has gone, gives up).
func (s *Server) send(req Request, reply []byte) {
	msg := append(binary.LittleEndian.AppendUint32([]byte{'R'}, req.ID), reply...)
	s.r.k.Fork("rpc reply", func() {
		_ = s.r.Send(req.From, req.ReplyBox, s.box, msg) // a client that is gone needs no answer
	})
}

// Client makes RPC calls from one machine.
type Client struct {
	r          *Reliable
	RetryTicks int64
	nextID     uint32
	calls      map[uint32]*call
}

// call is an outstanding call: its caller waits for the reply.
type call struct {
	answerWait
	reply []byte
}

// NewClient starts the machine's RPC client, with a daemon thread that
// receives replies in ReplyBox.
func NewClient(r *Reliable) *Client {
	c := &Client{r: r, RetryTicks: DefaultRetryTicks, calls: map[uint32]*call{}}
	r.k.Fork("rpc replies", c.receive).SetDaemon()
	return c
}

func (c *Client) receive() {
	for {
		m := c.r.Receive(ReplyBox)
		if len(m.Data) < 5 || m.Data[0] != 'R' {
			continue
		}
		if call := c.calls[binary.LittleEndian.Uint32(m.Data[1:])]; call != nil && !call.answered {
			call.reply = m.Data[5:]
			call.answer()
		}
	}
}

// Call calls proc of the service at (server, box) and waits for its
// reply. It returns ErrServerDown if the server never answers.
func (c *Client) Call(server machine.NetworkAddress, box MailBoxAddress, proc int, args []byte) ([]byte, error) {
	c.nextID++
	id := c.nextID
	cl := &call{answerWait: answerWait{wake: c.r.k.NewSemaphore(fmt.Sprintf("rpc %d", id), 0)}}
	c.calls[id] = cl
	defer delete(c.calls, id)
	msg := binary.LittleEndian.AppendUint32([]byte{'Q'}, id)
	msg = binary.LittleEndian.AppendUint16(msg, uint16(proc))
	msg = append(msg, args...)
	for {
		if err := c.r.Send(server, box, ReplyBox, msg); err != nil {
			return nil, fmt.Errorf("%w (%v)", ErrServerDown, err)
		}
		if cl.wait(c.r.k, c.RetryTicks) {
			return cl.reply, nil
		}
	}
}
