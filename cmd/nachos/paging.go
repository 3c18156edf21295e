// The paging subcommand: compare page replacement policies on a
// reference string.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"nachos/vm"
)

// pagingOptions are the flags of nachos paging.
type pagingOptions struct {
	refs     string
	file     string
	random   int
	pages    int
	locality float64
	seed     uint32
	policies string
	frames   string
	svg      string
}

func newPagingCommand() *cobra.Command {
	var o pagingOptions
	cmd := &cobra.Command{
		Use:   "paging",
		Short: "Compare page replacement policies on a reference string",
		Long: `paging replays a reference string (the pages a program touches, in order)
against a number of frames under one or more page replacement policies.

For one policy and one number of frames it prints every step: the page
touched, hit or miss, the page evicted and the frames afterwards. For several
it prints the faults of each policy against the number of frames, and with
--svg draws them as curves.

The policies are the kernel's own: the same code chooses victims here as
under "nachos --vm -P POLICY". A string recorded from a real run
("nachos -x test/matmult --vm --record-refs FILE") faults as often here as it
did there, for the policies that see every reference (fifo, lru, opt); the
clock policies see only the use bits the TLB sets, which here are set on
every reference. Pages recorded as pid:page are shown as #N.`,
		Example: `  nachos paging --refs 1,2,3,4,1,2,5,1,2,3,4,5 -P fifo --frames 3
  nachos paging --refs 1,2,3,4,1,2,5,1,2,3,4,5 -P fifo,lru,opt --frames 1-6
  nachos paging --random 200 --pages 12 --locality 0.8 --seed 3 -P all --frames 1-12 --svg curves.svg
  nachos paging --refs-file matmult.refs -P all --frames 8-32`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runPaging(o, cmd.OutOrStdout()) },
	}
	f := cmd.Flags()
	f.StringVar(&o.refs, "refs", "", "the reference string: page numbers separated by commas")
	f.StringVar(&o.file, "refs-file", "", "read the reference string from `FILE` (as --record-refs writes it)")
	f.IntVar(&o.random, "random", 0, "make a random reference string of N references")
	f.IntVar(&o.pages, "pages", 10, "with --random, the pages to choose from")
	f.Float64Var(&o.locality, "locality", 0, "with --random, the chance (0 to 1) that a reference stays within two pages of the last")
	f.Uint32Var(&o.seed, "seed", 1, "seeds --random and the rand and nru policies")
	f.StringVarP(&o.policies, "policy", "P", "fifo", `policies, separated by commas, or "all" ("list" describes them)`)
	f.StringVar(&o.frames, "frames", "3", `numbers of frames: N, N-M or N,M,...`)
	f.StringVar(&o.svg, "svg", "", "draw the faults against frames as curves in `FILE` (SVG)")
	return cmd
}

func runPaging(o pagingOptions, w io.Writer) error {
	if o.policies == "list" {
		for _, p := range vm.Policies {
			fmt.Fprintf(w, "  %-8s %s\n", p.Name, p.Doc)
		}
		return nil
	}
	refs, err := o.referenceString()
	if err != nil {
		return err
	}
	policies, err := parsePagePolicies(o.policies)
	if err != nil {
		return err
	}
	frames, err := parseFrames(o.frames)
	if err != nil {
		return err
	}
	if len(policies) == 1 && len(frames) == 1 && o.svg == "" {
		_, steps := vm.Simulate(refs, frames[0], policies[0], o.seed, true)
		printSteps(w, policies[0], frames[0], steps)
		return nil
	}
	faults := make([][]int, len(policies))
	for i, p := range policies {
		for _, n := range frames {
			f, _ := vm.Simulate(refs, n, p, o.seed, false)
			faults[i] = append(faults[i], f)
		}
	}
	printFaultTable(w, len(refs), policies, frames, faults)
	if len(frames) > 1 {
		fmt.Fprintln(w)
		printFaultCurves(w, policies, frames, faults)
	}
	if o.svg != "" {
		return os.WriteFile(o.svg, []byte(faultCurves(policies, frames, faults)), 0o644)
	}
	return nil
}

// referenceString is the string the flags give: exactly one source.
func (o pagingOptions) referenceString() ([]uint32, error) {
	given := 0
	for _, set := range []bool{o.refs != "", o.file != "", o.random > 0} {
		if set {
			given++
		}
	}
	switch {
	case given != 1:
		return nil, errors.New("give one reference string: --refs 1,2,3, --refs-file FILE or --random N")
	case o.refs != "":
		return vm.ParseRefs(o.refs)
	case o.file != "":
		text, err := os.ReadFile(o.file)
		if err != nil {
			return nil, err
		}
		refs, err := vm.ParseRefs(string(text))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.file, err)
		}
		return refs, nil
	case o.pages < 1 || o.locality < 0 || o.locality > 1:
		return nil, fmt.Errorf("--random needs --pages of at least 1 (not %d) and a --locality from 0 to 1 (not %g)", o.pages, o.locality)
	}
	return vm.RandomRefs(o.random, o.pages, o.locality, o.seed), nil
}

// parsePagePolicies reads "fifo,lru" or "all".
func parsePagePolicies(spec string) ([]*vm.PolicyInfo, error) {
	if spec == "all" {
		all := make([]*vm.PolicyInfo, len(vm.Policies))
		for i := range vm.Policies {
			all[i] = &vm.Policies[i]
		}
		return all, nil
	}
	var ps []*vm.PolicyInfo
	for _, name := range strings.Split(spec, ",") {
		p, err := vm.FindPolicy(name)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// maxFrames bounds --frames, to keep a typo from running for ever.
const maxFrames = 4096

// parseFrames reads "3", "1-8" or "2,4,8".
func parseFrames(spec string) ([]int, error) {
	bad := fmt.Errorf("--frames %q: give numbers of frames from 1 to %d as N, N-M or N,M,...", spec, maxFrames)
	var frames []int
	for _, part := range strings.Split(spec, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			hi = lo
		}
		from, err1 := strconv.Atoi(lo)
		to, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || from < 1 || to < from || to > maxFrames {
			return nil, bad
		}
		for n := from; n <= to; n++ {
			frames = append(frames, n)
		}
	}
	return frames, nil
}

// printSteps prints one policy's run, a reference per line, as OSTEP's
// paging-policy.py does.
func printSteps(w io.Writer, p *vm.PolicyInfo, frames int, steps []vm.Step) {
	fmt.Fprintf(w, "%s, %d frames, %d references\n\n", p.Name, frames, len(steps))
	fmt.Fprintf(w, "%8s  %-4s  %-7s  %s\n", "access", "", "evicted", "frames afterwards")
	hits := 0
	for _, s := range steps {
		result, evicted := "miss", "-"
		if s.Hit {
			result = "hit"
			hits++
		}
		if s.Evicts {
			evicted = vm.PageName(s.Evicted)
		}
		held := make([]string, frames)
		for i := range held {
			held[i] = "-"
			if s.Held[i] {
				held[i] = vm.PageName(s.Frames[i])
			}
		}
		fmt.Fprintf(w, "%8s  %-4s  %-7s  [%s]\n", vm.PageName(s.Page), result, evicted, strings.Join(held, " "))
	}
	fmt.Fprintf(w, "\nfaults %d, hits %d, hit rate %.1f%%\n", len(steps)-hits, hits, 100*float64(hits)/float64(len(steps)))
}

// printFaultTable prints faults, a row per number of frames and a column
// per policy.
func printFaultTable(w io.Writer, refs int, policies []*vm.PolicyInfo, frames []int, faults [][]int) {
	fmt.Fprintf(w, "page faults for %d references\n\n%6s", refs, "frames")
	for _, p := range policies {
		fmt.Fprintf(w, "  %7s", p.Name)
	}
	fmt.Fprintln(w)
	for j, n := range frames {
		fmt.Fprintf(w, "%6d", n)
		for i := range policies {
			fmt.Fprintf(w, "  %7d", faults[i][j])
		}
		fmt.Fprintln(w)
	}
}

// curveRows is the height of the text chart.
const curveRows = 10

// printFaultCurves draws faults against frames in text: a column per
// number of frames, each policy marked by its initial (several on one
// spot: *).
func printFaultCurves(w io.Writer, policies []*vm.PolicyInfo, frames []int, faults [][]int) {
	most := mostFaults(faults)
	grid := make([][]byte, curveRows+1)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(" ", len(frames)))
	}
	for i, p := range policies {
		for j, f := range faults[i] {
			r := curveRows - f*curveRows/most
			if grid[r][j] == ' ' {
				grid[r][j] = p.Name[0]
			} else if grid[r][j] != p.Name[0] {
				grid[r][j] = '*'
			}
		}
	}
	for r, row := range grid {
		label := ""
		if r == 0 || r == curveRows {
			label = strconv.Itoa(most * (curveRows - r) / curveRows)
		}
		fmt.Fprintf(w, "%8s |%s\n", label, strings.TrimRight(strings.Join(strings.Split(string(row), ""), "  "), " "))
	}
	fmt.Fprintf(w, "%8s +%s\n%8s  frames %d to %d; ", "", strings.Repeat("-", 3*len(frames)-2), "", frames[0], frames[len(frames)-1])
	for i, p := range policies {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%c %s", p.Name[0], p.Name)
	}
	fmt.Fprintln(w)
}

// mostFaults is the top of a chart's scale: the most faults, at least 1.
func mostFaults(faults [][]int) int {
	most := 1
	for _, row := range faults {
		most = max(most, slices.Max(row))
	}
	return most
}

// faultCurves draws faults against frames, a line per policy.
func faultCurves(policies []*vm.PolicyInfo, frames []int, faults [][]int) string {
	const width, height, margin = 600, 300, 40
	most := mostFaults(faults)
	x := func(j int) float64 {
		if len(frames) == 1 {
			return margin
		}
		return margin + float64(j)*(width-2*margin)/float64(len(frames)-1)
	}
	y := func(f int) float64 { return height - margin - float64(f)*(height-2*margin)/float64(most) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" font-size="12">`+"\n", width+120, height)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", margin, height-margin, width-margin, height-margin)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", margin, margin, margin, height-margin)
	fmt.Fprintf(&b, `<text x="%d" y="%d">frames %d to %d</text>`+"\n", width/2-40, height-10, frames[0], frames[len(frames)-1])
	fmt.Fprintf(&b, `<text x="5" y="%d">%d faults</text>`+"\n", margin-10, most)
	for i, p := range policies {
		colour := svgColours[i%len(svgColours)]
		var points []string
		for j := range frames {
			points = append(points, fmt.Sprintf("%.1f,%.1f", x(j), y(faults[i][j])))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", colour, strings.Join(points, " "))
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", width-margin+10, margin+16*i, colour, p.Name)
	}
	b.WriteString("</svg>\n")
	return b.String()
}
