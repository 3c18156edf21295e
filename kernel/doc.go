// Package kernel is the operating system's core: it drives one simulated
// machine and gives it threads, a scheduler and synchronization.
//
// One Kernel value owns one machine.Machine, and everything passes
// through it, so several simulated computers can live in one process
// (the network layer runs one per node). Exactly one simulated thread
// runs at a time, and which one is decided only by the scheduler, so that
// a run is a pure function of its inputs and its random seed.
//
// Atomicity works the way it does on a uniprocessor: kernel code turns
// interrupts off around a critical section (Interrupt.SetLevel) and turns
// them back on afterwards, which is also when simulated time passes.
package kernel
