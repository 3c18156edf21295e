// Formats and files: what nachos view writes, chosen by name.

package view

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"nachos/kernel/trace"
)

// Format is a kind of picture nachos view can write.
type Format struct {
	Name  string
	Ext   string // the usual file extension
	write func(io.Writer, *Model) error
}

// Formats is every format, the default first.
var Formats = []Format{
	{"html", ".html", WriteHTML},     // one self-contained page: thread timelines, memory, messages and the wait-for graph
	{"chrome", ".json", WriteChrome}, // the Trace Event Format, for chrome://tracing and ui.perfetto.dev
}

// FindFormat returns the format called name, or the one whose extension
// the output file has when name is empty.
func FindFormat(name, output string) (Format, error) {
	var names []string
	for _, f := range Formats {
		if f.Name == name || name == "" && strings.EqualFold(filepath.Ext(output), f.Ext) {
			return f, nil
		}
		names = append(names, f.Name)
	}
	if name == "" {
		return Formats[0], nil
	}
	return Format{}, fmt.Errorf("no format %q (the formats are %s)", name, strings.Join(names, ", "))
}

// Convert reads the trace in file in and writes it to file out in format f.
// An empty out names the picture after the trace: run.jsonl gives
// run.html. It returns the name it wrote.
func Convert(in, out string, f Format) (string, error) {
	r, err := os.Open(in)
	if err != nil {
		return "", err
	}
	defer r.Close()
	h, events, err := trace.Read(r, in)
	if err != nil {
		return "", err
	}
	if out == "" {
		out = strings.TrimSuffix(in, filepath.Ext(in)) + f.Ext
		if out == in {
			out += f.Ext
		}
	}
	w, err := os.Create(out)
	if err != nil {
		return "", err
	}
	if err := f.write(w, Build(h, events)); err != nil {
		w.Close()
		return "", fmt.Errorf("writing %s: %w", out, err)
	}
	return out, w.Close()
}
