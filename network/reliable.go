// Reliable messages: exactly once, in order, of any length, over a wire
// that loses, duplicates and reorders packets.
//
// The post office is as unreliable as the wire. This layer builds the
// guarantee a program wants on top of it, the way TCP builds it on IP:
//
//   - Fragmentation. A message longer than one piece of mail is cut into
//     fragments; the last is marked, and the receiver joins them again.
//   - Sequence numbers. Every fragment a machine sends to another carries
//     the next number of that pair of machines. The receiver knows which
//     number comes next, so it can tell a new fragment from a duplicate.
//   - Acknowledgements and retransmission. The receiver answers every
//     fragment with an acknowledgement of its number. The sender waits for
//     it; if none comes within Timeout ticks, the fragment or its
//     acknowledgement was lost, and the sender sends the fragment again.
//     After MaxTries sends it gives up: the other machine is down or cut
//     off, and Send says so.
//   - Duplicate suppression. A fragment with a number already received is
//     acknowledged again (its first acknowledgement may have been lost) but
//     not delivered twice.
//
//   - Incarnations. A machine that crashes and boots again starts its
//     sequence numbers over. Every fragment carries its sender's
//     incarnation (the tick it booted at); a receiver that sees a newer
//     incarnation forgets what it knew of the old one and starts again at
//     the new one's first fragment of a message. A message the old one
//     was in the middle of sending is lost with it.
//
// The sender keeps one fragment in flight to each machine (stop and
// wait): simple to reason about, and in order by construction, at the
// price of one round trip per fragment. A sliding window would keep
// several in flight.
//
// Every fragment travels in one mailbox of the post office (the last
// box), with a header of its own in the mail's data (flags: 1 the last
// fragment of its message, 2 the first):
//
//	+------+-------+----------+--------+----------+-------------+---------+
//	| kind | flags | sequence | to box | from box | incarnation | data    |
//	+------+-------+----------+--------+----------+-------------+---------+
//	 0      1       2          6        8          10            14
//
// Messages are delivered into reliable mailboxes of their own, numbered
// like the post office's.

package network

import (
	"encoding/binary"
	"fmt"

	"nachos/kernel"
	"nachos/machine"
)

// Defaults for the reliable layer.
const (
	DefaultTimeout  = 1000 // ticks to wait for an acknowledgement before sending again
	DefaultMaxTries = 500  // sends of one fragment before giving up on the other machine
	segmentHeader   = 14
)

// segment kinds
const (
	segData = 1
	segAck  = 2
)

// segment flags
const (
	segLast  = 1
	segFirst = 2
)

// segment is a fragment's header.
type segment struct {
	kind        byte
	flags       byte
	seq         uint32
	to, from    MailBoxAddress
	incarnation uint32
}

// put writes the header and data into b and returns the length.
func (s segment) put(b, data []byte) int {
	b[0], b[1] = s.kind, s.flags
	binary.LittleEndian.PutUint32(b[2:], s.seq)
	binary.LittleEndian.PutUint16(b[6:], uint16(s.to))
	binary.LittleEndian.PutUint16(b[8:], uint16(s.from))
	binary.LittleEndian.PutUint32(b[10:], s.incarnation)
	return segmentHeader + copy(b[segmentHeader:], data)
}

// readSegment reads a header; b holds at least segmentHeader bytes.
func readSegment(b []byte) segment {
	return segment{kind: b[0], flags: b[1], seq: binary.LittleEndian.Uint32(b[2:]),
		to: MailBoxAddress(binary.LittleEndian.Uint16(b[6:])), from: MailBoxAddress(binary.LittleEndian.Uint16(b[8:])),
		incarnation: binary.LittleEndian.Uint32(b[10:])}
}

// Message is a message as it comes out of a reliable mailbox.
type Message struct {
	From    machine.NetworkAddress // the machine that sent it
	FromBox MailBoxAddress         // the box an answer should go to
	Data    []byte
}

// ReliableStats counts what the reliable layer did.
type ReliableStats struct {
	Sent            int // messages sent
	Delivered       int // messages delivered into boxes
	Fragments       int // fragments sent, retransmissions included
	Retransmissions int // fragments sent again after a timeout
	Duplicates      int // fragments received again and not delivered
}

// Reliable is a machine's reliable message service.
type Reliable struct {
	po       *PostOffice
	k        *kernel.Kernel
	box      MailBoxAddress // the post office box fragments travel in
	boxes    []*kernel.SynchList[Message]
	peers    map[machine.NetworkAddress]*peer
	boot     uint32 // this machine's incarnation: the tick it booted at
	Timeout  int64  // ticks before a retransmission
	MaxTries int    // sends of a fragment before Send gives up

	Stats ReliableStats
}

// peer is what one machine knows of its exchanges with another.
type peer struct {
	// Sending: one message, and one fragment of it, at a time.
	sendLock *kernel.Lock
	nextSeq  uint32
	awaiting uint32     // the fragment waiting for its acknowledgement
	ack      answerWait // the sender's wait for it

	// Receiving, done by the reliable worker only.
	incarnation uint32 // the sender's, as last seen (0: none yet)
	expected    uint32 // the next sequence number to deliver
	partial     []byte // fragments of a message not yet complete
}

// NewReliable starts the reliable layer on a post office. It takes the
// post office's last box for itself and starts a daemon thread that
// receives fragments.
func NewReliable(po *PostOffice) *Reliable {
	r := &Reliable{po: po, k: po.k, box: MailBoxAddress(po.Boxes() - 1), boot: uint32(po.k.Machine.Stats.TotalTicks) + 1,
		peers: map[machine.NetworkAddress]*peer{}, Timeout: DefaultTimeout, MaxTries: DefaultMaxTries}
	for i := range po.Boxes() {
		r.boxes = append(r.boxes, kernel.NewSynchList[Message](po.k, fmt.Sprintf("reliable box %d", i)))
	}
	po.k.Fork("reliable worker", r.work).SetDaemon()
	return r
}

func (r *Reliable) peer(a machine.NetworkAddress) *peer {
	p := r.peers[a]
	if p == nil {
		name := fmt.Sprintf("reliable to %d", a)
		p = &peer{sendLock: r.k.NewLock(name), ack: answerWait{wake: r.k.NewSemaphore(name+" wake", 0)}}
		r.peers[a] = p
	}
	return p
}

// Send delivers data, of any length, to box to on machine dest, as from
// box from here, exactly once and after every message sent before it to
// dest. It returns once dest has acknowledged all of it, or an error if
// dest did not answer after MaxTries sends of a fragment.
func (r *Reliable) Send(dest machine.NetworkAddress, to, from MailBoxAddress, data []byte) error {
	if !r.po.ValidBox(to) || !r.po.ValidBox(from) {
		return fmt.Errorf("mailbox %d or %d does not exist: boxes are 0 to %d", to, from, r.po.Boxes()-1)
	}
	room := r.po.MaxMailSize() - segmentHeader
	if room < 1 {
		return fmt.Errorf("packets of %d bytes leave no room for reliable messages", r.po.nic.MaxPacketSize()+machine.PacketHeaderSize)
	}
	p := r.peer(dest)
	// No defer for the Release: a thread ended by a halt or a crash
	// unwinds through its defers, which must not touch the kernel.
	p.sendLock.Acquire()
	err := r.sendMessage(dest, p, to, from, data, room)
	p.sendLock.Release()
	return err
}

// sendMessage sends data's fragments one after the other.
func (r *Reliable) sendMessage(dest machine.NetworkAddress, p *peer, to, from MailBoxAddress, data []byte, room int) error {
	seg := make([]byte, segmentHeader+room)
	for off := 0; off == 0 || off < len(data); off += room {
		end := min(off+room, len(data))
		h := segment{kind: segData, seq: p.nextSeq, to: to, from: from, incarnation: r.boot}
		if off == 0 {
			h.flags |= segFirst
		}
		if end == len(data) {
			h.flags |= segLast
		}
		n := h.put(seg, data[off:end])
		if err := r.sendFragment(dest, p, seg[:n]); err != nil {
			return err
		}
		p.nextSeq++
	}
	r.Stats.Sent++
	return nil
}

// sendFragment sends one fragment until it is acknowledged.
func (r *Reliable) sendFragment(dest machine.NetworkAddress, p *peer, seg []byte) error {
	p.awaiting, p.ack.answered = p.nextSeq, false
	for try := 0; try < r.MaxTries; try++ {
		if try > 0 {
			r.Stats.Retransmissions++
		}
		r.Stats.Fragments++
		if err := r.po.Send(dest, r.box, r.box, seg); err != nil {
			return err
		}
		if p.ack.wait(r.k, r.Timeout) {
			return nil
		}
	}
	return fmt.Errorf("machine %d did not acknowledge a message after %d tries: it is down or cut off", dest, r.MaxTries)
}

// Receive waits for a message in box and returns it.
func (r *Reliable) Receive(box MailBoxAddress) Message { return r.boxes[box].Remove() }

// work is the reliable worker: it takes every fragment from the
// transport box, acknowledges data and joins it into messages, and
// passes acknowledgements to the waiting sender.
func (r *Reliable) work() {
	ack := make([]byte, segmentHeader)
	for {
		mail := r.po.Receive(r.box)
		if len(mail.Data) < segmentHeader {
			continue
		}
		h := readSegment(mail.Data)
		p := r.peer(mail.Packet.From)
		if h.kind == segAck {
			if h.seq == p.awaiting {
				p.ack.answer()
			}
			continue
		}
		if h.incarnation > p.incarnation && h.flags&segFirst != 0 {
			// A sender we did not know, or one that has booted again.
			p.incarnation, p.expected, p.partial = h.incarnation, h.seq, nil
		}
		if h.kind != segData || h.incarnation != p.incarnation || h.seq > p.expected {
			continue // not ours, from an old incarnation, or the middle of a message we never saw start
		}
		if h.seq < p.expected {
			r.Stats.Duplicates++
		} else {
			p.expected++
			p.partial = append(p.partial, mail.Data[segmentHeader:]...)
			if h.flags&segLast != 0 {
				if r.po.ValidBox(h.to) {
					r.boxes[h.to].Append(Message{From: mail.Packet.From, FromBox: h.from, Data: p.partial})
					r.Stats.Delivered++
				}
				p.partial = nil
			}
		}
		n := segment{kind: segAck, seq: h.seq, incarnation: r.boot}.put(ack, nil)
		_ = r.po.Send(mail.Packet.From, r.box, r.box, ack[:n]) // a lost acknowledgement is sent again on the retransmission
	}
}

// Messenger adapts the layer to the system calls of user programs
// (userprog.Messenger).
type Messenger struct{ R *Reliable }

// Send sends a message (userprog.Messenger).
func (m Messenger) Send(dest, box, fromBox int32, data []byte) error {
	return m.R.Send(machine.NetworkAddress(dest), MailBoxAddress(box), MailBoxAddress(fromBox), data)
}

// Receive waits for a message (userprog.Messenger).
func (m Messenger) Receive(box int32) (int32, int32, []byte) {
	msg := m.R.Receive(MailBoxAddress(box))
	return int32(msg.From), int32(msg.FromBox), msg.Data
}

// UserBoxes is how many mailboxes user programs may use, 0 to
// UserBoxes-1. The boxes above belong to the kernel's services: the
// replicas (5), the lock server (6), the binder (7), RPC replies (8) and
// the reliable layer's fragments (9).
const UserBoxes = ReplicaBox

// ValidBox says whether programs may use box (userprog.Messenger).
func (m Messenger) ValidBox(box int32) bool {
	return box >= 0 && MailBoxAddress(box) < UserBoxes && MailBoxAddress(box) < m.R.box
}
