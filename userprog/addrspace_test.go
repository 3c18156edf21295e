package userprog

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A program too big for memory gets the advice that fits why it is big.
func TestTooBigAdvice(t *testing.T) {
	small := &Executable{Segments: []Segment{{Name: "code", MemSize: 4096}}}
	farAway := &Executable{Segments: []Segment{{Name: "code", VAddr: 0x400000, MemSize: 4096}}}

	assert.Equal(t, "run with a larger --phys-pages", small.tooBigAdvice(1<<20))
	assert.Equal(t, "its first segment starts at 0x00400000: link it with test/script.ld, which puts the program at address 0",
		farAway.tooBigAdvice(0x401000))
	assert.Equal(t, "that is more than the largest machine (1 GiB): is the file damaged, or the --stack too big?",
		small.tooBigAdvice(1<<31))
}
