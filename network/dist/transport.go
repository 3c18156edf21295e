// The transport: reliable, and if asked FIFO, channels over lossy mail.
//
// Messages travel as the post office's mail, which the wire may lose,
// duplicate or delay. Under the algorithms each node runs a small
// transport, as the textbooks' "reliable channels" assume: every message
// carries a number, the receiver acknowledges it at once and ignores a
// number it has seen, and the sender sends it again until acknowledged,
// first after RetryTicks and then after twice as long each time, up to
// eight times as long (as TCP backs off: a congested interface must not
// be flooded with copies). After MaxTries sends the transport gives up
// (the peer is down or cut off) and tells the process, which is how the
// ring election skips a dead successor. Retransmission can overtake, so
// channels are not FIFO when packets are lost. Acknowledgements and
// retransmissions are counted apart from the algorithm's messages.
//
// Algorithms that need FIFO channels (snapshots, Lamport's algorithms)
// say so; then every message also carries its place on its channel, and
// the receiver holds a message back until every message sent before it
// on its channel has come (--no-fifo turns this off, to show what goes
// wrong). A message the transport gave up on leaves a gap that stops its
// channel for good: FIFO algorithms assume no crashes.

package dist

import (
	"encoding/binary"
	"fmt"

	"nachos/machine"
)

// Transport settings.
const (
	RetryTicks = 1000 // ticks before a message is first sent again; doubled after each try, up to 8 times
	MaxTries   = 16   // sends of a message before the transport gives up on its peer
	ackKind    = 0xff // the kind byte of an acknowledgement
	wireSize   = 512  // bytes per packet: room for a vector clock of many nodes
	dataBox    = 0    // the post office box dist messages travel in
)

// outgoing is a message waiting for its acknowledgement.
type outgoing struct {
	to    int
	data  []byte
	tries int
	msg   Sent
}

// retryAfter is how long the transport waits for an acknowledgement
// after the try-th send.
func retryAfter(try int) int64 { return RetryTicks << min(try-1, 3) }

// transmit hands a message to the post office; it waits until the
// interface has sent it.
func (n *Node) transmit(to int, data []byte) {
	_ = n.po.Send(machine.NetworkAddress(to), dataBox, dataBox, data) // sizes are checked by encode
}

// receive acknowledges every message at once, drops those already seen,
// and queues the rest for the handler. Acknowledging here rather than in
// the handler keeps a busy handler from making its peers resend.
func (n *Node) receive() {
	for {
		m := n.po.Receive(dataBox)
		if len(m.Data) == 5 && m.Data[0] == ackKind {
			delete(n.unacked, int(binary.LittleEndian.Uint32(m.Data[1:])))
			continue
		}
		d, err := decode(m.Data, n.r.alg)
		if err != nil {
			continue // not one of ours: nothing to acknowledge
		}
		from := int(m.Packet.From)
		n.ack[0] = ackKind
		binary.LittleEndian.PutUint32(n.ack[1:], uint32(d.id))
		n.transmit(from, n.ack[:]) // the post office copies it
		n.r.acks++
		if n.seen[d.id] {
			continue
		}
		n.seen[d.id] = true
		n.order(from, d)
	}
}

// order queues a message for the handler. On FIFO channels it holds a
// message back until every message sent before it on its channel has
// been queued: retransmission and jitter let later messages overtake.
func (n *Node) order(from int, d decoded) {
	if !n.r.fifo() {
		n.push(input{kind: inMessage, from: from, msg: d})
		return
	}
	held := n.heldBack[from]
	if held == nil {
		held = map[int]decoded{}
		n.heldBack[from] = held
	}
	held[d.seq] = d
	for {
		next, ok := held[n.expected[from]]
		if !ok {
			return
		}
		delete(held, n.expected[from])
		n.expected[from]++
		n.push(input{kind: inMessage, from: from, msg: next})
	}
}

// retry sends an unacknowledged message again, or gives up on it.
func (n *Node) retry(id int) {
	o := n.unacked[id]
	if o == nil {
		return
	}
	if o.tries >= MaxTries {
		delete(n.unacked, id)
		n.record(Event{Kind: GiveUp, Msg: o.msg.Kind, Peer: o.to, MsgID: id, Args: o.msg.Args,
			Lamport: n.lamport.Tick(), Vector: n.vector.Tick(n.ID)})
		n.proc.GiveUp(o.to, o.msg)
		return
	}
	o.tries++
	n.r.retransmissions++
	n.transmit(o.to, o.data)
	n.afterInput(retryAfter(o.tries), input{kind: inRetry, id: id})
}

// decoded is a message off the wire.
type decoded struct {
	kind    string
	id      int
	lamport int64
	seq     int // its place on the channel from its sender
	vector  Vector
	args    []int
}

// encode lays a message out as
//
//	kind (1) | number (4) | Lamport (8) | channel sequence (4) | n (1) | vector (n x 4) | count (1) | args (count x 4)
func encode(code byte, id int, lamport int64, seq int, v Vector, args []int) []byte {
	b := binary.LittleEndian.AppendUint32([]byte{code}, uint32(id))
	b = binary.LittleEndian.AppendUint64(b, uint64(lamport))
	b = binary.LittleEndian.AppendUint32(b, uint32(seq))
	b = append(b, byte(len(v)))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, uint32(x))
	}
	b = append(b, byte(len(args)))
	for _, a := range args {
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(a)))
	}
	return b
}

// decode reads a message, checking every length first.
func decode(b []byte, alg *Algorithm) (decoded, error) {
	var d decoded
	if len(b) < 19 || int(b[0]) >= len(alg.Kinds) {
		return d, fmt.Errorf("a message of %d bytes is too short or of no known kind", len(b))
	}
	d.kind = alg.Kinds[b[0]]
	d.id = int(binary.LittleEndian.Uint32(b[1:]))
	d.lamport = int64(binary.LittleEndian.Uint64(b[5:]))
	d.seq = int(binary.LittleEndian.Uint32(b[13:]))
	nv := int(b[17])
	b = b[18:]
	if len(b) < 4*nv+1 {
		return d, fmt.Errorf("a message's vector clock is cut short")
	}
	d.vector = NewVector(nv)
	for i := range nv {
		d.vector[i] = int64(binary.LittleEndian.Uint32(b[4*i:]))
	}
	b = b[4*nv:]
	na := int(b[0])
	b = b[1:]
	if len(b) < 4*na {
		return d, fmt.Errorf("a message's arguments are cut short")
	}
	if na > 0 {
		d.args = make([]int, na)
	}
	for i := range na {
		d.args[i] = int(int32(binary.LittleEndian.Uint32(b[4*i:])))
	}
	return d, nil
}
