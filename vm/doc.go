// Package vm is demand paging: virtual memory larger than physical
// memory, for nachos --vm.
//
// A process starts with no frames. Its pages are loaded when first
// touched (pager.go), found through an inverted page table (ipt.go), from
// the executable, zeros or swap (space.go, swap.go), and evicted when
// memory is full by a replacement policy (policy.go, policy_clock.go)
// that the reference-string simulator (simulate.go, nachos paging) runs
// too. The userprog package reaches all this only through its Pager and
// PagedSpace interfaces, which this package implements.
package vm
