package trace

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kindRow is the README's row for kind k.
func kindRow(k Kind) string {
	var fields []string
	for _, f := range Kinds[k].Fields {
		fields = append(fields, "`"+Fields[f].Key+"`")
	}
	return fmt.Sprintf("| `%s` | %s | %s |", Kinds[k].Name, strings.Join(fields, ", "), Kinds[k].Doc)
}

// fieldRow is the README's row for field f.
func fieldRow(f Field) string {
	return fmt.Sprintf("| `%s` | %s | %s |", Fields[f].Key, Fields[f].Type, Fields[f].Doc)
}

// The README's tables of kinds and fields are the tables in kind.go and
// event.go, row for row.
func TestREADMEDocumentsEveryKindAndField(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for k := range NumKinds {
		assert.Contains(t, string(readme), kindRow(k))
	}
	for f := range NumFields {
		assert.Contains(t, string(readme), fieldRow(f))
	}
}

// Every kind and field has a name, and no two share one.
func TestKindAndFieldNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for k := range NumKinds {
		name := Kinds[k].Name
		require.NotEmpty(t, name, "kind %d", k)
		assert.False(t, seen[name], name)
		seen[name] = true
	}
	seen = map[string]bool{}
	for f := range NumFields {
		key := Fields[f].Key
		require.NotEmpty(t, key, "field %d", f)
		assert.False(t, seen[key], key)
		seen[key] = true
	}
}
