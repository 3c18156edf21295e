// Machines in separate processes: packets as real UDP datagrams.
//
// With --peers, each machine is its own OS process (nachos -m ID), as in
// Nachos, and a packet travels as one UDP datagram from the sender's
// address to the receiver's. A Peers table maps every machine id to a
// host:port.
//
// Starting order must not matter, yet a packet sent to a process that is
// not running yet is simply lost. So before its machine runs, a process
// greets every peer ("hello", again every 50 ms) until it has heard from
// each, and always answers a greeting: once every process has passed that
// barrier, all are listening. Each datagram is one byte of kind ('H'
// hello, 'A' answer, 'P' packet) followed by the sender's id (two bytes)
// or, for a packet, by the packet and its number (8 bytes), for traces.
//
// Time: a machine on a real network cannot be deterministic, since
// packets arrive when the host's network delivers them. The machine picks
// up the datagrams that have arrived every NetworkTime ticks (as Nachos's
// interface polls its socket), and when it is idle it waits for one in
// real time, counting SimTick of host time per tick, until its next alarm
// (a retransmission timeout of 1000 ticks lasts about 10 ms), but not for
// its own devices: an interface that finishes sending needs no waiting. -l drops packets
// as Nachos does, by the machine's own seeded generator, at send.

package network

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"nachos/machine"
)

// SimTick is the host time an idle machine on a real network lets pass
// for one tick.
const SimTick = 10 * time.Microsecond

// Peers maps machine ids to UDP addresses.
type Peers map[machine.NetworkAddress]*net.UDPAddr

// ParsePeers reads "ID=HOST:PORT,..." or, if spec names a file, its
// lines of "ID HOST:PORT" (# starts a comment).
func ParsePeers(spec string) (Peers, error) {
	var entries []string
	if !strings.Contains(spec, "=") {
		f, err := os.Open(spec)
		if err != nil {
			return nil, fmt.Errorf("--peers %s: neither ID=HOST:PORT,... nor a file: %w", spec, err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			if fields := strings.Fields(line); len(fields) > 0 {
				entries = append(entries, strings.Join(fields, "="))
			}
		}
	} else {
		entries = strings.Split(spec, ",")
	}
	peers := Peers{}
	for _, e := range entries {
		id, addr, ok := strings.Cut(strings.TrimSpace(e), "=")
		n, err := strconv.Atoi(id)
		if !ok || err != nil || n < 0 || n >= machine.MaxMachines {
			return nil, fmt.Errorf("--peers: %q is not ID=HOST:PORT with an id from 0 to %d", e, machine.MaxMachines-1)
		}
		ua, err := net.ResolveUDPAddr("udp", addr)
		if err != nil {
			return nil, fmt.Errorf("--peers: machine %d: %w", n, err)
		}
		peers[machine.NetworkAddress(n)] = ua
	}
	return peers, nil
}

// arrival is a datagram's packet and id, on its way into the machine.
type arrival struct {
	packet []byte
	id     int64
}

// UDPLink carries one machine's packets over UDP (machine.Link), and
// paces the machine by the host's clock (machine.Pacer).
type UDPLink struct {
	self     machine.NetworkAddress
	peers    Peers
	conn     *net.UDPConn
	loss     float64
	nic      *machine.Network
	incoming chan arrival
	heard    chan machine.NetworkAddress
	closed   chan struct{} // closed by Close: an idle machine then halts
	out      []byte        // scratch for Transmit: the kernel copies a datagram as it sends it
}

// NewUDPLink binds machine self's address from peers. loss is the chance
// that a packet sent is dropped (1 - Nachos's -l).
func NewUDPLink(self machine.NetworkAddress, peers Peers, loss float64) (*UDPLink, error) {
	addr, ok := peers[self]
	if !ok {
		return nil, fmt.Errorf("--peers names no address for this machine, %d", self)
	}
	conn, err := net.ListenUDP("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("machine %d cannot listen on %s: %w", self, addr, err)
	}
	l := &UDPLink{self: self, peers: peers, conn: conn, loss: loss,
		incoming: make(chan arrival, 1024), heard: make(chan machine.NetworkAddress, 64), closed: make(chan struct{})}
	go l.read()
	return l, nil
}

// Close stops listening. The machine, if it still runs, halts the next
// time it is idle, as a machine that can never receive anything again.
// Close may be called from any goroutine, once.
func (l *UDPLink) Close() error {
	close(l.closed)
	return l.conn.Close()
}

// read is the goroutine that takes datagrams from the socket. It never
// touches the simulation: it only hands packets over a channel.
func (l *UDPLink) read() {
	buf := make([]byte, machine.MaxDatagram)
	for {
		n, from, err := l.conn.ReadFromUDP(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		if n < 1 {
			continue
		}
		switch buf[0] {
		case 'H':
			l.conn.WriteToUDP([]byte{'A', byte(l.self), byte(l.self >> 8)}, from)
			fallthrough
		case 'A':
			if n >= 3 {
				select {
				case l.heard <- machine.NetworkAddress(int(buf[1]) | int(buf[2])<<8):
				default: // Meet is over, or has heard enough
				}
			}
		case 'P':
			if n >= 1+8 {
				p := make([]byte, n-1-8)
				copy(p, buf[1:n-8])
				l.incoming <- arrival{p, int64(binary.LittleEndian.Uint64(buf[n-8 : n]))}
			}
		}
	}
}

// Meet greets every peer until each has answered, or until timeout.
func (l *UDPLink) Meet(timeout time.Duration) error {
	missing := map[machine.NetworkAddress]bool{}
	for id := range l.peers {
		if id != l.self {
			missing[id] = true
		}
	}
	deadline := time.After(timeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	hello := []byte{'H', byte(l.self), byte(l.self >> 8)}
	for len(missing) > 0 {
		for id := range missing {
			l.conn.WriteToUDP(hello, l.peers[id])
		}
		select {
		case id := <-l.heard:
			delete(missing, id)
		case <-tick.C:
		case <-deadline:
			var ids []int
			for id := range missing {
				ids = append(ids, int(id))
			}
			sort.Ints(ids)
			return fmt.Errorf("machine %d heard nothing from machines %v within %v: start them with the same --peers", l.self, ids, timeout)
		}
	}
	return nil
}

// Connect attaches the machine's interface and paces the machine
// (machine.Link).
func (l *UDPLink) Connect(n *machine.Network) {
	l.nic = n
	intr := n.Machine().Interrupt
	intr.Pace(l)
	intr.SetHorizon(n.Machine().Stats.TotalTicks + machine.NetworkTime)
}

// Transmit sends a packet as a datagram (machine.Link): its kind, its id
// and the packet.
func (l *UDPLink) Transmit(from *machine.Network, packet []byte, id int64) {
	to, ok := l.peers[machine.ReadPacketHeader(packet).To]
	if !ok || (l.loss > 0 && float64(from.Machine().Random.Int()) < l.loss*(1<<31)) {
		return // no such machine, or lost
	}
	l.out = binary.LittleEndian.AppendUint64(append(append(l.out[:0], 'P'), packet...), uint64(id))
	l.conn.WriteToUDP(l.out, to)
}

// Wait picks up the datagrams that have arrived (machine.Pacer). An idle
// machine first waits for one, in host time, until its next interrupt.
func (l *UDPLink) Wait(idle bool) bool {
	m := l.nic.Machine()
	intr, now := m.Interrupt, m.Stats.TotalTicks
	horizon := now + machine.NetworkTime
	if next := intr.NextEvent(); idle && next < math.MaxInt64 && intr.NextKind() != machine.AlarmInt {
		horizon = max(horizon, next) // a device finishing: no need to wait for it in host time
	} else if idle {
		var expire <-chan time.Time
		if next < math.MaxInt64 {
			t := time.NewTimer(time.Duration(next-now) * SimTick)
			defer t.Stop()
			expire = t.C
		}
		select {
		case a := <-l.incoming:
			l.nic.Arrive(a.packet, a.id, now)
		case <-expire:
			horizon = max(horizon, next)
		case <-l.closed:
			return false
		}
	}
	for more := true; more; {
		select {
		case a := <-l.incoming:
			l.nic.Arrive(a.packet, a.id, now)
		default:
			more = false
		}
	}
	intr.SetHorizon(horizon)
	return true
}
