// The HTML view: one self-contained page (scripts, styles and data
// inline, nothing fetched) that draws a run on canvases.
//
// Go does the heavy part once: it replays the trace into a Model and
// packs it into flat arrays of numbers, with every string interned in
// one table, so that a trace of hundreds of thousands of events makes a
// page of a few megabytes that the browser parses in a blink. The script
// (assets/view.js) only draws what is on screen: it finds the first
// visible span of a row by binary search and paints each pixel column of
// a row at most once, so zooming and panning stay smooth on long runs.

package view

import (
	_ "embed"
	"encoding/json"
	"html"
	"io"
	"strings"

	"nachos/kernel/trace"
)

//go:embed assets/view.html
var pageHTML string

//go:embed assets/view.css
var pageCSS string

//go:embed assets/view.js
var pageJS string

// pageData is the model as the script reads it. Flat arrays hold
// records of fixed width, documented at each field; strings are indexes
// into Strings.
type pageData struct {
	Command  string        `json:"command"`
	End      int64         `json:"end"`
	Kinds    []string      `json:"kinds"` // the event kinds' names, by number
	Strings  []string      `json:"strings"`
	Waits    [][3]int      `json:"waits"` // kind, name, peer tid
	Machines []pageMachine `json:"machines"`
	Packets  []int64       `json:"packets"` // id, src, dst, port, size, sent, received, dropped, why (-1: never)

	Algorithm pageAlgorithm `json:"algorithm"`
}

// pageAlgorithm is the model's Algorithm (algorithm.go).
type pageAlgorithm struct {
	Messages []int64 `json:"messages"` // id, src, dst, kind, sent, received, gave up, lamport (-1: never)
	Marks    []int64 `json:"marks"`    // node, tick, event kind, label, detail
	Spans    []int64 `json:"spans"`    // node, start, end, event kind (dist-enter: inside; dist-crash: down)
}

type pageMachine struct {
	ID         int          `json:"id"`
	End        int64        `json:"end"`
	Threads    []pageThread `json:"threads"`
	Interrupts []int64      `json:"interrupts"` // tick, label
	NumFrames  int          `json:"numFrames"`
	Frames     []int64      `json:"frames"` // frame, start, end, pid, page
	Paging     []int64      `json:"paging"` // tick, label, detail
}

type pageThread struct {
	TID   int     `json:"tid"`
	Name  int     `json:"name"`
	PID   int     `json:"pid"`
	Spans []int64 `json:"spans"` // start, end, state, wait (-1: none)
	Marks []int64 `json:"marks"` // tick, end, kind, label, detail
}

// packer interns strings and waits.
type packer struct {
	d       pageData
	strings map[string]int
	waits   map[[3]int]int
}

// intern returns v's index in *list, appending it the first time it is
// seen; index remembers where each value went.
func intern[V comparable](index map[V]int, list *[]V, v V) int64 {
	i, ok := index[v]
	if !ok {
		i = len(*list)
		index[v] = i
		*list = append(*list, v)
	}
	return int64(i)
}

func (p *packer) str(s string) int64 { return intern(p.strings, &p.d.Strings, s) }

func (p *packer) wait(w *Wait) int64 {
	if w == nil {
		return -1
	}
	return intern(p.waits, &p.d.Waits, [3]int{int(p.str(w.Kind)), int(p.str(w.Name)), w.PeerTID})
}

// pack turns the model into the page's data.
func pack(m *Model) *pageData {
	p := &packer{d: pageData{Command: m.Command, End: m.End, Strings: []string{}, Waits: [][3]int{}, Packets: []int64{}},
		strings: map[string]int{}, waits: map[[3]int]int{}}
	for k := range trace.NumKinds {
		p.d.Kinds = append(p.d.Kinds, k.String())
	}
	for _, mc := range m.Machines {
		pm := pageMachine{ID: mc.ID, End: mc.End, NumFrames: mc.NumFrames, Threads: []pageThread{},
			Interrupts: []int64{}, Frames: []int64{}, Paging: []int64{}}
		for _, t := range mc.Threads {
			pt := pageThread{TID: t.TID, Name: int(p.str(t.ThreadLabel())), PID: t.PID, Spans: []int64{}, Marks: []int64{}}
			for _, sp := range t.Spans {
				// A span of no time is invisible, unless it is how the
				// thread ends: blocked at the very end of a deadlock.
				if sp.End > sp.Start || sp.End == mc.End {
					pt.Spans = append(pt.Spans, sp.Start, sp.End, int64(sp.State), p.wait(sp.Wait))
				}
			}
			for _, mk := range t.Marks {
				pt.Marks = append(pt.Marks, mk.Tick, mk.End, int64(mk.Kind), p.str(mk.Label), p.str(mk.Detail))
			}
			pm.Threads = append(pm.Threads, pt)
		}
		for _, mk := range mc.Interrupts {
			pm.Interrupts = append(pm.Interrupts, mk.Tick, p.str(mk.Label))
		}
		for _, f := range mc.Frames {
			pm.Frames = append(pm.Frames, int64(f.Frame), f.Start, f.End, int64(f.PID), int64(f.Page))
		}
		for _, mk := range mc.Paging {
			pm.Paging = append(pm.Paging, mk.Tick, p.str(mk.Label), p.str(mk.Detail))
		}
		p.d.Machines = append(p.d.Machines, pm)
	}
	for _, pk := range m.Packets {
		p.d.Packets = append(p.d.Packets, pk.ID, int64(pk.Src), int64(pk.Dst), int64(pk.Port), int64(pk.Size),
			pk.Sent, pk.Received, pk.Dropped, p.str(pk.Why))
	}
	a := &p.d.Algorithm
	a.Messages, a.Marks, a.Spans = []int64{}, []int64{}, []int64{}
	for _, msg := range m.Algorithm.Messages {
		a.Messages = append(a.Messages, msg.ID, int64(msg.Src), int64(msg.Dst), p.str(msg.Kind),
			msg.Sent, msg.Received, msg.GaveUp, msg.Lamport)
	}
	for _, mk := range m.Algorithm.Marks {
		a.Marks = append(a.Marks, int64(mk.Node), mk.Tick, int64(mk.Kind), p.str(mk.Label), p.str(mk.Detail))
	}
	for _, sp := range m.Algorithm.Spans {
		a.Spans = append(a.Spans, int64(sp.Node), sp.Start, sp.End, int64(sp.Kind))
	}
	return &p.d
}

// WriteHTML writes the page for the model.
func WriteHTML(w io.Writer, m *Model) error {
	data, err := json.Marshal(pack(m)) // escapes <, > and &: the data cannot end its script element
	if err != nil {
		return err
	}
	page := strings.NewReplacer(
		"/*STYLE*/", pageCSS,
		"/*SCRIPT*/", pageJS,
		"/*DATA*/", string(data),
		"<!--TITLE-->", html.EscapeString(m.Command),
	).Replace(pageHTML)
	_, err = io.WriteString(w, page)
	return err
}
