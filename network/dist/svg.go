// The time-space diagram as SVG: a vertical line per node, time flowing
// down, an arrow for every message from its send to its receive (a red
// stub for one given up on), and a labelled dot for every event.
//
// Time is drawn by rank, as in the text diagram: one row per tick at
// which something happened, labelled with the tick. A linear scale would
// squeeze a whole election into one line next to a long wait for a dead
// node's answer.

package dist

import (
	"fmt"
	"html"
	"io"
	"slices"
)

// WriteSVG draws the run as a self-contained SVG picture.
func WriteSVG(w io.Writer, r *Result) {
	const left, top, col, row = 80, 40, 140, 22
	n := r.Scenario.Nodes
	var ticks []int64
	for _, e := range timeline(r) {
		if len(ticks) == 0 || ticks[len(ticks)-1] != e.Tick {
			ticks = append(ticks, e.Tick)
		}
	}
	height := row * (len(ticks) + 1)
	x := func(node int) int { return left + (node-1)*col }
	y := func(tick int64) int {
		i, _ := slices.BinarySearch(ticks, tick)
		return top + row/2 + i*row
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" font-size="10">`+"\n",
		left+n*col, top+height+40)
	fmt.Fprintln(w, `<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>`)
	for id := 1; id <= n; id++ {
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle">node %d</text>`+"\n", x(id), top-15, id)
		fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>`+"\n", x(id), top, x(id), top+height)
	}
	for _, t := range ticks {
		fmt.Fprintf(w, `<text x="5" y="%d" fill="#888">%d</text>`+"\n", y(t)+3, t)
	}
	sends := map[int]Event{}
	for _, e := range r.Events {
		switch e.Kind {
		case Send:
			sends[e.MsgID] = e
		case Receive:
			if s, ok := sends[e.MsgID]; ok {
				fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#36c" marker-end="url(#a)"/>`+"\n",
					x(s.Node), y(s.Tick), x(e.Node), y(e.Tick))
			}
		case GiveUp:
			fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#c33" stroke-dasharray="3,3"/>`+"\n",
				x(e.Node), y(e.Tick), (x(e.Node)+x(e.Peer))/2, y(e.Tick))
		}
	}
	colors := map[EventKind]string{Decide: "#090", Enter: "#c60", Exit: "#c60", Crash: "#c00", Recover: "#090"}
	for _, e := range r.Events {
		color, ok := colors[e.Kind]
		if !ok {
			color = "#000"
		}
		fmt.Fprintf(w, `<circle cx="%d" cy="%d" r="3" fill="%s"><title>%s</title></circle>`+"\n",
			x(e.Node), y(e.Tick), color, html.EscapeString(e.String()))
		switch e.Kind {
		case Receive:
		case Send:
			fmt.Fprintf(w, `<text x="%d" y="%d" fill="#36c" font-size="9">%s</text>`+"\n", x(e.Node)+5, y(e.Tick)-3, html.EscapeString(e.Cell()))
		default:
			fmt.Fprintf(w, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", x(e.Node)+5, y(e.Tick)+3, color, html.EscapeString(e.Cell()))
		}
	}
	fmt.Fprintln(w, "</svg>")
}
