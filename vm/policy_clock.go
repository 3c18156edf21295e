// The clock policies: approximations of LRU from the use bit alone.
//
// Real hardware cannot afford to timestamp every access, but it can set
// a bit. The clock keeps the frames in a circle with a hand. At a fault
// the hand sweeps: a page whose use bit is set gets a second chance (the
// bit is cleared and the hand moves on); the first page found with the
// bit clear goes. The enhanced clock also looks at the dirty bit, since
// a dirty victim costs a disk write before its frame can be reused: it
// prefers (unused, clean), then (unused, dirty), clearing use bits only
// on the second kind of sweep. NRU sorts the pages into the same four
// classes and takes one at random from the lowest; the use bits clear
// once every round of as many choices as there are frames.

package vm

import "nachos/machine"

type clock struct{ hand int }

func (c *clock) Victim(frames []Frame) int {
	//solution:begin 3
	for {
		c.hand %= len(frames)
		f := &frames[c.hand]
		c.hand++
		switch {
		case !f.Candidate():
		case f.Use:
			f.Use = false // a second chance
		default:
			return c.hand - 1
		}
	}
	//solution:stub
	// // Project 3: sweep the hand (c.hand) round the frames from where it
	// // stopped last; skip frames that are not candidates (f.Candidate),
	// // give a frame whose use bit is set a second chance (clear the bit,
	// // move on), and take the first with the bit clear. As written, the
	// // first candidate goes, however recently it was used.
	// for i := range frames {
	// 	if frames[i].Candidate() {
	// 		return i
	// 	}
	// }
	// return noFrame // never: the pager calls Victim only when some frame is a candidate
	//solution:broken clock-no-second-chance
	// // A classic mistake: the hand takes the next candidate without
	// // looking at its use bit, which makes the clock FIFO.
	// for {
	// 	c.hand %= len(frames)
	// 	c.hand++
	// 	if frames[c.hand-1].Candidate() {
	// 		return c.hand - 1
	// 	}
	// }
	//solution:end
}

type eclock struct{ hand int }

// Victim sweeps for an unused clean page without touching any bit; then
// for an unused dirty page, clearing use bits as it goes; and again.
// After the second sweep every use bit is clear, so the third or fourth
// finds a page.
func (c *eclock) Victim(frames []Frame) int {
	for round := 0; ; round++ {
		clearing := round%2 == 1
		for range frames {
			c.hand %= len(frames)
			f := &frames[c.hand]
			c.hand++
			if !f.Candidate() {
				continue
			}
			if !f.Use && f.Dirty == clearing {
				return c.hand - 1
			}
			if clearing {
				f.Use = false
			}
		}
	}
}

type nru struct {
	r       *machine.Random
	choices int // victims chosen so far: the use bits clear every len(frames)
}

// class is a page's NRU class: 0 (unused, clean) to 3 (used, dirty).
func class(f *Frame) int {
	c := 0
	if f.Use {
		c = 2
	}
	if f.Dirty {
		c++
	}
	return c
}

func (p *nru) Victim(frames []Frame) int {
	var count [4]int
	for i := range frames {
		if f := &frames[i]; f.Candidate() {
			count[class(f)]++
		}
	}
	lowest := 0
	for count[lowest] == 0 {
		lowest++
	}
	victim := nthCandidate(frames, int(p.r.Int())%count[lowest], func(f *Frame) bool { return class(f) == lowest })
	// The periodic clearing, once a round of choices: clearing at every
	// one would leave a page just loaded for another process unused, and
	// the first to go, before that process could touch it.
	if p.choices++; p.choices%len(frames) == 0 {
		for i := range frames {
			frames[i].Use = false
		}
	}
	return victim
}
