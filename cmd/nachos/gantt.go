// Gantt charts of a schedule: a row per job, time running left to right.
//
// In the terminal each column is one tick, or several when the schedule
// is long: # running, ~ doing I/O, . ready but waiting for the CPU,
// blank not yet arrived or already finished. A column of several ticks
// shows the first of these the job did at all in it, so that a job that
// ran for a single tick still shows, however long the schedule. The SVG version draws a bar for every stretch of
// running and of I/O, on a time axis shared by every schedule in the
// file, so that policies can be compared at a glance.

package main

import (
	"fmt"
	"io"
	"strings"

	"nachos/kernel"
)

// ganttColumns is the widest a text chart gets.
const ganttColumns = 60

// jobState is what a job is doing, in the order a column prefers them
// when it holds several.
type jobState int

const (
	stateRunning jobState = iota
	stateIO
	stateReady
	stateAbsent
)

// ganttMarks are the characters that show the states in text.
var ganttMarks = [...]byte{stateRunning: '#', stateIO: '~', stateReady: '.', stateAbsent: ' '}

func (s jobState) String() string {
	return [...]string{stateRunning: "running", stateIO: "doing I/O", stateReady: "ready", stateAbsent: "absent"}[s]
}

// writeGantt draws the schedule in text, with job names padded to
// nameWidth.
func writeGantt(w io.Writer, s *kernel.Schedule, nameWidth int) {
	end := s.End()
	scale := max(1, (end+ganttColumns-1)/ganttColumns) // ticks per column
	columns := int((end + scale - 1) / scale)
	spent := columnTimes(s, scale, columns)
	for i, j := range s.Jobs {
		row := make([]byte, columns)
		for c, t := range spent[i] {
			row[c] = ganttMarks[t.shown()]
		}
		fmt.Fprintf(w, "%-*s |%s|\n", nameWidth, j.Name, row)
	}
	fmt.Fprintf(w, "%-*s  %s\n", nameWidth, "", axisLabels(columns, scale))
	fmt.Fprintf(w, "%-*s  # running  . ready  ~ I/O  (a column is %s)\n", nameWidth, "", count(scale, "tick", "ticks"))
}

// stateTimes is how many ticks of a column a job spent in each state
// but absent, which is what is left.
type stateTimes [stateAbsent]int64

// shown is the state a column shows: the first, in the order of the
// states, that the job spent any of the column in.
func (t stateTimes) shown() jobState {
	for st := stateRunning; st < stateAbsent; st++ {
		if t[st] > 0 {
			return st
		}
	}
	return stateAbsent
}

// columnTimes returns, for each job and each column of scale ticks, the
// time the job spent in each state.
func columnTimes(s *kernel.Schedule, scale int64, columns int) [][]stateTimes {
	spent := make([][]stateTimes, len(s.Jobs))
	spread := func(i int, st jobState, from, to int64) {
		for c := from / scale; c < int64(columns) && c*scale < to; c++ {
			spent[i][c][st] += overlap(from, to, c*scale, (c+1)*scale)
		}
	}
	for i, j := range s.Jobs {
		spent[i] = make([]stateTimes, columns)
		spread(i, stateReady, j.Arrival, j.Completion) // for now, all its time in the system
	}
	for _, g := range s.Runs {
		spread(g.Job, stateRunning, g.Start, g.End)
	}
	for _, g := range s.IO {
		spread(g.Job, stateIO, g.Start, g.End)
	}
	for i := range spent {
		for c := range spent[i] {
			t := &spent[i][c]
			t[stateReady] -= t[stateRunning] + t[stateIO]
		}
	}
	return spent
}

func overlap(a, b, c, d int64) int64 { return max(0, min(b, d)-max(a, c)) }

// axisLabels labels every tenth column boundary, and the last one, with
// its tick, leaving out a label that would touch the one before.
func axisLabels(columns int, scale int64) string {
	var b strings.Builder
	label := func(c int) {
		if c > 0 && b.Len() >= c {
			return
		}
		b.WriteString(strings.Repeat(" ", c-b.Len()))
		fmt.Fprint(&b, int64(c)*scale)
	}
	for c := 0; c < columns; c += 10 {
		label(c)
	}
	label(columns)
	return b.String()
}

// SVG layout, in pixels.
const (
	svgChartWidth = 600
	svgRow        = 20 // the height of a job's row
	svgBar        = 14 // the height of a bar
	svgCharWidth  = 8  // of the monospace font, at the size used
	svgMargin     = 10
)

// svgColours tell jobs apart; the I/O bars are grey.
var svgColours = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// svgAxis places ticks on the page.
type svgAxis struct {
	left float64 // where tick 0 is
	px   float64 // pixels per tick
}

func (a svgAxis) x(tick int64) float64 { return a.left + float64(tick)*a.px }

// writeSVG draws the schedules one under another, on one time axis.
func writeSVG(w io.Writer, schedules []*kernel.Schedule) error {
	var end int64
	names, rows := 0, 0
	for _, s := range schedules {
		end = max(end, s.End())
		rows += len(s.Jobs) + 3 // a title, the jobs, the axis, a gap
		for _, j := range s.Jobs {
			names = max(names, len(j.Name))
		}
	}
	left := svgMargin + (names+1)*svgCharWidth
	width := left + svgChartWidth + 3*svgCharWidth
	height := rows*svgRow + svgMargin
	a := svgAxis{left: float64(left), px: float64(svgChartWidth) / float64(end)}

	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="monospace" font-size="12">`+"\n", width, height, width, height)
	b.WriteString(`<style>.cpu{stroke:#222;stroke-width:0.5}.io{fill:#bbb}.life{stroke:#999;stroke-dasharray:2 2}.axis{stroke:#222}</style>` + "\n")
	y := svgMargin
	for _, s := range schedules {
		fmt.Fprintf(&b, "<g class=\"schedule\">\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", svgMargin, y+svgBar, esc(s.Policy))
		y += svgRow
		for i, j := range s.Jobs {
			mid := y + svgRow/2
			fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\">%s</text>\n", svgMargin, y+svgBar, esc(j.Name))
			fmt.Fprintf(&b, "<line class=\"life\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"><title>%s is in the system from %d to %d</title></line>\n",
				a.x(j.Arrival), mid, a.x(j.Completion), mid, esc(j.Name), j.Arrival, j.Completion)
			for _, g := range s.IO {
				if g.Job == i {
					writeBar(&b, a, `class="io"`, g, y, fmt.Sprintf("%s does I/O from %d to %d", j.Name, g.Start, g.End))
				}
			}
			for _, g := range s.Runs {
				if g.Job == i {
					attrs := fmt.Sprintf(`class="cpu" fill="%s"`, svgColours[i%len(svgColours)])
					writeBar(&b, a, attrs, g, y, fmt.Sprintf("%s runs from %d to %d", j.Name, g.Start, g.End))
				}
			}
			y += svgRow
		}
		fmt.Fprintf(&b, "<line class=\"axis\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>\n", a.x(0), y, a.x(end), y)
		step := axisStep(end)
		for t := int64(0); t <= end; t += step {
			fmt.Fprintf(&b, "<line class=\"axis\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/><text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
				a.x(t), y, a.x(t), y+4, a.x(t), y+svgBar+2, t)
		}
		b.WriteString("</g>\n")
		y += 2 * svgRow
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeBar draws segment g in the row at y, with a tooltip.
func writeBar(b *strings.Builder, a svgAxis, attrs string, g kernel.Segment, y int, title string) {
	fmt.Fprintf(b, "<rect %s x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\"><title>%s</title></rect>\n",
		attrs, a.x(g.Start), y+(svgRow-svgBar)/2, a.x(g.End)-a.x(g.Start), svgBar, esc(title))
}

// axisStep is a round step for about ten labels from 0 to end: 1, 2 or 5
// times a power of ten.
func axisStep(end int64) int64 {
	for base := int64(1); ; base *= 10 {
		for _, m := range [...]int64{1, 2, 5} {
			if end/(base*m) <= 10 {
				return base * m
			}
		}
	}
}

// esc escapes text for XML: the characters that have a meaning there
// become references, and what XML does not allow (other control
// characters, bytes that are not UTF-8) becomes U+FFFD. (encoding/xml
// would do it, but every run of nachos would pay for setting it up.)
func esc(s string) string {
	var b strings.Builder
	for _, r := range s { // a byte that is not UTF-8 comes as U+FFFD
		switch {
		case r == '&' || r == '<' || r == '>' || r == '"' || r == '\'':
			fmt.Fprintf(&b, "&#%d;", r)
		case r < ' ' && r != '\t' && r != '\n' && r != '\r':
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
