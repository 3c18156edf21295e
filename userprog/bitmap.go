// A bitmap: which of a fixed number of items are in use.
//
// The kernel keeps one for the physical frames. Find always hands out the
// lowest free item, so a run repeats exactly and frame numbers in traces
// stay small.
//
// Finding the lowest free item must stay cheap with hundreds of thousands
// of frames, or a fork bomb on a big machine spends its time here. So the
// bits are packed 64 to a word, a full word is passed over with one
// comparison, the free bit of a word is found with one TrailingZeros64,
// and a hint remembers the lowest word that may have a free bit, so Find
// does not walk again over the full words at the bottom.

package userprog

import (
	"fmt"
	"math/bits"
)

// Bitmap tracks which of a fixed number of items are in use.
type Bitmap struct {
	words []uint64 // bit i%64 of words[i/64] is set while item i is in use
	low   int      // every word below words[low] is full
	size  int      // the number of items
	free  int
}

// full is a word whose 64 items are all in use.
const full = ^uint64(0)

// NewBitmap returns a bitmap of n free items.
func NewBitmap(n int) *Bitmap {
	b := &Bitmap{words: make([]uint64, (n+63)/64), size: n, free: n}
	// The last word's bits past n stand for no item: marking them used
	// keeps Find from ever handing them out.
	if r := n % 64; r != 0 {
		b.words[len(b.words)-1] = full << r
	}
	return b
}

// Find marks the lowest free item used and returns it, or -1 if every item
// is in use.
func (b *Bitmap) Find() int {
	if b.free == 0 {
		return -1
	}
	w := b.low
	for b.words[w] == full { // stops: a free item exists, and none is below low
		w++
	}
	bit := bits.TrailingZeros64(^b.words[w])
	b.words[w] |= 1 << bit
	b.low = w
	b.free--
	return w*64 + bit
}

// Clear frees item i.
func (b *Bitmap) Clear(i int) {
	if i < 0 || i >= b.size {
		panic(fmt.Sprintf("userprog: freeing item %d of a bitmap of %d", i, b.size))
	}
	w, bit := i/64, uint64(1)<<(i%64)
	if b.words[w]&bit == 0 {
		panic(fmt.Sprintf("userprog: freeing item %d, which is already free", i))
	}
	b.words[w] &^= bit
	b.free++
	b.low = min(b.low, w)
}

// NumClear is the number of free items.
func (b *Bitmap) NumClear() int { return b.free }
