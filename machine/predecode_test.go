// The CPU decodes instructions once and keeps the results (predecode.go).
// These programs change code after it was decoded, in every way that can
// happen, and check that the new code is what runs.

package machine_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

// routine is a subroutine at address at that adds 1 to $9 and returns;
// patch is the word that replaces its first instruction to add 100.
func routine(m *machine.Machine, t *testing.T, at uint32) (patch uint32) {
	for i, w := range []uint32{addiu(9, 9, 1), encR(opSpecial, 31, 0, 0, 0, fnJR), nop} {
		putWord(t, m, at+uint32(4*i), w)
	}
	return addiu(9, 9, 100)
}

func TestAProgramThatRewritesItsOwnCodeRunsTheNewCode(t *testing.T) {
	tests := []struct {
		name  string
		first []uint32 // runs before the routine is first called
	}{
		{"code page not cached for stores", nil},
		// A store to the routine's page before its code is decoded puts
		// the page in the store cache; decoding must take it out again.
		{"code page cached for stores first", []uint32{sw(0, 0, 0x90)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newExecMachine(t)
			patch := routine(m, t, 0x80) // page 1; the program is on page 0
			code := slices.Concat(tt.first,
				[]uint32{encJ(opJAL, 0x80), nop}, // $9 = 1, and the routine is decoded
				li32(8, patch),
				[]uint32{sw(8, 0, 0x80), encJ(opJAL, 0x80), nop, brk()}, // $9 += 100
			)
			res := runExec(t, m, code...)
			requireBreakAt(t, res, uint32(4*(len(code)-1)))
			assert.Equal(t, uint32(101), m.ReadRegister(9))
		})
	}
}

func TestCodeTheKernelRewritesBetweenRunsIsDecodedAgain(t *testing.T) {
	m := newExecMachine(t)
	runExec(t, m, addiu(9, 0, 1), brk())
	assert.Equal(t, uint32(1), m.ReadRegister(9))
	runExec(t, m, addiu(9, 0, 2), brk()) // written straight into memory, as a loader does
	assert.Equal(t, uint32(2), m.ReadRegister(9))
}
