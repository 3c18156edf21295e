// System call numberings (ABIs), so that programs built for other Nachos
// distributions run unchanged.
//
// A compiled program carries its system call codes inside it: the stubs
// in its start.S load them into $2. Programs built for Nachos 4.x number
// their calls differently from Nachos 3.4, and the USC CSCI 402
// distribution passes the length of a file name to Create and Open. Each
// ABI is one table from codes to the kernel's system call functions;
// --abi picks the table.

package userprog

import (
	"fmt"
	"strings"
)

// An ABI is one numbering of the system calls.
type ABI struct {
	Name string
	Doc  string
	// namesWithLength: Create, Open and Remove take (name, length) rather than a
	// NUL-terminated name.
	namesWithLength bool
	calls           []syscallEntry
}

// ABIs lists the numberings --abi accepts; the first is the default.
var ABIs = []*ABI{
	{Name: "nachos3", Doc: "Nachos 3.4's codes 0-10, then this system's own; see test/syscall.h", calls: nachos3Calls},
	{Name: "nachos4", Doc: "Nachos 4.x: Halt 0 ... Remove 5, Open 6, Read 7, Write 8, Seek 9, Close 10, ThreadFork 11, ThreadYield 12, ExecV 13, ThreadExit 14, ThreadJoin 15", calls: nachos4Calls},
	{Name: "usc", Doc: "the USC CSCI 402 distribution: as nachos3, but Create, Open and Remove take (name, length)", namesWithLength: true, calls: nachos3Calls},
}

// nachos4Calls is the Nachos 4.x numbering.
var nachos4Calls = []syscallEntry{
	0:  {"Halt", sysHalt},
	1:  {"Exit", sysExit},
	2:  {"Exec", sysExec},
	3:  {"Join", sysJoin},
	4:  {"Create", sysCreate},
	5:  {"Remove", sysRemove},
	6:  {"Open", sysOpen},
	7:  {"Read", sysRead},
	8:  {"Write", sysWrite},
	9:  {"Seek", sysSeek},
	10: {"Close", sysClose},
	11: {"ThreadFork", sysFork},
	12: {"ThreadYield", sysYield},
	13: {"ExecV", sysExecV},
	14: {"ThreadExit", sysExit},
	15: {"ThreadJoin", sysThreadJoin},
}

// FindABI returns the numbering called name.
func FindABI(name string) (*ABI, error) {
	for _, a := range ABIs {
		if a.Name == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("no system call numbering called %q (choose nachos3, nachos4 or usc)", name)
}

// CallName returns the name of system call code in this numbering, or
// false if no call has that code.
func (a *ABI) CallName(code uint32) (string, bool) {
	if code >= uint32(len(a.calls)) || a.calls[code].name == "" {
		return "", false
	}
	return a.calls[code].name, true
}

// fileName reads the file name argument of Create, Open and Remove, as the
// ABI passes it.
func (k *Kernel) fileName() (string, error) {
	if k.abi.namesWithLength {
		n := int32(k.arg(1))
		if n < 0 || n >= maxPathLen {
			return "", fmt.Errorf("name length %d is not between 0 and %d", n, maxPathLen-1)
		}
		buf, err := k.copyIn(k.arg(0), int(n))
		// A C kernel would end the name at a NUL within the length, so a
		// length that counts the NUL (sizeof name) works too.
		name, _, _ := strings.Cut(string(buf), "\x00")
		return name, err
	}
	return k.readString(k.arg(0), maxPathLen)
}

// Seek(position, id) moves an open file's position (Nachos 4.x). It
// returns 0, or -1.
func sysSeek(k *Kernel, p *Process) {
	pos, id := int32(k.arg(0)), int32(k.arg(1))
	of := p.files.get(id)
	switch {
	case of == nil:
		k.refuse(p, fmt.Errorf("no open file %d", id))
		return
	case pos < 0:
		k.refuse(p, fmt.Errorf("the position %d is negative", pos))
		return
	}
	if _, err := of.f.Seek(int64(pos), 0); err != nil {
		k.refuse(p, err)
		return
	}
	k.setResult(0)
}

// ExecV(argc, argv) runs the program named by argv[0] (Nachos 4.x). The
// arguments themselves are not passed on: this kernel's programs start at
// main with none.
func sysExecV(k *Kernel, p *Process) {
	if argc := int32(k.arg(0)); argc < 1 {
		k.refuse(p, fmt.Errorf("argc is %d, but argv must hold at least the program's name", argc))
		return
	}
	argv0, err := k.copyIn(k.arg(1), 4)
	if err != nil {
		k.refuse(p, fmt.Errorf("argv: %w", err))
		return
	}
	k.execProgram(p, uint32(argv0[0])|uint32(argv0[1])<<8|uint32(argv0[2])<<16|uint32(argv0[3])<<24)
}

// ThreadJoin(id) waits until the thread id made by the caller's process
// with ThreadFork has ended (Nachos 4.x). It returns 0, or -1.
func sysThreadJoin(k *Kernel, p *Process) {
	id := int32(k.arg(0))
	if id < 1 || int(id) > len(p.forked) || p.forked[id-1] == k.CurrentThread() {
		k.refuse(p, fmt.Errorf("%d is not another thread of this process", id))
		return
	}
	k.Join(p.forked[id-1])
	k.setResult(0)
}
