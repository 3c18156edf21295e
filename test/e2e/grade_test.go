package e2e

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A grading run spread over two shards, as a CI matrix runs it, and the
// shards merged: every shipped threads test passes, and the merged
// Gradescope results give full marks.
func TestGradeShardsThenMerge(t *testing.T) {
	dir := t.TempDir()
	parts := []string{filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json")}
	for i, part := range parts {
		shard := []string{"1/2", "2/2"}[i]
		r := nachos(t, "", "grade", "test/suites/threads.yaml", "--seeds", "2", "--shard", shard, "--json", part)
		require.Equal(t, 0, r.status, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "total")
		assert.Contains(t, r.stderr, "grading", "progress goes to standard error, a line per test")
	}
	results := filepath.Join(dir, "results.json")
	junit := filepath.Join(dir, "junit.xml")
	r := nachos(t, "", append([]string{"grade", "merge", "--gradescope", results, "--junit", junit}, parts...)...)
	require.Equal(t, 0, r.status, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "threads/lock ")

	data, err := os.ReadFile(results)
	require.NoError(t, err)
	var gs struct {
		Score float64 `json:"score"`
		Tests []struct {
			MaxScore float64 `json:"max_score"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(data, &gs))
	total := 0.0
	for _, tc := range gs.Tests {
		total += tc.MaxScore
	}
	assert.Equal(t, total, gs.Score)
	assert.Greater(t, len(gs.Tests), 10)

	data, err = os.ReadFile(junit)
	require.NoError(t, err)
	var ju struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
	}
	require.NoError(t, xml.Unmarshal(data, &ju))
	assert.Equal(t, len(gs.Tests), ju.Tests, "the JUnit report holds the same tests")
	assert.Zero(t, ju.Failures+ju.Errors)
}

// A suite with a mistake stops the grader before anything runs, with
// exit status 2 and the file's name.
func TestGradeRefusesABadSuite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(path, []byte("tests: [{name: a, program: test/halt, expect: {stauts: 0}}]\n"), 0o644))
	r := nachos(t, "", "grade", path)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "bad.yaml")
	assert.Contains(t, r.stderr, "stauts")
}
