package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Go panic inside the simulation is a bug in nachos: the output so far
// goes out first, then the panic, with the stack of the thread where it
// happened, and the status is 70.
func TestAPanicIsReportedAsAnInternalError(t *testing.T) {
	var out, errs bytes.Buffer
	status := run([]string{"-x", "../../test/shell34"}, panickingReader{}, &out, &errs)
	assert.Equal(t, 70, status)
	assert.Equal(t, "--", out.String(), "the prompt, written before the panic")
	assert.Contains(t, errs.String(), "nachos: internal error: the keyboard broke\nThis is a bug in nachos")
	assert.Contains(t, errs.String(), "(*Console).StartRead(", "the stack where it happened")
}

// panickingReader is an input whose every read panics.
type panickingReader struct{}

func (panickingReader) Read([]byte) (int, error) { panic("the keyboard broke") }

// A read blocked on input that never comes gives up when stopped.
func TestAStoppedReadReturns(t *testing.T) {
	never, w := io.Pipe()
	defer w.Close()
	r := newStoppableReader(never, func() error { return nil })
	done := make(chan error)
	go func() {
		_, err := r.Read(make([]byte, 1))
		done <- err
	}()
	r.stop()
	assert.ErrorIs(t, <-done, errInputStopped)
	_, err := r.Read(make([]byte, 1))
	assert.ErrorIs(t, err, errInputStopped, "and so does every later one")
}

// Until it is stopped, it reads what the input holds, and no more than
// is asked for.
func TestAStoppableReaderReads(t *testing.T) {
	r := newStoppableReader(bytes.NewReader([]byte("abc")), func() error { return nil })
	b := make([]byte, 2)
	n, err := r.Read(b)
	require.NoError(t, err)
	assert.Equal(t, "ab", string(b[:n]))
	rest, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "c", string(rest))
}
