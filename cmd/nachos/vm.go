// The demand-paging flags: --vm and its companions.

package main

import (
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
}

func (o *vmOptions) addFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.on, "vm", false, "demand paging: pages load when first touched, and go to swap when memory is full (implies --tlb 4)")
	f.StringVarP(&o.policy, "policy", "P", "fifo", "the page replacement policy under --vm (implies --vm): "+vm.PolicyNames())
	f.IntVar(&o.swap, "swap", vm.DefaultSwapPages, "pages of swap space on the simulated disk, under --vm")
	f.BoolVar(&o.local, "local", false, "under --vm, each process replaces only its own pages once it has its fair share of the frames")
	f.BoolVar(&o.over, "overcommit", false, "under --vm, let processes be promised more pages than memory and swap hold, and kill one that needs a swap slot when none is left")
	f.BoolVar(&o.asid, "tlb-asid", false, "under --vm, tag TLB entries with their process instead of flushing the TLB at every switch")
}

// settle applies what the flags imply: a policy means --vm, and --vm a
// TLB of Nachos's size (4) unless --tlb gives one.
func (o *vmOptions) settle(f *pflag.FlagSet, tlb *int) {
	for _, name := range []string{"policy", "swap", "local", "tlb-asid", "overcommit"} {
		o.on = o.on || f.Changed(name)
	}
	if o.on && !f.Changed("tlb") {
		*tlb = 4
	}
}

// start builds the pager into k.
func (o *vmOptions) start(k *userprog.Kernel) error {
	policy, err := vm.FindPolicy(o.policy)
	if err != nil {
		return err
	}
	_, err = vm.New(k, vm.Config{Policy: policy, SwapPages: o.swap, Local: o.local, ASID: o.asid, Overcommit: o.over})
	return err
}
