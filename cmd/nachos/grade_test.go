package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// grade --checks lists the trace checks; grade without suites says what
// to give it.
func TestGradeCommandHelp(t *testing.T) {
	var out, errOut strings.Builder
	status := run([]string{"grade", "--checks"}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, 0, status)
	assert.Contains(t, out.String(), "mutual-exclusion")
	out.Reset()
	status = run([]string{"grade"}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, 2, status)
	assert.Contains(t, errOut.String(), "name the suites to run")
}
