// The post office: mailboxes on top of the network interface.
//
// A packet goes from machine to machine; mail goes from a mailbox on one
// machine to a mailbox on another, so that several threads can use the
// network at once, each with a box of its own, without reading each
// other's packets. A mail header, Nachos's, rides in the packet's data:
//
//	+--------+--------+--------+------------------------+
//	| to box |from box| length | data (length bytes)    |
//	+--------+--------+--------+------------------------+
//	 0        4        8        12                MaxPacketSize
//
// so one piece of mail holds MaxPacketSize-12 bytes (40 with Nachos's
// 64-byte packets). "from box" is where an answer should go.
//
// Send waits only until the interface has sent the packet, not until
// anyone receives it, and the network may lose it: mail is as unreliable
// as the wire under it (reliable.go builds reliable messages on top).
// Receive waits until mail arrives in the box. A postal worker, a daemon
// kernel thread, takes each packet from the interface as it arrives and
// files it in its box.

package network

import (
	"encoding/binary"
	"fmt"

	"nachos/kernel"
	"nachos/machine"
)

// MailBoxAddress names a mailbox on a machine.
type MailBoxAddress int32

// MailHeaderSize is the size of a mail header: to box, from box, length.
const MailHeaderSize = 12

// DefaultBoxes is the number of mailboxes on each machine.
const DefaultBoxes = 10

// MailHeader is the header of a piece of mail.
type MailHeader struct {
	To     MailBoxAddress // the box it goes to
	From   MailBoxAddress // the box an answer should go to
	Length int            // bytes of data
}

// Mail is a piece of mail as it comes out of a box.
type Mail struct {
	Packet machine.PacketHeader // the machine it came from
	Header MailHeader
	Data   []byte
}

// Config describes a machine's post office.
type Config struct {
	Addr        machine.NetworkAddress // this machine's id (-m)
	MaxWireSize int                    // bytes per packet, header included (0: Nachos's 64)
	Boxes       int                    // mailboxes (0: DefaultBoxes)
}

// PostOffice is a machine's mail service.
type PostOffice struct {
	k     *kernel.Kernel
	nic   *machine.Network
	boxes []*kernel.SynchList[Mail]

	arrived  *kernel.Semaphore // V'd by the interface when a packet is in its buffer
	sent     *kernel.Semaphore // V'd by the interface when a send completes
	sendLock *kernel.Lock      // one sender at a time on the interface
	packet   []byte            // the packet being sent, header included (guarded by sendLock)
}

// NewPostOffice attaches a network interface to the kernel's machine,
// sending over link, and starts the postal worker.
func NewPostOffice(k *kernel.Kernel, c Config, link machine.Link) (*PostOffice, error) {
	if c.Boxes == 0 {
		c.Boxes = DefaultBoxes
	}
	if c.Boxes < 1 || c.Boxes > 1<<16 {
		return nil, fmt.Errorf("%d mailboxes: give 1 to %d", c.Boxes, 1<<16)
	}
	po := &PostOffice{k: k,
		arrived:  k.NewSemaphore("packet arrived", 0),
		sent:     k.NewSemaphore("packet sent", 0),
		sendLock: k.NewLock("post office send"),
	}
	nic, err := k.Machine.NewNetwork(c.Addr, c.MaxWireSize, link, po.arrived.V, po.sent.V)
	if err != nil {
		return nil, err
	}
	po.nic = nic
	if k.Trace.Enabled() {
		nic.Watch(packetTrace{k})
	}
	po.packet = make([]byte, nic.MaxPacketSize())
	if po.MaxMailSize() < 1 {
		return nil, fmt.Errorf("packets of %d bytes leave no room for mail", c.MaxWireSize)
	}
	for i := range c.Boxes {
		po.boxes = append(po.boxes, kernel.NewSynchList[Mail](k, fmt.Sprintf("mailbox %d", i)))
	}
	k.Fork("postal worker", po.deliver).SetDaemon()
	return po, nil
}

// Addr returns this machine's network address.
func (po *PostOffice) Addr() machine.NetworkAddress { return po.nic.Address() }

// Boxes returns the number of mailboxes.
func (po *PostOffice) Boxes() int { return len(po.boxes) }

// MaxMailSize is the most data one piece of mail holds.
func (po *PostOffice) MaxMailSize() int { return po.nic.MaxPacketSize() - MailHeaderSize }

// Kernel returns the kernel the post office serves.
func (po *PostOffice) Kernel() *kernel.Kernel { return po.k }

// Send mails data from box from on this machine to box to on machine
// dest, and waits until the interface has sent it. It does not wait for
// the mail to arrive, and cannot tell whether it will.
func (po *PostOffice) Send(dest machine.NetworkAddress, to, from MailBoxAddress, data []byte) error {
	if len(data) == 0 || len(data) > po.MaxMailSize() {
		return fmt.Errorf("mail of %d bytes: one piece of mail holds 1 to %d bytes", len(data), po.MaxMailSize())
	}
	if dest < 0 || dest >= machine.MaxMachines {
		return fmt.Errorf("no machine %d: machine ids are 0 to %d", dest, machine.MaxMachines-1)
	}
	if from < 0 || int(from) >= len(po.boxes) {
		return fmt.Errorf("no mailbox %d to send from: boxes are 0 to %d", from, len(po.boxes)-1)
	}
	hdr := machine.PacketHeader{To: dest, From: po.Addr(), Length: MailHeaderSize + len(data)}
	mail := MailHeader{To: to, From: from, Length: len(data)}
	po.sendLock.Acquire()
	putMailHeader(po.packet, mail)
	copy(po.packet[MailHeaderSize:], data)
	po.trace("Post send", hdr, mail)
	po.nic.Send(hdr, po.packet)
	po.sent.P()
	po.sendLock.Release()
	return nil
}

// Receive waits for mail in box and returns it. The box must exist.
func (po *PostOffice) Receive(box MailBoxAddress) Mail {
	return po.boxes[box].Remove()
}

// ValidBox says whether box names a mailbox here.
func (po *PostOffice) ValidBox(box MailBoxAddress) bool { return box >= 0 && int(box) < len(po.boxes) }

// deliver is the postal worker: it files each packet that arrives in
// its mailbox, for ever.
func (po *PostOffice) deliver() {
	for {
		po.arrived.P()
		hdr, buf := po.nic.Receive()
		if hdr.Length < MailHeaderSize {
			po.k.Debug.Printf('n', "Post office drops a packet of %d bytes from %d: too short for a mail header\n", hdr.Length, hdr.From)
			continue
		}
		mail := readMailHeader(buf)
		if !po.ValidBox(mail.To) || mail.Length < 1 || mail.Length > hdr.Length-MailHeaderSize {
			po.trace("Post office drops mail it cannot file", hdr, mail)
			continue
		}
		po.trace("Putting mail into mailbox", hdr, mail)
		data := buf[MailHeaderSize : MailHeaderSize+mail.Length : MailHeaderSize+mail.Length]
		po.boxes[mail.To].Append(Mail{Packet: hdr, Header: mail, Data: data})
	}
}

// trace writes a -d n line about a piece of mail: its machines and boxes.
func (po *PostOffice) trace(what string, hdr machine.PacketHeader, mail MailHeader) {
	if po.k.Debug.Enabled('n') {
		po.k.Debug.Printf('n', "%s: from (%d, %d) to (%d, %d) bytes %d\n", what, hdr.From, mail.From, hdr.To, mail.To, mail.Length)
	}
}

func putMailHeader(b []byte, h MailHeader) {
	binary.LittleEndian.PutUint32(b[0:], uint32(h.To))
	binary.LittleEndian.PutUint32(b[4:], uint32(h.From))
	binary.LittleEndian.PutUint32(b[8:], uint32(h.Length))
}

func readMailHeader(b []byte) MailHeader {
	return MailHeader{
		To:     MailBoxAddress(binary.LittleEndian.Uint32(b[0:])),
		From:   MailBoxAddress(binary.LittleEndian.Uint32(b[4:])),
		Length: int(binary.LittleEndian.Uint32(b[8:])),
	}
}
