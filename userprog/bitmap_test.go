package userprog

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Find hands out the lowest free item every time, never an item past the
// end (130 items leave 62 spare bits in the last word), and -1 when all
// are in use.
func TestBitmapFindsTheLowestFreeItem(t *testing.T) {
	b := NewBitmap(130)
	for i := range 130 {
		require.Equal(t, i, b.Find())
	}
	assert.Equal(t, -1, b.Find())
	assert.Equal(t, 0, b.NumClear())

	b.Clear(70)
	b.Clear(3)
	b.Clear(129)
	assert.Equal(t, 3, b.NumClear())
	assert.Equal(t, 3, b.Find(), "the lowest, though 70 was freed first")
	assert.Equal(t, 70, b.Find())
	assert.Equal(t, 129, b.Find())
	assert.Equal(t, -1, b.Find())

	assert.Equal(t, -1, NewBitmap(0).Find())
}

// Freeing a free item, or one the bitmap does not have (130 is one of the
// spare bits), is a kernel bug and stops the kernel.
func TestBitmapClearRefusesAFreeItem(t *testing.T) {
	b := NewBitmap(130)
	assert.PanicsWithValue(t, "userprog: freeing item 5, which is already free", func() { b.Clear(5) })
	assert.PanicsWithValue(t, "userprog: freeing item 130 of a bitmap of 130", func() { b.Clear(130) })
	assert.Panics(t, func() { b.Clear(-1) })
}

// Random Finds and Clears give the same items as the obvious scan of a
// []bool from 0, which is what Find replaced.
func TestBitmapMatchesALinearScan(t *testing.T) {
	const n = 1000
	b, used := NewBitmap(n), make([]bool, n)
	lowest := func() int {
		for i, u := range used {
			if !u {
				return i
			}
		}
		return -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		if i := rng.IntN(n); rng.IntN(2) == 0 && used[i] {
			b.Clear(i)
			used[i] = false
			continue
		}
		want := lowest()
		require.Equal(t, want, b.Find())
		if want >= 0 {
			used[want] = true
		}
	}
}

// A fork bomb on a big machine takes every frame one at a time and gives
// them back in bursts. A Find that scanned from 0 each time would make
// this test take tens of seconds (200,000 frames, 300,000 Finds); the
// bitmap skips full words and starts from its hint.
func TestBitmapStaysFastWithManyFrames(t *testing.T) {
	const n = 200000
	b := NewBitmap(n)
	for i := range n {
		require.Equal(t, i, b.Find())
	}
	for i := 0; i < n; i += 2 {
		b.Clear(i)
	}
	for i := 0; i < n; i += 2 {
		require.Equal(t, i, b.Find())
	}
	assert.Equal(t, -1, b.Find())
}
