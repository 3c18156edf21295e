// MailTest: Nachos's two-machine test of the post office.
//
// Run on machines 0 and 1, each naming the other (nachos -m 0 -o 1 and
// nachos -m 1 -o 0, or both in one cluster), each machine
//
//  1. mails "Hello there!" to box 0 on the other machine, from its box 1;
//  2. waits for the other's greeting in its box 0, and prints it;
//  3. answers "Got it!" to the box the greeting came from;
//  4. waits for the answer to its own greeting in box 1, prints it, and
//     halts.
//
// The lines it prints are Nachos's, so that the output can be compared
// with the original's.

package network

import (
	"fmt"

	"nachos/machine"
)

// MailTest runs Nachos's mail test against machine far, then halts the
// machine. It runs as a kernel thread.
func MailTest(po *PostOffice, far machine.NetworkAddress) {
	k := po.Kernel()
	check := func(err error) {
		if err != nil {
			k.Fatalf("MailTest: %v", err)
		}
	}
	check(po.Send(far, 0, 1, cString("Hello there!")))
	got := po.Receive(0)
	printMail(po, got)
	check(po.Send(got.Packet.From, got.Header.From, 1, cString("Got it!")))
	printMail(po, po.Receive(1))
	k.Halt()
}

// cString is s with the NUL a C string ends with, as Nachos sends it.
func cString(s string) []byte { return append([]byte(s), 0) }

// printMail prints mail as Nachos's MailTest does: the text up to its NUL
// and where it came from.
func printMail(po *PostOffice, m Mail) {
	text := m.Data
	for i, b := range text {
		if b == 0 {
			text = text[:i]
			break
		}
	}
	fmt.Fprintf(po.Kernel().Out, "Got \"%s\" from %d, box %d\n", text, m.Packet.From, m.Header.From)
}
