// Tests for the FIFO queue behind every wait queue: order, and reuse of
// its array as items come and go.

package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQueueIsFirstInFirstOut(t *testing.T) {
	var q queue[int]
	v, ok := q.pop()
	assert.False(t, ok)
	assert.Zero(t, v)
	// Items come and go in a pattern that fills the array, empties it
	// and slides items down; they must always leave in arrival order.
	next, want := 0, 0
	for round := range 200 {
		for range round % 7 {
			q.push(next)
			next++
		}
		for range round % 5 {
			if v, ok := q.pop(); ok {
				assert.Equal(t, want, v)
				want++
			}
		}
		assert.Equal(t, next-want, q.len())
	}
	for q.len() > 0 {
		v, _ := q.pop()
		assert.Equal(t, want, v)
		want++
	}
	assert.Equal(t, next, want)
}

// A queue that holds at most n items at a time settles on an array of
// about n and stops allocating, even if it never empties.
func TestQueueReusesItsArray(t *testing.T) {
	var q queue[*Thread]
	threads := []*Thread{NewThread("a", 0), NewThread("b", 0), NewThread("c", 0)}
	for _, th := range threads {
		q.push(th)
	}
	rotate := func() {
		th, _ := q.pop()
		q.push(th)
	}
	for range 10 {
		rotate()
	}
	assert.Zero(t, testing.AllocsPerRun(1000, rotate))
	assert.LessOrEqual(t, cap(q.items), 8)
	first, _ := q.pop()
	assert.Same(t, threads[(10+1001)%3], first, "the rotation kept the order")
}
