// The wire: the network between machines that share one simulated clock.
//
// A Wire connects the network interfaces of machines in one process (a
// cluster) and decides what happens to every packet: when it arrives,
// whether it is lost, duplicated or overtaken by later ones, and whether
// a partition or a crashed machine swallows it. Every decision comes from
// the wire's own seeded generator, in the order packets are sent, so a
// cluster run with a given seed loses, duplicates and reorders exactly
// the same packets every time: a bug seen once can be replayed.
//
// Faults:
//
//   - Loss: a packet is dropped with this probability (1 minus Nachos's
//     -l reliability). The sender cannot tell: its send still completes.
//   - Latency and Jitter: a packet arrives Latency ticks after it is sent,
//     plus up to Jitter ticks more, at random. Jitter alone reorders
//     packets sent close together.
//   - Duplicate: with this probability a packet arrives twice, each copy
//     with its own delay.
//   - Reorder: with this probability a packet is held back by up to four
//     latencies more, so that packets sent after it overtake it.
//   - Partitions and crashes: packets between machines in different
//     groups of a partition, or to or from a machine that is down, are
//     lost.
//
// Links. Real networks are not equally bad everywhere: one cable is
// flaky, one route is slow. A link's faults (SetLinkFaults) replace the
// wire's for the packets from one machine to another, in that direction
// only: a link that loses everything from 1 to 2 still carries 2's
// packets to 1, and so 2's acknowledgements. The decisions still come
// from the one generator, in send order, so a run with link faults
// repeats as exactly as one without.
//
// No packet arrives sooner than MinLatency ticks after it was sent: the
// fewest a packet takes on any link. That bound is what lets the
// machines of a cluster run apart for a while without waiting for each
// other (the cluster's lookahead).

package machine

import (
	"fmt"
	"io"
)

// Faults describes how unreliable a wire is. The zero value is a perfect
// wire with Nachos's NetworkTime latency.
type Faults struct {
	Loss      float64 // probability that a packet is lost (1 - Nachos's -l)
	Latency   int64   // ticks from send to arrival (0: NetworkTime)
	Jitter    int64   // up to this many ticks more, at random
	Duplicate float64 // probability that a packet arrives twice
	Reorder   float64 // probability that a packet is held back for later ones to overtake
}

// Check says what is wrong with a fault description, for a student who
// typed it on a command line.
func (f Faults) Check() error {
	for _, p := range []struct {
		name string
		v    float64
	}{{"loss", f.Loss}, {"duplicate", f.Duplicate}, {"reorder", f.Reorder}} {
		if !(p.v >= 0 && p.v <= 1) { // NaN too
			return fmt.Errorf("%s %g is not a probability: give a number from 0 to 1", p.name, p.v)
		}
	}
	if f.Latency < 0 || f.Jitter < 0 {
		return fmt.Errorf("latency %d and jitter %d must not be negative (ticks)", f.Latency, f.Jitter)
	}
	return nil
}

// MinLatency is the fewest ticks any packet takes.
func (f Faults) MinLatency() int64 {
	if f.Latency == 0 {
		return NetworkTime
	}
	return f.Latency
}

// LinkFaults are the faults of one direction between two machines: they
// replace the wire's faults for the packets From sends To.
type LinkFaults struct {
	From, To NetworkAddress
	Faults   Faults
}

// route is one direction between two machines.
type route struct{ from, to NetworkAddress }

// Delays appends to out the delay of each copy of a packet that arrives:
// none if it is lost, two if it is duplicated.
func (f Faults) Delays(r *Random, out []int64) []int64 {
	if chance(r, f.Loss) {
		return out
	}
	out = append(out, f.delay(r))
	if chance(r, f.Duplicate) {
		out = append(out, f.delay(r))
	}
	return out
}

func (f Faults) delay(r *Random) int64 {
	d := f.MinLatency()
	if f.Jitter > 0 {
		d += int64(r.Intn(int32(min(f.Jitter, 1<<30)) + 1))
	}
	if chance(r, f.Reorder) {
		d += 1 + int64(r.Intn(int32(min(4*d, 1<<30))))
	}
	return d
}

// chance is true with probability p. A probability of 0 draws nothing
// from the generator, so a perfect wire leaves the sequence alone.
func chance(r *Random, p float64) bool {
	return p > 0 && float64(r.Int()) < p*(1<<31)
}

// WireStats counts what happened to the packets on a wire.
type WireStats struct {
	Sent       int // packets handed to the wire
	Lost       int // dropped by the loss probability
	Cut        int // dropped by a partition, or by a machine down when it was sent or when it arrives
	Duplicated int // delivered twice
	Delivered  int // copies handed to an interface
}

// Wire is the network of the machines in one process.
type Wire struct {
	faults     Faults
	links      map[route]Faults // nil until a link has faults of its own
	minLatency int64            // the fewest ticks a packet takes, on any link
	random     *Random
	nics       []*Network // by address; nil where there is no machine
	group      []int      // the partition group of each address; packets stay inside one
	down       []bool     // crashed machines: they neither send nor receive
	delays     []int64    // scratch for Transmit

	// Scheduled, if set, hears when every packet the wire will deliver arrives,
	// before the arrival is scheduled: the cluster keeps its machines in
	// step with it.
	Scheduled func(when int64)

	// Trace, if set, receives a line for every packet lost or cut.
	Trace io.Writer

	Stats WireStats
}

// NewWire builds a wire with these faults, drawing its decisions from a
// generator seeded with seed.
func NewWire(f Faults, seed uint32) *Wire {
	return &Wire{faults: f, minLatency: f.MinLatency(), random: NewRandom(seed)}
}

// SetFaults changes the faults from now on (a scenario may make the
// network worse at a given tick). Links with faults of their own keep
// them.
func (w *Wire) SetFaults(f Faults) {
	w.faults = f
	w.updateMinLatency()
}

// SetLinkFaults gives the packets from l.From to l.To faults of their
// own, in place of the wire's. Give them before the machines run: a
// cluster that learns of a faster link in mid-run may already have let a
// machine run further ahead than a packet on that link takes.
func (w *Wire) SetLinkFaults(l LinkFaults) {
	if w.links == nil {
		w.links = map[route]Faults{}
	}
	w.links[route{l.From, l.To}] = l.Faults
	w.updateMinLatency()
}

// MinLatency is the fewest ticks any packet takes on the wire, over the
// wire's faults and every link's.
func (w *Wire) MinLatency() int64 { return w.minLatency }

func (w *Wire) updateMinLatency() {
	w.minLatency = w.faults.MinLatency()
	for _, f := range w.links {
		w.minLatency = min(w.minLatency, f.MinLatency())
	}
}

// faultsOn returns the faults of the packets from one machine to
// another: the link's own, or the wire's. With no link faults it is one
// test of a nil map.
func (w *Wire) faultsOn(from, to NetworkAddress) Faults {
	if w.links != nil {
		if f, ok := w.links[route{from, to}]; ok {
			return f
		}
	}
	return w.faults
}

// Connect attaches an interface to the wire (machine.Link). Its address
// must be free, or its machine down: a machine restarted after a crash
// takes its old place, up again.
func (w *Wire) Connect(n *Network) {
	a := int(n.addr)
	for len(w.nics) <= a {
		w.nics = append(w.nics, nil)
		w.group = append(w.group, 0)
		w.down = append(w.down, false)
	}
	if w.nics[a] != nil && !w.down[a] {
		panic(fmt.Sprintf("machine: two machines with address %d on one wire", a))
	}
	w.nics[a], w.down[a] = n, false
}

// Partition splits the machines into groups that cannot reach each
// other: a packet arrives only within a group. Machines named in no group
// form one group of their own. Heal undoes it.
func (w *Wire) Partition(groups ...[]NetworkAddress) {
	for a := range w.group {
		w.group[a] = 0
	}
	for g, members := range groups {
		for _, a := range members {
			if int(a) >= 0 && int(a) < len(w.group) {
				w.group[a] = g + 1
			}
		}
	}
}

// Heal ends a partition: every machine can reach every other again.
func (w *Wire) Heal() { w.Partition() }

// SetDown marks a machine crashed (down) or back up. Packets to or from a
// machine that is down are lost, and so are those already on their way
// to it when it goes down.
func (w *Wire) SetDown(a NetworkAddress, down bool) {
	if int(a) >= 0 && int(a) < len(w.down) {
		w.down[a] = down
	}
}

// reaches reports whether a packet can go from one address to another now.
func (w *Wire) reaches(from, to NetworkAddress) bool {
	f, t := int(from), int(to)
	return t >= 0 && t < len(w.nics) && w.nics[t] != nil && !w.down[f] && !w.down[t] && w.group[f] == w.group[t]
}

// Transmit sends packet id from an interface on the wire
// (machine.Link).
func (w *Wire) Transmit(from *Network, packet []byte, id int64) {
	w.Stats.Sent++
	hdr := ReadPacketHeader(packet)
	now := from.m.Stats.TotalTicks
	if !w.reaches(from.addr, hdr.To) {
		w.Stats.Cut++
		w.trace("cut", hdr, now)
		from.dropped(packet, id, "cut")
		return
	}
	w.delays = w.faultsOn(from.addr, hdr.To).Delays(w.random, w.delays[:0])
	if len(w.delays) == 0 {
		w.Stats.Lost++
		w.trace("lost", hdr, now)
		from.dropped(packet, id, "lost")
		return
	}
	if len(w.delays) > 1 {
		w.Stats.Duplicated++
	}
	to := w.nics[hdr.To]
	for _, d := range w.delays {
		if w.Scheduled != nil {
			w.Scheduled(now + d)
		}
		to.schedule(inFlight{arrival{packet, id}, now + d})
	}
}

// lands hands a copy to the interface it was sent to, unless that
// machine went down while the copy was on its way: then it is cut, as it
// would have been had the machine been down when it was sent.
func (w *Wire) lands(to *Network, a arrival) bool {
	if w.down[to.addr] {
		w.Stats.Cut++
		w.trace("cut", ReadPacketHeader(a.packet), to.m.Stats.TotalTicks)
		to.dropped(a.packet, a.id, "cut")
		return false
	}
	w.Stats.Delivered++
	return true
}

func (w *Wire) trace(what string, hdr PacketHeader, now int64) {
	if w.Trace != nil {
		fmt.Fprintf(w.Trace, "%8d  wire: packet from %d to %d (%d bytes) %s\n", now, hdr.From, hdr.To, hdr.Length, what)
	}
}
