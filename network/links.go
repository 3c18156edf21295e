// Link faults, spelled for a command line.
//
// The wire's faults (--loss, --latency ...) hold for every packet. A
// lecture often wants one bad link instead: a flaky cable between two
// machines, one slow route, a link that works in one direction only.
// One --link flag says it in a line:
//
//	--link 1-2:loss=0.5     both directions between 1 and 2 lose half
//	--link 2to3:latency=800,jitter=200
//	                        only packets from 2 to 3 are slow
//	--link 1to2:loss=1      1 cannot reach 2, but 2 still reaches 1
//
// "2>3" says "2to3" too, but a shell takes an unquoted 2>3 for a
// redirection of the standard error into a file named 3...: quote it,
// '2>3:loss=1', or write 2to3.
//
// The faults are loss, dup (duplicate), reorder (probabilities) and
// latency, jitter (ticks); those not named keep the wire's values. A
// later --link for the same direction replaces an earlier one.

package network

import (
	"fmt"
	"strconv"
	"strings"

	"nachos/machine"
)

// linkField is one fault a --link can set: a probability or a number of
// ticks.
type linkField struct {
	name  string
	prob  func(f *machine.Faults) *float64
	ticks func(f *machine.Faults) *int64
	least int64 // the fewest ticks
}

var linkFields = [...]linkField{
	{name: "loss", prob: func(f *machine.Faults) *float64 { return &f.Loss }},
	{name: "dup", prob: func(f *machine.Faults) *float64 { return &f.Duplicate }},
	{name: "reorder", prob: func(f *machine.Faults) *float64 { return &f.Reorder }},
	{name: "latency", ticks: func(f *machine.Faults) *int64 { return &f.Latency }, least: 1},
	{name: "jitter", ticks: func(f *machine.Faults) *int64 { return &f.Jitter }},
}

// linkDirections are the ways of joining a link's ends: one direction,
// or both.
var linkDirections = [...]struct {
	sep  string
	both bool
}{{">", false}, {"to", false}, {"-", true}}

// linkExample is shown with every mistake in a --link.
const linkExample = "e.g. --link 1-2:loss=0.5 (both directions) or --link 2to3:loss=0.3,dup=0.1,latency=800,jitter=200,reorder=0.2 (2 to 3 only)"

// ParseLinkFaults reads FROM-TO:FAULTS (both directions) or
// FROMtoTO:FAULTS or FROM>TO:FAULTS (one direction), FAULTS being
// NAME=VALUE separated by commas. The faults not named keep global's
// values. Whether the machines exist is for the caller to check.
func ParseLinkFaults(s string, global machine.Faults) ([]machine.LinkFaults, error) {
	fail := func(format string, args ...any) ([]machine.LinkFaults, error) {
		return nil, fmt.Errorf("--link %q: %s; %s", s, fmt.Sprintf(format, args...), linkExample)
	}
	ends, spec, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(spec) == "" {
		return fail("give the link, a colon and the faults")
	}
	var from, to string
	both := false
	ok = false
	for _, d := range linkDirections {
		if from, to, ok = strings.Cut(ends, d.sep); ok {
			both = d.both
			break
		}
	}
	if !ok {
		return fail("%q is not a link: give FROM-TO for both directions, or FROMtoTO for one", ends)
	}
	a, errA := linkEnd(from)
	b, errB := linkEnd(to)
	switch {
	case errA != nil:
		return fail("%v", errA)
	case errB != nil:
		return fail("%v", errB)
	case a == b:
		return fail("a link joins two different machines, not %d and %d", a, b)
	}
	f := global
	for _, kv := range strings.Split(spec, ",") {
		if err := setLinkField(&f, kv); err != nil {
			return fail("%v", err)
		}
	}
	if err := f.Check(); err != nil {
		return fail("%v", err)
	}
	links := []machine.LinkFaults{{From: a, To: b, Faults: f}}
	if both {
		links = append(links, machine.LinkFaults{From: b, To: a, Faults: f})
	}
	return links, nil
}

// linkEnd reads a machine's number.
func linkEnd(s string) (machine.NetworkAddress, error) {
	id, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || id < 0 || id >= machine.MaxMachines {
		return 0, fmt.Errorf("%q is not a machine number (0 to %d)", s, machine.MaxMachines-1)
	}
	return machine.NetworkAddress(id), nil
}

// setLinkField sets one NAME=VALUE of a --link.
func setLinkField(f *machine.Faults, kv string) error {
	name, value, ok := strings.Cut(strings.TrimSpace(kv), "=")
	if name == "" {
		return fmt.Errorf("%q names no fault: give NAME=VALUE between the commas", kv)
	}
	for _, field := range linkFields {
		if field.name != name {
			continue
		}
		if !ok {
			return fmt.Errorf("give %s a value, as %s=VALUE", name, name)
		}
		if field.prob != nil {
			p, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return fmt.Errorf("%s=%s: give a probability, a number from 0 to 1", name, value)
			}
			*field.prob(f) = p
			return nil
		}
		t, err := strconv.ParseInt(value, 10, 64)
		if err != nil || t < field.least {
			return fmt.Errorf("%s=%s: give a whole number of ticks, at least %d", name, value, field.least)
		}
		*field.ticks(f) = t
		return nil
	}
	names := make([]string, len(linkFields))
	for i, field := range linkFields {
		names[i] = field.name
	}
	return fmt.Errorf("no fault %q: the faults are %s", name, strings.Join(names, ", "))
}
