// Delay before entry: how long a node waits for the critical section
// when nobody else wants it, in message times.
//
// Textbooks compare mutual exclusion algorithms by two costs: messages
// per entry, and the delay before entry, counted in message times (one
// message's trip from sender to receiver). Without contention:
//
//	algorithm          messages per entry     delay before entry
//	centralized        3                      2      REQUEST, GRANT
//	Ricart-Agrawala    2(n-1)                 2(n-1) n-1 REQUESTs and n-1 OKs, one after another
//	token ring         1 to unbounded         0 to n-1: the token is here, or the others are in its way
//	voting (m votes)   3mk (k rounds)         2m     m REQUESTs and m VOTEs
//
// (The course notes give no delays; these are the textbook's.) The count
// 2(n-1) assumes every message waits for the one before it. Here only a
// node's own packets do: its network interface sends one at a time, so
// the n-1 REQUESTs leave one send time apart, and the OKs, which come
// back from n-1 machines at once, are acknowledged one at a time by the
// same interface before the handler sees them. Ricart-Agrawala (and
// Lamport's algorithm, which waits for an ACK from everyone the same way)
// then wait 2 message times for the first other node and a fraction of
// one for each further one: between a network that broadcasts (2) and one
// that carries a single message at a time (2(n-1)). The token ring's
// worst case is n, not n-1: a token that has just left makes n hops to
// come back, n-1 to the others and one home.
//
// With --uncontended each node wants in alone, in a turn of its own:
// the run is cut into slots, one per node per entry, and a node wants in
// at a random moment early in its slot, long enough before the next one
// for its entry, its critical section and its release to be over. The
// wait it measures is then the delay before entry, and the run measures
// its own message time (its fastest message, from the send to the
// receiving handler) to state it in message times. A node that wants in
// while another wants in or is inside counts as overlapped: turns too
// short for the algorithm, which the outcome says.

package dist

import "fmt"

// SlotTicksPerNode is how much longer a turn is for every node in the
// cluster: room for a broadcast and its answers, and a release to all,
// one send at a time.
const SlotTicksPerNode = 800

// slotTicks is the length of one node's turn with --uncontended.
func slotTicks(nodes int) int64 { return ThinkTicks + CSTicks + int64(nodes)*SlotTicksPerNode }

// checkTurns says whether the turns of --uncontended fit in the run,
// and are asked of an algorithm with a critical section.
func (sc *Scenario) checkTurns(alg *Algorithm) error {
	if !sc.TakeTurns {
		return nil
	}
	if alg.Family != "mutex" {
		return fmt.Errorf("--uncontended: %s is not a mutual exclusion algorithm, and has no critical section to take turns for (nachos dist list shows the mutex family)", alg.Name)
	}
	if need := int64(sc.Nodes*sc.Entries) * slotTicks(sc.Nodes); need > sc.MaxTicks {
		return fmt.Errorf("--uncontended: %d nodes taking turns for %d entries each need %d ticks, more than --max-ticks %d: raise it, or ask for fewer entries",
			sc.Nodes, sc.Entries, need, sc.MaxTicks)
	}
	return nil
}

// overlapping says whether another node wants in or is inside: with
// --uncontended, a turn too short for the algorithm.
func (w *worker) overlapping() bool {
	for _, n := range w.n.r.nodes[1:] {
		if other, ok := n.proc.(*worker); ok && n != w.n && n.up && (other.wanting || other.inside) {
			return true
		}
	}
	return false
}

// turn is when a node wants in for its next entry with --uncontended:
// early in its slot, at random (the token ring's token is anywhere).
func (w *worker) turn() int64 {
	entry := w.n.Entries() - w.left
	slot := int64(entry*w.n.N() + w.n.ID - 1)
	return slot*slotTicks(w.n.N()) + 1 + int64(w.n.Random(ThinkTicks))
}

// MessageTime is the run's one-way message time, in ticks: from a send
// to its delivery to the receiving node's handler (the interface's send
// time, the wire's latency, the receiver's acknowledgement), for the
// fastest message of the run: one with nothing in its way. A message
// held up behind others is the algorithm's doing, part of the delay
// being measured, not of the unit it is measured in. (With --jitter the
// fastest message was also lucky.) 0 when no message was delivered.
func (r *Result) MessageTime() int64 {
	sent := map[int]int64{} // by message number
	fastest := int64(0)
	for _, e := range r.Events {
		switch e.Kind {
		case Send:
			sent[e.MsgID] = e.Tick
		case Receive:
			if t := e.Tick - sent[e.MsgID]; fastest == 0 || t < fastest {
				fastest = t
			}
		}
	}
	return fastest
}

// meanWait is the mean wait from wanting in to entering, in ticks.
func meanWait(r *Result) float64 {
	total := int64(0)
	for _, w := range r.Waits {
		total += w
	}
	return float64(total) / float64(len(r.Waits))
}

// waitString is the outcome's account of the wait per entry, in ticks
// and in message times (0 if no message was delivered).
func waitString(r *Result) string {
	if len(r.Waits) == 0 {
		return "no wait measured"
	}
	ticks, mt := meanWait(r), r.MessageTime()
	times := 0.0
	if mt > 0 {
		times = ticks / float64(mt)
	}
	s := fmt.Sprintf("wait per entry: %.0f ticks = %.2f message times (a message takes %d ticks)", ticks, times, mt)
	if r.Scenario.TakeTurns && r.Overlapped > 0 {
		s += fmt.Sprintf("; %d times a node wanted in while another wanted in or was inside: the turns were too short", r.Overlapped)
	}
	return s
}
