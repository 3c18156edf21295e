// System calls for the network: send a message to a mailbox on another
// machine, and receive one from a mailbox here.
//
// Programs see reliable messages (package network): a message of up to
// MaxMessage bytes arrives once, in order, however lossy the wire. An
// address is two ints, the machine and the box:
//
//	typedef struct { int machine; int box; } MailAddress;
//	int Send(MailAddress *to, int fromBox, char *data, int size);
//	int Receive(int box, char *data, int size, MailAddress *from);
//
// Send returns 0 once the other machine has the message, or -1 (a bad
// argument, or a machine that never answered). Receive waits for a
// message in box, copies at most size bytes of it into data, stores the
// sender's machine and box in *from, and returns the number of bytes
// copied, or -1 for a bad argument. The kernel serves these calls only on
// a machine with a network (in a cluster, or with --peers); elsewhere they
// return -1.
//
// This layer knows the network only through the Messenger interface, so
// that the dependencies still point down: package network implements it.

package userprog

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// MaxMessage bounds a message a program sends or receives, in bytes.
const MaxMessage = 1 << 16

// A Messenger carries messages between mailboxes of machines.
type Messenger interface {
	Send(machine, box, fromBox int32, data []byte) error
	Receive(box int32) (machine, fromBox int32, data []byte)
	ValidBox(box int32) bool
}

// SetMessenger connects the kernel to the network, for Send and Receive.
func (k *Kernel) SetMessenger(m Messenger) { k.messenger = m }

var errNoNetwork = errors.New("this machine has no network (run it in nachos cluster, or give --peers)")

// Send(to, fromBox, data, size) sends size bytes to the mailbox at *to.
func sysSend(k *Kernel, p *Process) {
	size := int32(k.arg(3))
	to, err := k.copyIn(k.arg(0), 8)
	switch {
	case k.messenger == nil:
		err = errNoNetwork
	case err != nil:
	case size < 1 || size > MaxMessage:
		err = fmt.Errorf("size %d is not between 1 and %d", size, MaxMessage)
	case !k.messenger.ValidBox(int32(k.arg(1))):
		err = fmt.Errorf("there is no mailbox %d to send from", int32(k.arg(1)))
	case !k.messenger.ValidBox(int32(binary.LittleEndian.Uint32(to[4:]))):
		err = fmt.Errorf("there is no mailbox %d to send to", int32(binary.LittleEndian.Uint32(to[4:])))
	}
	if err != nil {
		k.refuse(err)
		return
	}
	data, err := k.copyIn(k.arg(2), int(size))
	if err == nil {
		err = k.messenger.Send(int32(binary.LittleEndian.Uint32(to)), int32(binary.LittleEndian.Uint32(to[4:])), int32(k.arg(1)), data)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(0)
}

// Receive(box, data, size, from) waits for a message in box.
func sysReceive(k *Kernel, p *Process) {
	box, buf, size, from := int32(k.arg(0)), k.arg(1), int32(k.arg(2)), k.arg(3)
	var err error
	switch {
	case k.messenger == nil:
		err = errNoNetwork
	case !k.messenger.ValidBox(box):
		err = fmt.Errorf("there is no mailbox %d", box)
	case size < 0 || size > MaxMessage:
		err = fmt.Errorf("size %d is not between 0 and %d", size, MaxMessage)
	}
	if err == nil {
		_, err = k.writablePrefix(p, buf, int(max(size, 1)))
	}
	if err == nil {
		_, err = k.writablePrefix(p, from, 8)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	machine, fromBox, data := k.messenger.Receive(box)
	data = data[:min(len(data), int(size))]
	addr := binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, uint32(machine)), uint32(fromBox))
	if err := k.copyOut(buf, data); err != nil {
		k.refuse(err)
		return
	}
	if err := k.copyOut(from, addr); err != nil {
		k.refuse(err)
		return
	}
	k.setResult(int32(len(data)))
}
