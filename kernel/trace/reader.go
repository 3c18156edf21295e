// Reading a trace back, for nachos view and for tests.

package trace

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// maxLine bounds one line of a trace. Events are a few hundred bytes; a
// longer line means the file is not a trace.
const maxLine = 1 << 20

// Read reads a whole trace. name is the file's name, for errors. It
// checks the header first: a file that is not a nachos trace, or is one
// of a version this reader does not know, is refused with a message that
// says so.
func Read(r io.Reader, name string) (Header, []Event, error) {
	var h Header
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64<<10), maxLine)
	if !s.Scan() {
		if err := s.Err(); err != nil {
			return h, nil, fmt.Errorf("%s: %w", name, err)
		}
		return h, nil, fmt.Errorf("%s is empty: not a nachos trace (make one with nachos -x PROGRAM --trace %s)", name, name)
	}
	if err := json.Unmarshal(s.Bytes(), &h); err != nil || h.Schema != Schema {
		return h, nil, fmt.Errorf("%s does not start with a nachos trace header ({\"schema\":%q,...}): make one with nachos -x PROGRAM --trace FILE", name, Schema)
	}
	if h.Version != Version {
		return h, nil, fmt.Errorf("%s is a nachos trace of schema version %d, and this nachos reads version %d: view it with the nachos that made it", name, h.Version, Version)
	}
	var events []Event
	for line := 2; s.Scan(); line++ {
		var e Event
		if err := json.Unmarshal(s.Bytes(), &e); err != nil {
			return h, events, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		events = append(events, e)
	}
	if err := s.Err(); err != nil {
		return h, events, fmt.Errorf("%s: %w", name, err)
	}
	return h, events, nil
}
