// Packets in the structured trace (--trace): every packet a machine
// sends, receives or loses becomes a packet-send, packet-receive or
// packet-drop event, with the packet's number, the same in all three, so
// that a viewer can draw each packet as an arrow from machine to machine.
// The port is the mailbox the packet's mail header names (-1 for a packet
// too short to have one).

package network

import (
	"encoding/binary"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
)

// packetTrace emits a machine's packet events (machine.PacketWatcher).
type packetTrace struct{ k *kernel.Kernel }

func (t packetTrace) event(kind trace.Kind, hdr machine.PacketHeader, data []byte, id int64) trace.Event {
	port := -1
	if len(data) >= MailHeaderSize {
		port = int(int32(binary.LittleEndian.Uint32(data)))
	}
	return trace.Event{Kind: kind, Src: int(hdr.From), Dst: int(hdr.To), Port: port, Size: hdr.Length, ID: id}
}

func (t packetTrace) PacketSent(hdr machine.PacketHeader, data []byte, id int64) {
	t.k.Trace.Emit(t.event(trace.PacketSend, hdr, data, id))
}

func (t packetTrace) PacketReceived(hdr machine.PacketHeader, data []byte, id int64) {
	t.k.Trace.Emit(t.event(trace.PacketReceive, hdr, data, id))
}

func (t packetTrace) PacketDropped(hdr machine.PacketHeader, data []byte, id int64, why string) {
	e := t.event(trace.PacketDrop, hdr, data, id)
	e.Name = why
	t.k.Trace.Emit(e)
}
