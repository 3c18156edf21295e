// The network interface: one packet at a time on a wire between machines.
//
// Every machine may have one network interface, with an address (its
// machine id). Like the console, it is asynchronous. Send hands the
// interface one packet and returns at once; NetworkTime ticks later an
// interrupt says the interface is free for the next. When a packet
// arrives, an interrupt says so, and the packet waits in the interface's
// one buffer until the kernel takes it with Receive. Packets that arrive
// meanwhile wait on the wire, in order, as they would in the host's socket
// under Nachos.
//
// A packet is at most MaxWireSize bytes (64 by default, as in Nachos):
// the packet header, then the data. The header is Nachos's, three 32-bit
// little-endian words:
//
//	+--------+--------+--------+------------------------+
//	|   to   |  from  | length | data (length bytes)    |
//	+--------+--------+--------+------------------------+
//	 0        4        8        12                  MaxWireSize
//
// so a packet carries at most MaxWireSize-12 bytes of data (52 by
// default). The post office puts a mail header of its own in those bytes.
//
// The wire is unreliable, as real networks are: where a packet goes, when
// it arrives, whether it arrives at all or twice, is the Link's business
// (wire.go for machines in one process, or real UDP datagrams).
//
// Simulator note: Nachos's interface polls its socket every NetworkTime
// ticks, so a packet arrives up to NetworkTime ticks after it reached the
// socket. Here a packet arrives exactly when the link says, and the next
// waiting packet one tick after the kernel emptied the buffer.

package machine

import (
	"encoding/binary"
	"fmt"
)

// NetworkAddress names a machine on the network: its machine id.
type NetworkAddress int32

// Sizes of packets, in bytes.
const (
	DefaultMaxWireSize = 64                    // a whole packet on the wire, header included (Nachos's MaxWireSize)
	PacketHeaderSize   = 12                    // to, from and length, 4 bytes each
	MinWireSize        = PacketHeaderSize + 16 // 16 bytes of data: the post office's mail header and a little more
	MaxMaxWireSize     = MaxDatagram - 1 - 8   // what one UDP datagram carries, less the link's kind byte and the packet's id
	MaxDatagram        = 65507                 // the most data one UDP datagram over IPv4 carries
)

// MaxMachines bounds machine ids: 0 to MaxMachines-1.
const MaxMachines = 1024

// PacketHeader is the header every packet starts with.
type PacketHeader struct {
	To     NetworkAddress // the destination machine
	From   NetworkAddress // the sending machine
	Length int            // bytes of data after the header
}

// A Link carries packets between network interfaces: the wire of a
// cluster (wire.go), or real UDP datagrams between processes. It decides
// when and whether each packet arrives, and delivers it with Arrive.
type Link interface {
	Connect(n *Network)                              // n's packets go out on this link, and it delivers to n
	Transmit(from *Network, packet []byte, id int64) // n sends a packet (header and data) numbered id
}

// A PacketWatcher hears of every packet an interface sends, receives
// into its buffer or loses, for traces. id numbers a packet across the
// network: its sender's address in the high 32 bits, then the count of
// packets it sent before. data is the packet's data, after the header.
type PacketWatcher interface {
	PacketSent(hdr PacketHeader, data []byte, id int64)
	PacketReceived(hdr PacketHeader, data []byte, id int64)
	PacketDropped(hdr PacketHeader, data []byte, id int64, why string)
}

// arrival is a packet on its way into the buffer.
type arrival struct {
	packet []byte
	id     int64
}

// inFlight is a packet that will arrive at tick when.
type inFlight struct {
	arrival
	when int64
}

// Network is a machine's network interface.
type Network struct {
	m           *Machine
	addr        NetworkAddress
	maxWireSize int
	link        Link

	readAvail func() // the kernel's handler: a packet is in the buffer
	writeDone func() // the kernel's handler: the interface can send again

	sendBusy bool   // a packet is being sent
	sentSeq  int64  // packets sent so far, to number the next
	inBuf    []byte // the packet in the buffer, or nil

	// Packets that arrived while the buffer was full, in order. While
	// the buffer is empty and some wait, an interrupt to move waiting[0]
	// into it is pending (scheduleWaiting).
	waiting []arrival

	watcher PacketWatcher

	// Packets on their way, in the order their interrupts will come:
	// by time, and in the order they were sent at the same time. One
	// arrival interrupt is pending for each.
	flight []inFlight

	sent, moveIn, landed func() // n.done, n.takeWaiting and n.land, bound once
}

// NewNetwork attaches a network interface with address addr to the
// machine. Its packets go out over link; maxWireSize is the largest
// packet, header included (0 for DefaultMaxWireSize).
func (m *Machine) NewNetwork(addr NetworkAddress, maxWireSize int, link Link, readAvail, writeDone func()) (*Network, error) {
	if maxWireSize == 0 {
		maxWireSize = DefaultMaxWireSize
	}
	if err := CheckWireSize(maxWireSize); err != nil {
		return nil, err
	}
	if addr < 0 || addr >= MaxMachines {
		return nil, fmt.Errorf("machine id %d is out of range: give 0 to %d", addr, MaxMachines-1)
	}
	n := &Network{m: m, addr: addr, maxWireSize: maxWireSize, link: link, readAvail: readAvail, writeDone: writeDone}
	n.sent, n.moveIn, n.landed = n.done, n.takeWaiting, n.land
	link.Connect(n)
	return n, nil
}

// CheckWireSize says whether size is a possible MaxWireSize.
func CheckWireSize(size int) error {
	if size < MinWireSize || size > MaxMaxWireSize {
		return fmt.Errorf("a packet size of %d bytes is out of range: give %d to %d (Nachos's is %d)",
			size, MinWireSize, MaxMaxWireSize, DefaultMaxWireSize)
	}
	return nil
}

// Watch has w hear of every packet from now on (nil: none).
func (n *Network) Watch(w PacketWatcher) { n.watcher = w }

// Address returns the interface's address, the machine's id.
func (n *Network) Address() NetworkAddress { return n.addr }

// Machine returns the machine the interface is attached to.
func (n *Network) Machine() *Machine { return n.m }

// MaxPacketSize is the most data one packet carries.
func (n *Network) MaxPacketSize() int { return n.maxWireSize - PacketHeaderSize }

// Send starts sending a packet with hdr.Length bytes of data. The
// interface must not be busy with the previous packet, and hdr must be
// from this machine: both are kernel bugs. The writeDone handler runs
// NetworkTime ticks later, whether or not the packet arrives.
func (n *Network) Send(hdr PacketHeader, data []byte) {
	switch {
	case n.sendBusy:
		panic("machine: network Send while the interface is still sending a packet")
	case hdr.From != n.addr:
		panic(fmt.Sprintf("machine: network Send of a packet from %d on machine %d", hdr.From, n.addr))
	case hdr.Length <= 0 || hdr.Length > n.MaxPacketSize() || hdr.Length > len(data):
		panic(fmt.Sprintf("machine: network Send of %d bytes (a packet holds 1 to %d)", hdr.Length, n.MaxPacketSize()))
	}
	n.sendBusy = true
	n.m.Interrupt.Schedule(n.sent, NetworkTime, NetworkSendInt)
	packet := make([]byte, PacketHeaderSize+hdr.Length)
	putHeader(packet, hdr)
	copy(packet[PacketHeaderSize:], data[:hdr.Length])
	id := int64(n.addr)<<32 | n.sentSeq
	n.sentSeq++
	if n.watcher != nil {
		n.watcher.PacketSent(hdr, packet[PacketHeaderSize:], id)
	}
	n.link.Transmit(n, packet, id)
}

// dropped tells the watcher that a packet was lost, and why.
func (n *Network) dropped(packet []byte, id int64, why string) {
	if n.watcher != nil && len(packet) >= PacketHeaderSize {
		n.watcher.PacketDropped(ReadPacketHeader(packet), packet[PacketHeaderSize:], id, why)
	}
}

func (n *Network) done() {
	n.sendBusy = false
	n.m.Stats.NumPacketsSent++
	n.writeDone()
}

// Receive takes the packet out of the buffer and returns its header and
// data. The kernel may keep the data: nothing changes a packet once it
// is sent. With no packet there, the header's length is 0.
func (n *Network) Receive() (PacketHeader, []byte) {
	if n.inBuf == nil {
		return PacketHeader{}, nil
	}
	p := n.inBuf
	n.inBuf = nil
	n.scheduleWaiting()
	return ReadPacketHeader(p), p[PacketHeaderSize:]
}

// Arrive is the link delivering packet id at tick when (it may already
// be due). A packet that is malformed or addressed elsewhere is dropped,
// as a real interface drops a frame that fails its checks.
func (n *Network) Arrive(packet []byte, id int64, when int64) {
	n.schedule(inFlight{arrival{packet, id}, when})
}

// schedule puts a packet in flight, to land at f.when.
func (n *Network) schedule(f inFlight) {
	n.flight = insertInTickOrder(n.flight, f, func(f inFlight) int64 { return f.when })
	n.m.Interrupt.ScheduleAt(n.landed, f.when, NetworkRecvInt)
}

// land is the arrival interrupt of the first packet in flight.
func (n *Network) land() {
	f := n.flight[0]
	n.flight = n.flight[:copy(n.flight, n.flight[1:])]
	// On the wire, a packet is lost if its machine went down on the way.
	if w, ok := n.link.(*Wire); ok && !w.lands(n, f.arrival) {
		return
	}
	n.arrive(f.packet, f.id)
}

func (n *Network) arrive(packet []byte, id int64) {
	if !n.valid(packet) {
		n.dropped(packet, id, "malformed")
		return
	}
	if n.inBuf != nil || len(n.waiting) > 0 {
		n.waiting = append(n.waiting, arrival{packet, id})
		return
	}
	n.fill(packet, id)
}

// valid checks a packet's header before the kernel can see it.
func (n *Network) valid(packet []byte) bool {
	if len(packet) < PacketHeaderSize || len(packet) > n.maxWireSize {
		return false
	}
	hdr := ReadPacketHeader(packet)
	return hdr.To == n.addr && hdr.Length > 0 && hdr.Length == len(packet)-PacketHeaderSize
}

func (n *Network) fill(packet []byte, id int64) {
	n.inBuf = packet
	n.m.Stats.NumPacketsRecvd++
	if n.watcher != nil {
		n.watcher.PacketReceived(ReadPacketHeader(packet), packet[PacketHeaderSize:], id)
	}
	n.readAvail()
}

// scheduleWaiting moves the next waiting packet into the buffer, which
// the kernel has just emptied, one tick from now.
func (n *Network) scheduleWaiting() {
	if len(n.waiting) > 0 {
		n.m.Interrupt.Schedule(n.moveIn, 1, NetworkRecvInt)
	}
}

func (n *Network) takeWaiting() {
	a := n.waiting[0]
	n.waiting = n.waiting[1:]
	n.fill(a.packet, a.id)
}

func putHeader(b []byte, h PacketHeader) {
	binary.LittleEndian.PutUint32(b[0:], uint32(h.To))
	binary.LittleEndian.PutUint32(b[4:], uint32(h.From))
	binary.LittleEndian.PutUint32(b[8:], uint32(h.Length))
}

// ReadPacketHeader decodes the header of a packet as it travels on the
// wire, for links and traces. The packet must hold PacketHeaderSize bytes.
func ReadPacketHeader(b []byte) PacketHeader {
	return PacketHeader{
		To:     NetworkAddress(binary.LittleEndian.Uint32(b[0:])),
		From:   NetworkAddress(binary.LittleEndian.Uint32(b[4:])),
		Length: int(binary.LittleEndian.Uint32(b[8:])),
	}
}
