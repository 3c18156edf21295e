// Package exercise makes address-translation exercises, for nachos mmu:
// the ladder of the course notes, from base and bounds through
// segmentation and paging to two-level page tables and the inverted page
// table.
//
// Each exercise is a machine (its registers or tables, drawn from a
// seed) and a list of virtual addresses to translate. The answer gives
// each translation or the fault it raises, with the arithmetic shown:
// which bits are the page number and which the offset, which entry was
// read, what was added. A seed always gives the same exercise, so an
// instructor can hand out a seed and a student can check the answer with
// it, as OSTEP's homework simulators do.
package exercise

import (
	"fmt"
	"strings"

	"nachos/machine"
)

// Scheme is one way of translating addresses.
type Scheme struct {
	Name string
	Doc  string
	make func(g *gen) ([]string, []question)
}

// question is one address to translate, and its worked answer.
type question struct {
	va     uint32
	answer string
	pid    uint32 // the process translating it, when the scheme has several
}

// Schemes lists the schemes, from the simplest.
var Schemes = []Scheme{
	{"base", "base and bounds: one relocation register and one limit", baseBounds},
	{"seg", "segmentation: a code segment growing up and a stack segment growing down, chosen by the top bit", segmentation},
	{"paging", "a linear page table", linearPaging},
	{"2level", "a two-level page table: a page directory, then a page of page table", twoLevel},
	{"ipt", "an inverted page table: one entry per frame, searched for (process, page)", inverted},
}

// Find returns the scheme called name.
func Find(name string) (*Scheme, error) {
	var names []string
	for i, s := range Schemes {
		if s.Name == name {
			return &Schemes[i], nil
		}
		names = append(names, s.Name)
	}
	return nil, fmt.Errorf("no translation scheme %q; the schemes are %s", name, strings.Join(names, ", "))
}

// Generate writes the exercise for seed with n addresses, and with
// answers the translation of each, worked out.
func (s *Scheme) Generate(seed uint32, n int, answers bool) string {
	g := &gen{r: machine.NewRandom(seed), n: n}
	machineLines, qs := s.make(g)
	var b strings.Builder
	fmt.Fprintf(&b, "nachos mmu: %s, seed %d\n\n", s.Doc, seed)
	for _, l := range machineLines {
		b.WriteString(l + "\n")
	}
	b.WriteString("\nVirtual addresses to translate:\n")
	for i, q := range qs {
		fmt.Fprintf(&b, "  VA %2d: 0x%08x (decimal %d)", i, q.va, q.va)
		if q.pid != 0 {
			fmt.Fprintf(&b, " in process %d", q.pid)
		}
		if answers {
			b.WriteString("\n" + indent(q.answer))
		} else {
			b.WriteString(" --> PA or fault?")
		}
		b.WriteString("\n")
	}
	if !answers {
		b.WriteString("\nRun again with -c for the answers, worked out.\n")
	}
	return b.String()
}

func indent(s string) string {
	return "         " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n         ")
}

// gen draws an exercise's numbers from the seed.
type gen struct {
	r *machine.Random
	n int
}

// below returns a number in [0, n).
func (g *gen) below(n uint32) uint32 { return uint32(g.r.Int()) % n }

// chance returns true with probability percent/100.
func (g *gen) chance(percent uint32) bool { return g.below(100) < percent }

func baseBounds(g *gen) ([]string, []question) {
	asize := uint32(1) << (10 + g.below(3)) // 1k to 4k
	psize := asize << (3 + g.below(3))      // 8 to 32 times as much
	limit := asize/4 + g.below(asize*3/4)   // most of the address space
	base := g.below(psize-limit) &^ 0xf     // wherever it fits
	lines := []string{
		fmt.Sprintf("Address space: %d bytes; physical memory: %d bytes", asize, psize),
		fmt.Sprintf("Base register:  0x%08x (decimal %d)", base, base),
		fmt.Sprintf("Bounds (limit): %d bytes", limit),
	}
	var qs []question
	for range g.n {
		va := g.below(asize)
		if va < limit {
			qs = append(qs, question{va: va, answer: fmt.Sprintf("%d < bounds %d: valid\nPA = base + VA = %d + %d = %d = 0x%08x", va, limit, base, va, base+va, base+va)})
		} else {
			qs = append(qs, question{va: va, answer: fmt.Sprintf("%d >= bounds %d: SEGMENTATION VIOLATION (the address is past the limit)", va, limit)})
		}
	}
	return lines, qs
}

func segmentation(g *gen) ([]string, []question) {
	asize := uint32(1) << (10 + g.below(3))
	psize := asize << (3 + g.below(3))
	half := asize / 2 // the most a segment can hold: the top bit picks the segment
	limit0, limit1 := half/4+g.below(half*3/4), half/4+g.below(half*3/4)
	base0 := g.below(psize/2-limit0) &^ 0xf
	base1 := psize/2 + limit1 + g.below(psize/2-limit1)&^0xf
	topBit := asize / 2
	lines := []string{
		fmt.Sprintf("Address space: %d bytes (the top bit, 0x%x, picks the segment); physical memory: %d bytes", asize, topBit, psize),
		fmt.Sprintf("Segment 0 (code, grows up):    base 0x%08x (decimal %d), limit %d", base0, base0, limit0),
		fmt.Sprintf("Segment 1 (stack, grows down): base 0x%08x (decimal %d), limit %d", base1, base1, limit1),
	}
	var qs []question
	for range g.n {
		va := g.below(asize)
		offset := va & (topBit - 1)
		if va&topBit == 0 {
			if offset < limit0 {
				qs = append(qs, question{va: va, answer: fmt.Sprintf("top bit 0: segment 0, offset %d < limit %d: valid\nPA = base0 + offset = %d + %d = %d = 0x%08x", offset, limit0, base0, offset, base0+offset, base0+offset)})
			} else {
				qs = append(qs, question{va: va, answer: fmt.Sprintf("top bit 0: segment 0, offset %d >= limit %d: SEGMENTATION VIOLATION", offset, limit0)})
			}
			continue
		}
		neg := half - offset // how far below the segment's top the address is
		if neg <= limit1 {
			qs = append(qs, question{va: va, answer: fmt.Sprintf("top bit 1: segment 1, which grows down: offset %d - max segment %d = -%d; %d <= limit %d: valid\nPA = base1 - %d = %d - %d = %d = 0x%08x", offset, half, neg, neg, limit1, neg, base1, neg, base1-neg, base1-neg)})
		} else {
			qs = append(qs, question{va: va, answer: fmt.Sprintf("top bit 1: segment 1, which grows down: offset %d - max segment %d = -%d; %d > limit %d: SEGMENTATION VIOLATION", offset, half, neg, neg, limit1)})
		}
	}
	return lines, qs
}

// bitsOf is log2 of a power of two.
func bitsOf(n uint32) uint32 {
	b := uint32(0)
	for 1<<b < n {
		b++
	}
	return b
}

func linearPaging(g *gen) ([]string, []question) {
	pageSize := uint32(1) << (4 + g.below(3)) // 16 to 64 bytes
	pages := uint32(16)                       // entries in the page table
	asize, frames := pages*pageSize, uint32(64)
	offBits := bitsOf(pageSize)
	valid := make([]bool, pages)
	pfn := make([]uint32, pages)
	lines := []string{
		fmt.Sprintf("Address space: %d bytes in %d pages of %d bytes; physical memory: %d frames (%d bytes)", asize, pages, pageSize, frames, frames*pageSize),
		fmt.Sprintf("A virtual address is a %d-bit page number and a %d-bit offset.", bitsOf(pages), offBits),
		"Page table (a valid entry gives the frame):",
	}
	for vpn := range pages {
		valid[vpn], pfn[vpn] = g.chance(60), g.below(frames)
		if valid[vpn] {
			lines = append(lines, fmt.Sprintf("  [%2d] valid   PFN 0x%02x (%d)", vpn, pfn[vpn], pfn[vpn]))
		} else {
			lines = append(lines, fmt.Sprintf("  [%2d] invalid", vpn))
		}
	}
	var qs []question
	for range g.n {
		va := g.below(asize)
		vpn, off := va>>offBits, va&(pageSize-1)
		work := fmt.Sprintf("VPN = VA >> %d = %d, offset = VA & 0x%x = %d", offBits, vpn, pageSize-1, off)
		if !valid[vpn] {
			qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nentry [%d] is invalid: PAGE FAULT", vpn)})
			continue
		}
		pa := pfn[vpn]<<offBits | off
		qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nentry [%d]: PFN %d\nPA = PFN << %d | offset = %d * %d + %d = %d = 0x%08x", vpn, pfn[vpn], offBits, pfn[vpn], pageSize, off, pa, pa)})
	}
	return lines, qs
}

func twoLevel(g *gen) ([]string, []question) {
	const pageSize, offBits, idxBits = 32, 5, 5
	const entries = 1 << idxBits
	frames := uint32(128)
	pdbr := g.below(frames)
	lines := []string{
		fmt.Sprintf("Pages of %d bytes; a 15-bit virtual address is a %d-bit page-directory index, a %d-bit page-table index and a %d-bit offset.", pageSize, idxBits, idxBits, offBits),
		fmt.Sprintf("Physical memory: %d frames. The page directory is in frame %d (the PDBR).", frames, pdbr),
		"Page directory (only the valid entries):",
	}
	type table struct {
		frame uint32
		pfn   [entries]int64 // -1: invalid
	}
	dir := make([]*table, entries)
	for i := range dir {
		if !g.chance(15) {
			continue
		}
		t := &table{frame: g.below(frames)}
		for j := range t.pfn {
			t.pfn[j] = -1
			if g.chance(40) {
				t.pfn[j] = int64(g.below(frames))
			}
		}
		dir[i] = t
		lines = append(lines, fmt.Sprintf("  PDE[%2d] valid: page table in frame %d", i, t.frame))
	}
	for i, t := range dir {
		if t == nil {
			continue
		}
		var row []string
		for j, p := range t.pfn {
			if p >= 0 {
				row = append(row, fmt.Sprintf("[%d]->%d", j, p))
			}
		}
		lines = append(lines, fmt.Sprintf("Page table of PDE[%d] (frame %d), valid entries: %s", i, t.frame, strings.Join(row, " ")))
	}
	var mapped []uint32 // the valid PDEs
	for i, t := range dir {
		if t != nil {
			mapped = append(mapped, uint32(i))
		}
	}
	var qs []question
	for range g.n {
		va := g.below(1 << 15)
		// Most questions should land in a mapped region, so lean towards one.
		if len(mapped) > 0 && g.chance(60) {
			va = mapped[g.below(uint32(len(mapped)))]<<(idxBits+offBits) | va&(1<<(idxBits+offBits)-1)
		}
		pde, pte, off := va>>(idxBits+offBits), va>>offBits&(entries-1), va&(pageSize-1)
		work := fmt.Sprintf("VA bits: PDE index = VA >> %d = %d, PTE index = (VA >> %d) & 0x%x = %d, offset = VA & 0x%x = %d", idxBits+offBits, pde, offBits, entries-1, pte, pageSize-1, off)
		t := dir[pde]
		switch {
		case t == nil:
			qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nPDE[%d] is invalid: FAULT (no page table for this part of the address space)", pde)})
		case t.pfn[pte] < 0:
			qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nPDE[%d]: page table in frame %d; its entry [%d] is invalid: PAGE FAULT", pde, t.frame, pte)})
		default:
			p := uint32(t.pfn[pte])
			pa := p<<offBits | off
			qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nPDE[%d]: page table in frame %d; its entry [%d]: PFN %d\nPA = PFN << %d | offset = %d = 0x%08x", pde, t.frame, pte, p, offBits, pa, pa)})
		}
	}
	return lines, qs
}

func inverted(g *gen) ([]string, []question) {
	const pageSize, offBits = 64, 6
	frames := 8 + g.below(9)
	type owner struct{ pid, vpn uint32 }
	ipt := make([]owner, frames)
	used := map[owner]bool{}
	lines := []string{
		fmt.Sprintf("Pages of %d bytes (a %d-bit offset); %d frames. The inverted page table has one entry per frame, saying which process's page it holds:", pageSize, offBits, frames),
	}
	for f := range ipt {
		for {
			o := owner{1 + g.below(3), g.below(16)}
			if !used[o] {
				used[o], ipt[f] = true, o
				break
			}
		}
		lines = append(lines, fmt.Sprintf("  frame %2d: process %d, page %d", f, ipt[f].pid, ipt[f].vpn))
	}
	var qs []question
	for range g.n {
		pid := 1 + g.below(3)
		va := g.below(16 * pageSize)
		if g.chance(60) { // lean towards a resident page
			o := ipt[g.below(frames)]
			pid, va = o.pid, o.vpn<<offBits|va&(pageSize-1)
		}
		vpn, off := va>>offBits, va&(pageSize-1)
		work := fmt.Sprintf("VPN = VA >> %d = %d, offset = %d; search the table for (process %d, page %d)", offBits, vpn, off, pid, vpn)
		frame := -1
		for f, o := range ipt {
			if o == (owner{pid, vpn}) {
				frame = f
			}
		}
		if frame < 0 {
			qs = append(qs, question{va: va, answer: work + "\nno frame holds it: PAGE FAULT", pid: pid})
			continue
		}
		pa := uint32(frame)<<offBits | off
		qs = append(qs, question{va: va, answer: work + fmt.Sprintf("\nframe %d holds it: the frame number is the entry's index\nPA = frame << %d | offset = %d = 0x%08x", frame, offBits, pa, pa), pid: pid})
	}
	return lines, qs
}
