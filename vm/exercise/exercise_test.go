package exercise

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExercisesAreDeterministicPerSeed(t *testing.T) {
	for _, s := range Schemes {
		a, b := s.Generate(7, 10, true), s.Generate(7, 10, true)
		assert.Equal(t, a, b, s.Name)
		assert.NotEqual(t, a, s.Generate(8, 10, true), s.Name)
		question := s.Generate(7, 10, false)
		machine, _, _ := strings.Cut(question, "Virtual addresses")
		assert.True(t, strings.HasPrefix(a, machine), "%s: the answer is for the same machine", s.Name)
		assert.Equal(t, 10, strings.Count(question, "PA or fault?"), s.Name)
	}
}

// Every sum and product the answers show is right, and every address
// gets a physical address or a fault.
func TestAnswersAddUp(t *testing.T) {
	sum := regexp.MustCompile(`= (\d+) ([-+*]) (\d+)(?: \+ (\d+))? = (\d+)`)
	for _, s := range Schemes {
		for seed := uint32(1); seed <= 30; seed++ {
			text := s.Generate(seed, 10, true)
			_, answers, _ := strings.Cut(text, "Virtual addresses")
			assert.Equal(t, 10, strings.Count(answers, "PA = ")+strings.Count(answers, "VIOLATION")+strings.Count(answers, "FAULT"), "%s seed %d", s.Name, seed)
			for _, m := range sum.FindAllStringSubmatch(answers, -1) {
				a, _ := strconv.Atoi(m[1])
				b, _ := strconv.Atoi(m[3])
				want, _ := strconv.Atoi(m[5])
				got := map[string]int{"+": a + b, "-": a - b, "*": a * b}[m[2]]
				if m[4] != "" {
					c, _ := strconv.Atoi(m[4])
					got += c
				}
				assert.Equal(t, want, got, "%s seed %d: %s", s.Name, seed, m[0])
			}
		}
	}
}

func TestFindScheme(t *testing.T) {
	s, err := Find("ipt")
	require.NoError(t, err)
	assert.Equal(t, "ipt", s.Name)
	_, err = Find("tlb")
	assert.EqualError(t, err, `no translation scheme "tlb"; the schemes are base, seg, paging, 2level, ipt`)
}
