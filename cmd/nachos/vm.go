// The demand-paging flags: --vm and its companions.

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"nachos/userprog"
	"nachos/vm"
)

// vmOptions are the flags that turn on and tune demand paging.
type vmOptions struct {
	on     bool
	policy string
	swap   int
	local  bool
	asid   bool
	over   bool
	record string // --record-refs FILE

	refs  *vm.Refs  // what --record-refs records
	pager *vm.Pager // the run's, once started
}

func (o *vmOptions) addFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.on, "vm", false, "demand paging: pages load when first touched, and go to swap when memory is full (implies --tlb 4)")
	f.StringVarP(&o.policy, "policy", "P", "fifo", "the page replacement policy under --vm (implies --vm): "+vm.PolicyNames())
	f.IntVar(&o.swap, "swap", vm.DefaultSwapPages, "pages of swap space on the simulated disk, under --vm")
	f.BoolVar(&o.local, "local", false, "under --vm, each process replaces only its own pages once it has its fair share of the frames")
	f.BoolVar(&o.over, "overcommit", false, "under --vm, let processes be promised more pages than memory and swap hold, and kill one that needs a swap slot when none is left")
	f.StringVar(&o.record, "record-refs", "", "under --vm, write the run's page reference string to `FILE`, for nachos paging --refs-file")
	f.BoolVar(&o.asid, "tlb-asid", false, "under --vm, tag TLB entries with their process instead of flushing the TLB at every switch")
}

// settle applies what the flags imply: a policy means --vm, and --vm a
// TLB of Nachos's size (4) unless --tlb gives one.
func (o *vmOptions) settle(f *pflag.FlagSet, tlb *int) {
	for _, name := range []string{"policy", "swap", "local", "tlb-asid", "overcommit", "record-refs"} {
		o.on = o.on || f.Changed(name)
	}
	if o.on && !f.Changed("tlb") {
		*tlb = 4
	}
}

// rehearse runs the program once, silently, to record its references,
// if the policy needs the future (OPT). It returns their future, and the
// console input for the real run: what the rehearsal read, then the rest.
func (o *vmOptions) rehearse(program string, stdin *bufio.Reader, build func(in io.Reader) (*userprog.Kernel, error)) (*vm.Refs, *bufio.Reader, error) {
	policy, err := vm.FindPolicy(o.policy)
	if err != nil || !o.on || !policy.Future || program == "" {
		return nil, stdin, err
	}
	var read bytes.Buffer
	k, err := build(io.TeeReader(stdin, &read))
	if err != nil {
		return nil, stdin, err
	}
	future, err := vm.Rehearse(k, program, o.config(nil, nil))
	if err != nil {
		return nil, stdin, err
	}
	return future, bufio.NewReader(io.MultiReader(&read, stdin)), nil
}

// config is the pager's configuration for the flags.
func (o *vmOptions) config(policy *vm.PolicyInfo, refs *vm.Refs) vm.Config {
	return vm.Config{Policy: policy, SwapPages: o.swap, Local: o.local, ASID: o.asid, Overcommit: o.over, Refs: refs}
}

// start builds the pager into k; future is the rehearsal's, for OPT.
func (o *vmOptions) start(k *userprog.Kernel, future *vm.Refs) error {
	policy, err := vm.FindPolicy(o.policy)
	if err != nil {
		return err
	}
	refs := future
	if o.record != "" {
		if future != nil {
			return fmt.Errorf("--record-refs: record with another policy than %s, which replays a recording of its own", policy.Name)
		}
		o.refs = vm.RecordRefs()
		refs = o.refs
	}
	o.pager, err = vm.New(k, o.config(policy, refs))
	return err
}

// finish closes the swap and writes what --record-refs recorded.
func (o *vmOptions) finish() error {
	if o.pager != nil {
		o.pager.Close()
	}
	if o.refs == nil {
		return nil
	}
	f, err := os.Create(o.record)
	if err != nil {
		return fmt.Errorf("--record-refs: %w", err)
	}
	if err := o.refs.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("--record-refs: %w", err)
	}
	return f.Close()
}
