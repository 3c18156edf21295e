// Shards: one grading run spread over several machines.
//
// --shard I/N runs the I-th of N parts of the tests, so that a CI matrix
// or a batch system can grade in parallel, and "nachos grade merge" joins
// the parts' JSON reports. A test and the tests it depends on must run in
// the same part (a test waits for its dependencies' verdicts), so the
// parts are made of whole groups of tests linked by dependencies: each
// group, in suite order, goes to the part with the fewest tests so far.
// Every shard computes the same split from the same suites and seeds.

package grade

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is the I-th of N parts, counted from 1. The zero Shard is the
// whole run.
type Shard struct{ I, N int }

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q is not a shard: write I/N, with 1 <= I <= N (1/4 is the first of four)", s)
	}
	return Shard{i, n}, nil
}

func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// Select returns the tests of suites in this shard, in suite order, and
// numbers every test by its place among all of them.
func (s Shard) Select(suites []*Suite) []*Test {
	var all []*Test
	for _, su := range suites {
		all = append(all, su.Tests...)
	}
	for i, t := range all {
		t.index = i
	}
	if s.N <= 1 {
		return all
	}
	// Union-find over dependencies: a group is a set of linked tests.
	group := make([]int, len(all))
	for i := range group {
		group[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for group[i] != i {
			i = group[i]
		}
		return i
	}
	index := map[string]int{}
	for i, t := range all {
		index[t.FullName()] = i
	}
	for i, t := range all {
		for _, d := range t.Depends {
			a, b := find(i), find(index[t.Suite+"/"+d])
			group[max(a, b)] = min(a, b)
		}
	}
	// Groups in order of their first test, each to the lightest part.
	members := map[int][]int{}
	var roots []int
	for i := range all {
		r := find(i)
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	load := make([]int, s.N)
	mine := make([]bool, len(all))
	for _, r := range roots {
		part := 0
		for p := range load {
			if load[p] < load[part] {
				part = p
			}
		}
		load[part] += len(members[r])
		if part == s.I-1 {
			for _, i := range members[r] {
				mine[i] = true
			}
		}
	}
	var tests []*Test
	for i, t := range all {
		if mine[i] {
			tests = append(tests, t)
		}
	}
	return tests
}
