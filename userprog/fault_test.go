package userprog

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

// codeAt is an executable whose code is words, from address base.
func codeAt(base uint32, words ...uint32) *Executable {
	data := make([]byte, 4*len(words))
	for i, w := range words {
		binary.LittleEndian.PutUint32(data[4*i:], w)
	}
	return &Executable{Segments: []Segment{{Name: "code", VAddr: base, Data: data, MemSize: uint32(len(data)), ReadOnly: true}}}
}

// Instructions for the tests, as gcc writes them.
const (
	lwV0   = 0x8c420004 // lw $2,4($2)
	swV0   = 0xac820000 // sw $2,0($4)
	addu   = 0x00851021 // addu $2,$4,$5
	frame  = 0x27bdf048 // addiu $29,$29,-4024
	popped = 0x27bd0018 // addiu $29,$29,24: an epilogue, not a prologue
)

func TestFaultingAccess(t *testing.T) {
	exe := codeAt(0x400, lwV0, swV0, addu)
	cases := []struct {
		name  string
		cause machine.ExceptionType
		pc    uint32
		bad   uint32
		want  *access
	}{
		{"load", machine.PageFaultException, 0x400, 4, &access{load, 4}},
		{"store", machine.AddressErrorException, 0x404, 0xfffffb48, &access{store, 0xfffffb48}},
		{"store into code", machine.ReadOnlyException, 0x404, 0x404, &access{store, 0x404}},
		{"fetch", machine.PageFaultException, 0, 0, &access{fetch, 0}},
		{"not a memory instruction", machine.AddressErrorException, 0x408, 8, nil},
		{"not a memory fault", machine.OverflowException, 0x400, 0, nil},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, faultingAccess(exe, c.cause, c.pc, c.bad), c.name)
	}
	assert.Equal(t, "load from 0x00000004", (&access{load, 4}).String())
	assert.Equal(t, "jump to 0x00000000", (&access{fetch, 0}).String())
}

func TestFrameSize(t *testing.T) {
	exe := codeAt(0x400,
		addu, jrRA, popped, // the end of the function before
		frame, swV0, lwV0, addu, // the faulting function: its prologue, then its body
		jrRA, lwV0) // a load in the delay slot of its return
	size, at, ok := exe.frameSize(0x414)
	assert.True(t, ok)
	assert.Equal(t, uint32(4024), size)
	assert.Equal(t, uint32(0x40c), at)

	_, _, ok = exe.frameSize(0x420)
	assert.True(t, ok, "the jr just before a delay slot is the faulting function's own")

	_, _, ok = exe.frameSize(0x408)
	assert.False(t, ok, "a function without a frame: the prologue before the jr is another function's")
	_, _, ok = exe.frameSize(0x1000)
	assert.False(t, ok, "no code there")
}

func TestStackOverflowHint(t *testing.T) {
	exe := codeAt(0x400, frame, swV0)
	u := &userThread{stackBottom: 0x700, stackTop: 0xb00}
	assert.Empty(t, stackOverflow(exe, u, 0xaf0, 0x404), "within the stack")
	assert.Empty(t, stackOverflow(exe, u, 0xb00, 0x404), "at its top, before anything was pushed")
	assert.Empty(t, stackOverflow(exe, u, 0x40000000, 0x404), "far above: garbage, not an overflow")

	assert.Equal(t, "the stack overflowed: the stack pointer 0x000006b8 is 72 bytes below the bottom of this thread's 1024-byte stack (0x00000700), after the function at the fault took a frame of 4024 bytes (addiu $29,$29,-4024 at pc 0x00000400); make large local arrays global or static, recurse less, or run with a larger stack (at least --stack 3072)",
		stackOverflow(exe, u, 0x6b8, 0x404))
	assert.Equal(t, "the stack overflowed: the stack pointer 0xfffffb38 wrapped around below address 0, and is 3016 bytes below the bottom of this thread's 1024-byte stack (0x00000700); make large local arrays global or static, recurse less, or run with a larger stack (at least --stack 5120)",
		stackOverflow(exe, u, 0xfffffb38, 0x1000), "no prologue found: no frame named")
}

func TestNullPointerHint(t *testing.T) {
	assert.Contains(t, nullPointerHint(&access{load, 0}, 0x400), "address 0 is NULL, in the unmapped guard below the program (0x00000000-0x000003ff): the program followed a NULL pointer;")
	assert.Contains(t, nullPointerHint(&access{store, 8}, 0x400), "0x00000008 is 8 bytes past NULL")
	assert.Contains(t, nullPointerHint(&access{fetch, 0}, 0x400), "NULL function pointer")
}
