package view

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel/trace"
	"nachos/test/tooltest"
)

// The page is tested in a real browser: Chromium, headless
// (tooltest.Chromium). The script marks the <body> with
// data-rendered="ok" once it has drawn everything, or with data-error if
// anything threw.

// writePage writes the HTML page for a model into a temporary file and
// returns its URL.
func writePage(t *testing.T, m *Model) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "run.html")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, WriteHTML(f, m))
	require.NoError(t, f.Close())
	return "file://" + path
}

// renderedDOM loads the page at url and returns the DOM after its script
// ran, failing if the script did not finish or threw, or if a section is
// missing.
func renderedDOM(t *testing.T, url string) string {
	t.Helper()
	dom := tooltest.RenderedDOM(t, url)
	for _, id := range []string{"algorithm", "timeline", "memory", "network", "waitfor", "details"} {
		assert.True(t, strings.Contains(dom, `id="`+id+`"`), "no element %s", id)
	}
	return dom
}

func TestPageRendersInChromium(t *testing.T) {
	cases := []struct {
		name   string
		trace  func() (trace.Header, []trace.Event)
		expect []string
	}{
		{"a kernel self-test", func() (trace.Header, []trace.Event) { return selfTestTrace(t, "soda-monitor", 3) },
			[]string{"This trace has no memory events", "This trace has no packets", `<section id="algorithm-section" style="display: none;">`}},
		{"a cluster with paging and packets", clusterTrace,
			[]string{"Page faults (blue) and evictions (red)", "Each arrow is a packet"}},
		{"a deadlock", func() (trace.Header, []trace.Event) { return selfTestTrace(t, "philosophers-naive", 0) },
			[]string{`class="cycle"`, `waits on lock "fork`}},
		{"a distributed algorithm", distTrace,
			[]string{"Messages of the algorithm: ELECTION 2, OK 1, COORDINATOR 1; 1 given up",
				"<li>node 2 decided leader = 2 (tick 600, Lamport 4)</li>", `<li class="cycle">violation: two leaders</li>`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dom := renderedDOM(t, writePage(t, Build(c.trace())))
			for _, want := range c.expect {
				assert.True(t, strings.Contains(dom, want), "the page does not say %s", want)
			}
		})
	}
}

// The address's fragment opens the page on a stretch of time, with the
// wait-for graph at a tick: at tick 175 of the naive philosophers, only
// the first has found his second fork taken.
func TestPageOpensAtTheTimeInItsAddress(t *testing.T) {
	url := writePage(t, Build(selfTestTrace(t, "philosophers-naive", 0)))
	dom := renderedDOM(t, url+"#from=100&to=200&tick=175")
	assert.True(t, strings.Contains(dom, `<span id="range">ticks 100 to 200</span>`), "the page shows ticks 100 to 200")
	assert.True(t, strings.Contains(dom, `<li>"philosopher 0" waits on lock "fork 1" held by "philosopher 1"</li>`), "philosopher 0 waits")
	assert.Equal(t, 1, strings.Count(dom, "waits on lock"), "only philosopher 0 waits at tick 175")
	assert.False(t, strings.Contains(dom, `class="cycle"`), "no deadlock yet at tick 175")
}

// bigTrace is a long run: threads switching every 100 ticks, a timer
// interrupt at each switch, for n switches.
func bigTrace(threads, n int) (trace.Header, []trace.Event) {
	h := trace.Header{Schema: trace.Schema, Version: trace.Version, Command: "big"}
	events := make([]trace.Event, 0, 3*n)
	for tid := 1; tid <= threads; tid++ {
		events = append(events, trace.Event{Kind: trace.ThreadCreate, Peer: fmt.Sprint("thread ", tid), PeerTID: tid})
	}
	for i := range n {
		tick, from, to := int64(i)*100, i%threads+1, (i+1)%threads+1
		name := fmt.Sprint("thread ", from)
		events = append(events,
			trace.Event{Tick: tick, TID: from, Thread: name, Kind: trace.Interrupt, Name: "timer"},
			trace.Event{Tick: tick, TID: from, Thread: name, Kind: trace.ThreadReady, Peer: name, PeerTID: from},
			trace.Event{Tick: tick, TID: from, Thread: name, Kind: trace.ThreadSwitch, Peer: fmt.Sprint("thread ", to), PeerTID: to})
	}
	return h, events
}

// A long run's page (200,000 context switches) still renders, within the
// browser's time limit.
func TestLargePageRendersInChromium(t *testing.T) {
	tooltest.Require(t, "chromium", "chromium")
	renderedDOM(t, writePage(t, Build(bigTrace(4, 200000))))
}

// A screenshot of the page is not blank: the timeline shows the colours
// of running, ready and blocked threads.
func TestScreenshotShowsTheTimeline(t *testing.T) {
	colours := screenshotColours(t, Build(clusterTrace()))
	assert.Greater(t, len(colours), 8, "a page of several colours")
	for name, c := range map[string]uint32{"running": 0x2e9d4a, "ready": 0xf0c23b, "blocked on a lock": 0xd9453a} {
		assert.Greater(t, colours[c], 100, "the timeline shows %s threads (#%06x)", name, c)
	}
}

// screenshotColours takes a screenshot of m's page in Chromium and counts
// the pixels of each colour in it (coloursIn).
func screenshotColours(t *testing.T, m *Model) map[uint32]int {
	t.Helper()
	shot := filepath.Join(t.TempDir(), "shot.png")
	tooltest.Chromium(t, writePage(t, m), "--window-size=1200,900", "--screenshot="+shot)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	return coloursIn(img)
}

// coloursIn counts the pixels of each colour in img, as 0xRRGGBB.
func coloursIn(img image.Image) map[uint32]int {
	n := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			n[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	return n
}

// A screenshot of a distributed algorithm's page shows its diagram: the
// lane of the node that is down shaded, a critical section's bar, the
// decisions' diamonds, and the arrows of the first kind of message.
func TestScreenshotShowsTheAlgorithm(t *testing.T) {
	colours := screenshotColours(t, Build(distTrace()))
	for _, want := range []struct {
		name   string
		colour uint32
		pixels int // at least; the legend's square of the same orange has about 100
	}{
		{"node 3 down", 0xf4c7c3, 10000},
		{"critical sections", 0xe67e22, 1000},
		{"decisions", 0x009900, 80},
		{"ELECTION arrows", 0x4e79a7, 30},
	} {
		assert.Greater(t, colours[want.colour], want.pixels, "the diagram shows %s (#%06x)", want.name, want.colour)
	}
}
