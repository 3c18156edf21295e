package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const belady = "1,2,3,4,1,2,5,1,2,3,4,5"

func TestPagingStepTable(t *testing.T) {
	status, out, _ := nachos(t, "", "paging", "--refs", belady, "-P", "FIFO", "--frames", "3")
	require.Zero(t, status)
	assert.Contains(t, out, "fifo, 3 frames, 12 references")
	assert.Contains(t, out, "       4  miss  1        [4 2 3]\n")
	assert.Contains(t, out, "       1  hit   -        [5 1 2]\n")
	assert.True(t, strings.HasSuffix(out, "faults 9, hits 3, hit rate 25.0%\n"), out)
}

func TestPagingShowsBeladysAnomaly(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "curves.svg")
	status, out, _ := nachos(t, "", "paging", "--refs", belady, "-P", "fifo,lru,opt", "--frames", "3-4", "--svg", svg)
	require.Zero(t, status)
	assert.True(t, strings.HasPrefix(out, "page faults for 12 references\n\n"+
		"frames     fifo      lru      opt\n"+
		"     3        9       10        7\n"+
		"     4       10        8        6\n\n"), out)
	assert.Contains(t, out, "      10 |l  f\n", "the curve: the most faults at the top")
	drawing, err := os.ReadFile(svg)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(drawing), "<polyline"))
}

func TestPagingRandomStringsRepeatWithTheSeed(t *testing.T) {
	args := []string{"paging", "--random", "100", "--pages", "8", "--locality", "0.5", "--seed", "4", "-P", "all", "--frames", "1-8"}
	_, first, _ := nachos(t, "", args...)
	_, second, _ := nachos(t, "", args...)
	assert.Equal(t, first, second)
	assert.Contains(t, first, "page faults for 100 references")
}

func TestPagingRefusesBadInput(t *testing.T) {
	for args, want := range map[string]string{
		"--refs 1,2 --random 5":     "give one reference string",
		"--refs 1,x":                `"x" is not a page number`,
		"--refs 1,2 --frames 0":     "--frames \"0\": give numbers of frames",
		"--refs 1,2 -P mru":         `no page replacement policy "mru"`,
		"--random 5 --locality 2":   "--locality from 0 to 1",
		"--refs-file /no/such/file": "no such file",
	} {
		status, _, errs := nachos(t, "", append([]string{"paging"}, strings.Fields(args)...)...)
		assert.Equal(t, 2, status, args)
		assert.Contains(t, errs, want, args)
	}
}

// A string recorded from a run of the kernel faults as often in the
// simulator as it did in the kernel.
func TestRecordedReferencesReplayInPaging(t *testing.T) {
	refs := filepath.Join(t.TempDir(), "matmult.refs")
	status, out, _ := nachos(t, "", "-x", "../../test/matmult", "--vm", "--phys-pages", "16", "-P", "LRU", "--record-refs", refs)
	require.Zero(t, status)
	assert.Contains(t, out, "Paging: faults 5741\n")
	_, sim, _ := nachos(t, "", "paging", "--refs-file", refs, "-P", "lru", "--frames", "16")
	assert.Contains(t, sim, "faults 5741,")
}

func TestOptRunsTheProgramTwice(t *testing.T) {
	status, out, errs := nachos(t, "", "-x", "../../test/matmult", "-P", "opt", "--phys-pages", "16")
	require.Zero(t, status)
	assert.Equal(t, 1, strings.Count(errs, "exited with status 7220"), "the rehearsal is silent")
	assert.Equal(t, 1, strings.Count(out, "Machine halting!"), "the rehearsal is silent")
	assert.Contains(t, out, "Paging: faults 671\n")
}

func TestMMUExercise(t *testing.T) {
	status, question, _ := nachos(t, "", "mmu", "--scheme", "paging", "--seed", "3", "-n", "3")
	require.Zero(t, status)
	assert.Contains(t, question, "  VA  0: 0x00000056 (decimal 86) --> PA or fault?\n")
	_, answer, _ := nachos(t, "", "mmu", "--scheme", "paging", "--seed", "3", "-n", "3", "-c")
	assert.Contains(t, answer, "PA = PFN << 4 | offset = 1 * 16 + 6 = 22 = 0x00000016\n")
	status, _, errs := nachos(t, "", "mmu", "--scheme", "tlb")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, `no translation scheme "tlb"`)
}
