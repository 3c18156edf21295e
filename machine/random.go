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
	// The generator adds the value 31 places back to the one 3 places back.
	// state holds the last 31 values in a ring: front is where the next
	// value goes (and the value 31 back is), rear is 3 places behind it.
	state       [31]uint32
	front, rear int
}

// NewRandom returns a generator seeded as srandom(seed) would seed it.
func NewRandom(seed uint32) *Random {
	g := &Random{front: 3}
	if seed == 0 {
		seed = 1
	}
	// The first 31 values come from a Park-Miller generator, computed
	// with Schrage's method so that nothing overflows 32 bits.
	word := int32(seed)
	g.state[0] = seed
	for i := 1; i < len(g.state); i++ {
		hi, lo := word/127773, word%127773
		word = 16807*lo - 2836*hi
		if word < 0 {
			word += 2147483647
		}
		g.state[i] = uint32(word)
	}
	// glibc discards the first 310 outputs so that they do not echo the seed.
	for range 310 {
		g.step()
	}
	return g
}

// step computes the next value of the recurrence.
func (g *Random) step() uint32 {
	g.state[g.front] += g.state[g.rear]
	v := g.state[g.front]
	if g.front++; g.front == len(g.state) {
		g.front = 0
	}
	if g.rear++; g.rear == len(g.state) {
		g.rear = 0
	}
	return v
}

// Int returns the next value, in [0, 2^31), as random() would.
func (g *Random) Int() int32 { return int32(g.step() >> 1) }

// Intn returns the next value reduced into [0, n), as Nachos does it:
// random() % n.
func (g *Random) Intn(n int32) int32 { return g.Int() % n }
