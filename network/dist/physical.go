// Physical clocks: drift, and three ways to synchronize them.
//
// Every node's clock here is a crystal that ticks at its own rate:
// C(t) = C(t0) + (1+rho_i)(t-t0), with rho_i drawn from the seed within
// plus or minus Drift (real crystals: about 1e-5; here 1e-2, so that
// drift shows within a short run). Two clocks drifting apart at up to
// 2*Drift must be resynchronized every L = E / (2*Drift) ticks to stay
// within E of each other (the notes' L = E/2D); the run's sampler reads
// every clock every SampleTicks and checks the skew, and that no clock
// ever runs backwards.
//
// A correction is never a jump: the clock is slewed, running a little
// faster or slower until the difference is made up (adjust), so a clock
// told to go back only slows down.
//
//   - Cristian: node 1 is a time server with a perfect clock. A client
//     sends TIME-REQUEST at T0 and gets the server's time Cs back at T1;
//     the answer is about half the round trip old, so the client sets
//     its clock to Cs + (T1-T0)/2. Answers that took too long
//     (MaxRoundTrip) are thrown away: their error could be large.
//   - NTP: the same exchange with four timestamps: T1 the client sends,
//     T2 the server receives, T3 the server answers, T4 the client
//     receives. The offset is ((T2-T1)+(T3-T4))/2 and the delay
//     (T4-T1)-(T3-T2).
//   - Berkeley: node 1 is a master with an ordinary clock. It asks every
//     node for its time, estimates each one's offset from the round trip,
//     averages the offsets, leaving out outliers (more than E/2 from the
//     median), and sends each node the correction that brings it to the
//     average: nobody has the right time, but all agree.

package dist

import (
	"fmt"
	"math"
	"slices"
)

// Physical clock settings.
const (
	DefaultDrift    = 0.01 // rho: 1% fast or slow at most
	DefaultMaxError = 5000 // E: the skew tolerated, in ticks
	SyncRounds      = 10   // resynchronizations per node in a run
	SampleTicks     = 2000 // how often the sampler reads every clock
	MaxRoundTrip    = 2000 // answers slower than this are ignored: their error could be large
	timeServer      = 1
	MaxPeriod       = 50_000_000 // longer periods would make runs too long to sample
)

// physicalClock is a drifting clock read at true time t (the tick).
type physicalClock struct {
	rate      float64 // 1 + rho
	base      float64 // the reading at t0
	t0        int64
	slew      float64 // extra rate until slewUntil
	slewUntil int64
}

func (c *physicalClock) read(t int64) float64 {
	end := min(t, c.slewUntil)
	if end < c.t0 {
		end = c.t0
	}
	return c.base + (c.rate+c.slew)*float64(end-c.t0) + c.rate*float64(t-end)
}

// adjust slews the clock by delta: the difference is made up over a
// stretch long enough that the clock never runs at less than half speed.
func (c *physicalClock) adjust(t int64, delta float64, over int64) {
	over = max(over, int64(2*math.Abs(delta))+1)
	c.base, c.t0 = c.read(t), t
	c.slew, c.slewUntil = delta/float64(over), t+over
}

// PhysicalClock reads the node's physical clock.
func (n *Node) PhysicalClock() int { return int(n.clock.read(n.Now())) }

// AdjustClock slews the node's clock by delta ticks and records it.
func (n *Node) AdjustClock(delta int) {
	if !n.live() {
		return
	}
	n.clock.adjust(n.Now(), float64(delta), n.r.sc.period()/10)
	n.Decide("adjust", delta)
}

// period is the resynchronization period: --period, or L = E/2D.
func (sc Scenario) period() int64 {
	if sc.Period > 0 {
		return sc.Period
	}
	return int64(float64(sc.MaxError) / (2 * sc.Drift))
}

// newClock draws a node's drift from its generator.
func newClock(sc Scenario, id int, r func(int) int) *physicalClock {
	rho := sc.Drift * (float64(r(2001))/1000 - 1)
	if id == timeServer && sc.PerfectServer {
		rho = 0
	}
	return &physicalClock{rate: 1 + rho}
}

// physicalSetup fills in and checks the scenario's drift and error;
// with server, node 1 is a time server with a perfect clock.
func physicalSetup(server bool) func(sc *Scenario) error {
	return func(sc *Scenario) error {
		if sc.Drift == 0 {
			sc.Drift = DefaultDrift
		}
		if sc.MaxError == 0 {
			sc.MaxError = DefaultMaxError
		}
		if sc.Drift < 0 || sc.Drift >= 0.5 || sc.MaxError < 1 {
			return fmt.Errorf("--drift %g and --max-error %d: give a drift from 0 to 0.5 and an error of at least 1 tick", sc.Drift, sc.MaxError)
		}
		if p := sc.period(); p < 10*MaxRoundTrip || p > MaxPeriod {
			return fmt.Errorf("a resynchronization period of %d ticks (--period, or E/2D): give %d to %d", p, 10*MaxRoundTrip, MaxPeriod)
		}
		sc.PerfectServer = server
		sc.MaxTicks = max(sc.MaxTicks, sc.period()*(SyncRounds+2))
		return nil
	}
}

// Cristian is Cristian's algorithm.
var Cristian = clockAlgorithm("cristian",
	"Cristian's clock synchronization: ask a time server, add half the round trip",
	[]string{"TIME-REQUEST", "TIME"}, func(n *Node) Process { return &timeClient{n: n} }, true)

// NTP is NTP's offset and delay from four timestamps.
var NTP = clockAlgorithm("ntp",
	"NTP's exchange: offset ((T2-T1)+(T3-T4))/2 and delay (T4-T1)-(T3-T2) from four timestamps",
	[]string{"TIME-REQUEST", "TIME"}, func(n *Node) Process { return &timeClient{n: n, ntp: true} }, true)

// Berkeley is the Berkeley algorithm.
var Berkeley = clockAlgorithm("berkeley",
	"Berkeley clock synchronization: the master averages everyone's offset, leaving out outliers",
	[]string{"TIME?", "TIME", "ADJUST"}, func(n *Node) Process { return &berkeley{n: n} }, false)

// clockAlgorithm is a clock synchronization algorithm, judged by the
// skew of the clocks; with server, node 1 is a perfect time server.
func clockAlgorithm(name, summary string, kinds []string, newProcess func(*Node) Process, server bool) *Algorithm {
	return &Algorithm{
		Name: name, Family: "clocks", Summary: summary, Kinds: kinds,
		New:     newProcess,
		Checker: func() Checker { return &skewChecker{} },
		Outcome: skewOutcome,
		Prepare: physicalSetup(server),
	}
}

// timeClient synchronizes with the time server every period (Cristian
// or NTP); the server answers.
type timeClient struct {
	n       *Node
	ntp     bool
	rounds  int
	retries int // requests sent again this round, after too slow an answer
	t0      int // when the request left, by this clock
}

// SyncRetries is how many times a round's request is sent again after
// an answer too slow to use.
const SyncRetries = 3

func (c *timeClient) request() {
	c.t0 = c.n.PhysicalClock()
	c.n.Send(timeServer, "TIME-REQUEST", c.t0)
}

// Start sets the first synchronization a little before the period is
// up, at random, so that the clients do not all crowd the server at once.
func (c *timeClient) Start() {
	if p := c.n.r.sc.period(); c.n.ID != timeServer {
		c.n.After(p-int64(c.n.Random(int(p/10)+1)), 0)
	}
}

func (c *timeClient) Timeout(int) {
	c.retries = 0
	c.request()
	if c.rounds++; c.rounds < SyncRounds {
		c.n.After(c.n.r.sc.period(), 0)
	}
}

func (c *timeClient) Receive(m Message) {
	switch m.Kind {
	case "TIME-REQUEST": // the server: T2, then T3 as it answers
		t2 := c.n.PhysicalClock()
		c.n.Send(m.From, "TIME", m.Args[0], t2, c.n.PhysicalClock())
	case "TIME":
		t1, t2, t3, t4 := m.Args[0], m.Args[1], m.Args[2], c.n.PhysicalClock()
		if t1 != c.t0 {
			return // an answer to a request given up on
		}
		if t4-t1 > MaxRoundTrip { // too slow to trust: ask again
			if c.retries++; c.retries <= SyncRetries {
				c.request()
			}
			return
		}
		if c.ntp {
			c.n.Decide("delay", (t4-t1)-(t3-t2))
			c.n.AdjustClock(((t2 - t1) + (t3 - t4)) / 2)
			return
		}
		c.n.AdjustClock(t3 + (t4-t1)/2 - t4) // Cristian: the server's time, half a round trip old
	}
}

func (c *timeClient) Initiate()        {}
func (c *timeClient) GiveUp(int, Sent) {}

// berkeley: the master polls, averages and corrects.
type berkeley struct {
	n       *Node
	rounds  int
	retries int // polls sent again this round, for answers missing or too slow
	round   int
	asked   map[int]int // node -> master's clock when asked
	offsets map[int]int // node -> its estimated offset from the master
}

func (b *berkeley) Start() {
	if b.n.ID == timeServer {
		b.n.After(b.n.r.sc.period(), 0)
	}
}

func (b *berkeley) Timeout(tag int) {
	switch {
	case tag == 1 && b.asked == nil:
		return // averaged already
	case tag == 1 && b.retries < SyncRetries:
		b.retries++
		b.poll() // answers missing or too slow: ask again
		return
	case tag == 1:
		b.average() // go on with those that answered in time
		return
	}
	b.retries = 0
	b.poll()
	if b.rounds++; b.rounds < SyncRounds {
		b.n.After(b.n.r.sc.period(), 0)
	}
}

// poll asks every node for its time.
func (b *berkeley) poll() {
	b.round++
	b.asked, b.offsets = map[int]int{}, map[int]int{b.n.ID: 0}
	for id := 1; id <= b.n.N(); id++ {
		if id != b.n.ID {
			b.asked[id] = b.n.PhysicalClock()
			b.n.Send(id, "TIME?", b.round)
		}
	}
	b.n.After(2*MaxRoundTrip, 1)
}

func (b *berkeley) Receive(m Message) {
	switch m.Kind {
	case "TIME?":
		b.n.Send(m.From, "TIME", m.Args[0], b.n.PhysicalClock())
	case "TIME":
		sent, ok := b.asked[m.From]
		now := b.n.PhysicalClock()
		if m.Args[0] != b.round || !ok || now-sent > MaxRoundTrip {
			return
		}
		b.offsets[m.From] = m.Args[1] + (now-sent)/2 - now
		if len(b.offsets) == b.n.N() {
			b.average()
		}
	case "ADJUST":
		b.n.AdjustClock(m.Args[0])
	}
}

// average sends every node that answered its correction to the mean of
// the offsets that are not outliers.
func (b *berkeley) average() {
	if b.asked == nil {
		return
	}
	var all []int
	for _, o := range b.offsets {
		all = append(all, o)
	}
	mean := meanWithoutOutliers(all, int(b.n.r.sc.MaxError)/2)
	for id := 1; id <= b.n.N(); id++ {
		if o, ok := b.offsets[id]; ok && id != b.n.ID {
			b.n.Send(id, "ADJUST", mean-o)
		}
	}
	b.n.AdjustClock(mean)
	b.asked = nil
}

// meanWithoutOutliers averages the offsets that lie within spread of
// their median: one clock that is far off must not drag the others.
func meanWithoutOutliers(offsets []int, spread int) int {
	sorted := slices.Sorted(slices.Values(offsets))
	median := sorted[len(sorted)/2]
	sum, count := 0, 0
	for _, o := range sorted {
		if abs(o-median) <= spread {
			sum, count = sum+o, count+1
		}
	}
	return sum / count
}

func (b *berkeley) Initiate()        {}
func (b *berkeley) GiveUp(int, Sent) {}

func abs(x int) int { return max(x, -x) }

// A Sampler is a checker that reads every clock now and then.
type Sampler interface {
	Sample(r *Result, t int64, clocks []float64) error
}

// skewChecker: the live clocks stay within E plus the synchronization's
// own error (a round trip), and never run backwards.
type skewChecker struct {
	last []float64 // each clock's previous reading
}

func (c *skewChecker) Observe(*Result, Event) error { return nil }
func (c *skewChecker) Finish(*Result) error         { return nil }

func (c *skewChecker) Sample(r *Result, t int64, clocks []float64) error {
	if c.last == nil {
		c.last = make([]float64, len(clocks))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for id, v := range clocks {
		if math.IsNaN(v) {
			continue // down
		}
		if v < c.last[id] {
			return Violate(fmt.Sprintf("node %d's clock ran backwards, from %.0f to %.0f", id, c.last[id], v))
		}
		c.last[id] = v
		lo, hi = min(lo, v), max(hi, v)
	}
	skew := hi - lo
	r.Skew = max(r.Skew, skew)
	limit := float64(r.Scenario.MaxError + MaxRoundTrip)
	if skew > limit {
		return Violate(fmt.Sprintf("at true time %d the clocks are %.0f ticks apart, more than E + a round trip = %.0f (resynchronizing every %d ticks; L = E/2D is %d)",
			t, skew, limit, r.Scenario.period(), int64(float64(r.Scenario.MaxError)/(2*r.Scenario.Drift))))
	}
	return nil
}

func skewOutcome(r *Result) string {
	return fmt.Sprintf("worst skew %.0f ticks (E = %d), resynchronizing every %d ticks", r.Skew, r.Scenario.MaxError, r.Scenario.period())
}
