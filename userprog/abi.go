// System call numberings (ABIs), so that programs built for other Nachos
// distributions and courses run unchanged.
//
// A compiled program carries its system call codes inside it: the stubs
// in its start.S load them into $2. Programs built for Nachos 4.x number
// their calls differently from Nachos 3.4, and the USC CSCI 402
// distribution passes the length of a file name to Create and Open. Each
// ABI is one table from codes to the kernel's system call functions;
// --abi picks the table: a built-in one, or one a course brings in its
// own syscall.h or a small YAML file (package userprog/abifile reads
// them, and NewABI checks and builds the table).

package userprog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// An ABI is one numbering of the system calls.
type ABI struct {
	Name  string
	Doc   string
	calls []syscallEntry // indexed by code
}

// ABIs lists the built-in numberings; the first is the default.
var ABIs = []*ABI{
	{Name: "nachos3", Doc: "Nachos 3.4's codes 0-10, then this system's own; see test/syscall.h", calls: nachos3Calls},
	{Name: "nachos4", Doc: "Nachos 4.x: Halt 0 ... Remove 5, Open 6, Read 7, Write 8, Seek 9, Close 10, ThreadFork 11, ThreadYield 12, ExecV 13, ThreadExit 14, ThreadJoin 15", calls: nachos4Calls},
	{Name: "usc", Doc: "the USC CSCI 402 distribution: as nachos3, but Create, Open and Remove take (name, length)",
		calls: withStyle(nachos3Calls, ArgsNameLength, "Create", "Open", "Remove")},
}

// nachos4Calls is the Nachos 4.x numbering.
var nachos4Calls = []syscallEntry{
	0:  entry("Halt"),
	1:  entry("Exit"),
	2:  entry("Exec"),
	3:  entry("Join"),
	4:  entry("Create"),
	5:  entry("Remove"),
	6:  entry("Open"),
	7:  entry("Read"),
	8:  entry("Write"),
	9:  entry("Seek"),
	10: entry("Close"),
	11: entry("ThreadFork"),
	12: entry("ThreadYield"),
	13: entry("ExecV"),
	14: entry("ThreadExit"),
	15: entry("ThreadJoin"),
}

// withStyle is a copy of calls in which the calls named pass their
// arguments in style.
func withStyle(calls []syscallEntry, style ArgStyle, names ...string) []syscallEntry {
	calls = slices.Clone(calls)
	for i := range calls {
		if slices.Contains(names, calls[i].name) {
			calls[i].args = style
		}
	}
	return calls
}

// FindABI returns the built-in numbering called name.
func FindABI(name string) (*ABI, error) {
	for _, a := range ABIs {
		if a.Name == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("no system call numbering called %q (choose nachos3, nachos4 or usc, or name a course's syscall.h or a YAML file)", name)
}

// CallName returns the name of system call code in this numbering, or
// false if no call has that code.
func (a *ABI) CallName(code uint32) (string, bool) {
	if code >= uint32(len(a.calls)) || a.calls[code].name == "" {
		return "", false
	}
	return a.calls[code].name, true
}

// CallNamed returns this numbering's own spelling of the call called
// name, matched without regard to case, or false if it has no such call.
func (a *ABI) CallNamed(name string) (string, bool) {
	for _, e := range a.calls {
		if e.name != "" && strings.EqualFold(e.name, name) {
			return e.name, true
		}
	}
	return "", false
}

// Table lists the numbering, one call per code: "18 AcquireLock
// (Acquire, name+length)" says what code 18 is called, which of this
// kernel's calls it is, and how it passes its arguments, when those
// differ from the name and the usual way.
func (a *ABI) Table() []string {
	var rows []string
	for code, e := range a.calls {
		var notes []string
		switch {
		case e.name == "":
			continue
		case e.info == nil:
			notes = append(notes, "not in this kernel")
		case e.info.name != e.name:
			notes = append(notes, e.info.name)
		}
		if e.args != ArgsUsual {
			notes = append(notes, e.args.String())
		}
		row := fmt.Sprintf("%d %s", code, e.name)
		if len(notes) > 0 {
			row += " (" + strings.Join(notes, ", ") + ")"
		}
		rows = append(rows, row)
	}
	return rows
}

// MaxSyscallCode is the highest code an ABI file may give a call. Real
// courses stay below 100; the bound keeps a typo from making a table of
// millions of rows.
const MaxSyscallCode = 1023

// An ABISpec is a course's numbering as an ABI file states it.
type ABISpec struct {
	Name, Doc string
	Names     ArgStyle // how calls pass a name, unless the call says (ArgsUsual: NUL-terminated)
	Objects   ArgStyle // how calls pass an object, unless the call says (ArgsUsual: by handle)
	Calls     []CallCode
}

// A CallCode is one call of an ABISpec.
type CallCode struct {
	Name  string   // as the file names it, without SC_: "AcquireLock"
	Code  int      // what the program puts in $2
	Args  ArgStyle // ArgsUsual unless the file says
	Where string   // where the file says so, "FILE:LINE", for messages
}

// NewABI checks a course's numbering and builds its table. Each name is
// matched to this kernel's calls, or their aliases (kernelCalls), without
// regard to case. A name this kernel lacks is kept, so that a program
// that makes the call is told which one it was.
func NewABI(spec ABISpec) (*ABI, error) {
	if len(spec.Calls) == 0 {
		return nil, errors.New("names no system calls")
	}
	if !styles[namedCall][spec.Names] {
		return nil, fmt.Errorf("names: %v is not a way of passing a name (use name or name+length)", spec.Names)
	}
	if !styles[objectCall][spec.Objects] {
		return nil, fmt.Errorf("objects: %v is not a way of passing an object (use index, name or name+length)", spec.Objects)
	}
	top := slices.MaxFunc(spec.Calls, func(a, b CallCode) int { return a.Code - b.Code }).Code
	abi := &ABI{Name: spec.Name, Doc: spec.Doc, calls: make([]syscallEntry, max(top+1, 0))}
	for _, c := range spec.Calls {
		e, err := spec.entry(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Where, err)
		}
		if prev := abi.calls[c.Code]; prev.name != "" {
			return nil, fmt.Errorf("%s: code %d is given to %s and also to %s (%s)", c.Where, c.Code, c.Name, prev.name, prev.where)
		}
		abi.calls[c.Code] = e
	}
	return abi, nil
}

// entry checks one call of the spec and makes its table row.
func (spec ABISpec) entry(c CallCode) (syscallEntry, error) {
	if c.Code < 0 || c.Code > MaxSyscallCode {
		return syscallEntry{}, fmt.Errorf("%s has code %d, but codes go from 0 to %d", c.Name, c.Code, MaxSyscallCode)
	}
	e := syscallEntry{name: c.Name, info: findCall(c.Name), args: c.Args, where: c.Where}
	switch {
	case e.info == nil && c.Args != ArgsUsual:
		return e, fmt.Errorf("%s is not a call this kernel has, so how it passes its arguments means nothing here", c.Name)
	case e.info == nil:
		return e, nil
	case !styles[e.info.kind][c.Args]:
		return e, fmt.Errorf("%s cannot pass its arguments as %v (it takes %s)", c.Name, c.Args, kindDoc[e.info.kind])
	case c.Args != ArgsUsual:
	case e.info.kind == objectCall:
		e.args = spec.Objects
	case e.info.kind != plainCall:
		e.args = spec.Names
	}
	return e, nil
}

// kindDoc says what each kind of call takes, for error messages.
var kindDoc = []string{
	plainCall:  "no name or object",
	namedCall:  "a name: name or name+length",
	makerCall:  "an optional name: name, name+length, or index for none",
	objectCall: "an object: index, name or name+length",
}

// Seek(position, id) moves an open file's position (Nachos 4.x). It
// returns 0, or -1.
func sysSeek(k *Kernel, p *Process) {
	pos, id := int32(k.arg(0)), int32(k.arg(1))
	of := p.files.get(id)
	switch {
	case of == nil:
		k.refuse(fmt.Errorf("no open file %d", id))
		return
	case pos < 0:
		k.refuse(fmt.Errorf("the position %d is negative", pos))
		return
	}
	if _, err := of.f.Seek(int64(pos), 0); err != nil {
		k.refuse(err)
		return
	}
	k.setResult(0)
}

// ExecV(argc, argv) runs the program named by argv[0] (Nachos 4.x). The
// arguments themselves are not passed on: this kernel's programs start at
// main with none.
func sysExecV(k *Kernel, p *Process) {
	if argc := int32(k.arg(0)); argc < 1 {
		k.refuse(fmt.Errorf("argc is %d, but argv must hold at least the program's name", argc))
		return
	}
	argv0, err := k.copyIn(k.arg(1), 4)
	if err != nil {
		k.refuse(fmt.Errorf("argv: %w", err))
		return
	}
	name, err := k.readString(uint32(argv0[0])|uint32(argv0[1])<<8|uint32(argv0[2])<<16|uint32(argv0[3])<<24, maxPathLen)
	if err != nil {
		k.refuse(err)
		return
	}
	k.execProgram(p, name)
}

// ThreadJoin(id) waits until the thread id made by the caller's process
// with ThreadFork has ended (Nachos 4.x). It returns 0, or -1.
func sysThreadJoin(k *Kernel, p *Process) {
	id := int32(k.arg(0))
	if id < 1 || int(id) > len(p.forked) || p.forked[id-1] == k.CurrentThread() {
		k.refuse(fmt.Errorf("%d is not another thread of this process", id))
		return
	}
	k.Join(p.forked[id-1])
	k.setResult(0)
}
