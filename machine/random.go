// The simulation's one source of randomness.
//
// Every random choice in a run (when the timer fires under -rs, which
// packet the network drops, what a user program's Random call returns)
// comes from one generator seeded from the command line, so a run is a pure
// function of its inputs and its seed.
//
// The generator is the additive feedback generator behind the C library's
// random(), as glibc implements it, so that a seed gives the same sequence
// Nachos itself drew from srandom(seed): courses compare -rs runs with it.

package machine

// Random is a seeded pseudo-random generator with the sequence of glibc's
// srandom/random.
type Random struct {
	r    [34]uint32 // the last 34 values of the recurrence
	next int        // index in r of the oldest value
}

// NewRandom returns a generator seeded as srandom(seed) would seed it.
func NewRandom(seed uint32) *Random {
	g := &Random{}
	if seed == 0 {
		seed = 1
	}
	// The first 31 values come from a Park-Miller generator, computed
	// with Schrage's method so that nothing overflows 32 bits.
	word := int32(seed)
	g.r[0] = seed
	for i := 1; i < 31; i++ {
		hi, lo := word/127773, word%127773
		word = 16807*lo - 2836*hi
		if word < 0 {
			word += 2147483647
		}
		g.r[i] = uint32(word)
	}
	for i := 31; i < 34; i++ {
		g.r[i] = g.r[i-31]
	}
	// glibc discards the first 310 outputs so that they do not echo the seed.
	for i := 0; i < 310; i++ {
		g.step()
	}
	return g
}

// step computes the next value of r[i] = r[i-31] + r[i-3].
func (g *Random) step() uint32 {
	n := len(g.r)
	v := g.r[(g.next+n-31)%n] + g.r[(g.next+n-3)%n]
	g.r[g.next] = v
	g.next = (g.next + 1) % n
	return v
}

// Int returns the next value, in [0, 2^31), as random() would.
func (g *Random) Int() int32 { return int32(g.step() >> 1) }

// Intn returns the next value reduced into [0, n), as Nachos does it:
// random() % n.
func (g *Random) Intn(n int32) int32 { return g.Int() % n }
