package tooltest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A missing tool skips the test and is recorded for the summary.
func TestAMissingToolIsSkippedAndRecorded(t *testing.T) {
	if os.Getenv("NACHOS_REQUIRE_TOOLS") != "" {
		t.Skip("in CI a missing tool fails the test instead")
	}
	file := filepath.Join(t.TempDir(), "skipped")
	t.Setenv("NACHOS_SKIPPED_TOOLS", file)
	ran := false
	t.Run("needs the tool", func(t *testing.T) {
		Require(t, "no-such-tool-nachos", "no-such-package")
		ran = true
	})
	assert.False(t, ran, "the test stopped at Require")
	recorded, err := os.ReadFile(file)
	assert.NoError(t, err)
	assert.Equal(t, "no-such-tool-nachos no-such-package\n", string(recorded))
}

func TestAToolOnThePathIsNotRecorded(t *testing.T) {
	file := filepath.Join(t.TempDir(), "skipped")
	t.Setenv("NACHOS_SKIPPED_TOOLS", file)
	Require(t, "go", "golang")
	assert.NoFileExists(t, file)
}
