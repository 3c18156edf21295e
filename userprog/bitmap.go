// A bitmap of physical frames: which are in use and which are free.

package userprog

// Bitmap tracks which of a fixed number of items are in use.
type Bitmap struct {
	used []bool
	free int
}

// NewBitmap returns a bitmap of n free items.
func NewBitmap(n int) *Bitmap { return &Bitmap{used: make([]bool, n), free: n} }

// Find marks the lowest free item used and returns it, or -1 if every item
// is in use.
func (b *Bitmap) Find() int {
	for i, u := range b.used {
		if !u {
			b.used[i] = true
			b.free--
			return i
		}
	}
	return -1
}

// Clear frees item i.
func (b *Bitmap) Clear(i int) {
	if !b.used[i] {
		panic("userprog: freeing a frame that is already free")
	}
	b.used[i] = false
	b.free++
}

// NumClear is the number of free items.
func (b *Bitmap) NumClear() int { return b.free }
