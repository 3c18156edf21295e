// Files: Create, Open, Read, Write, Close and Remove on the host's files.
//
// This kernel has no file system of its own yet: a program's files are
// files in one host directory, the sandbox (--fs-root, the current
// directory by default). Every name is resolved inside it by os.Root,
// which refuses absolute paths, ".." and symbolic links that would lead
// out, so a user program can neither read nor write anything else.
//
// Every open file is a host file descriptor, and the host has a limited
// number of them. So that one program opening files in a loop cannot take
// them all, and make every other program's Open and Exec fail, a process
// may have maxOpenFiles files open at once, and all processes together
// maxKernelOpenFiles; past either limit Open returns -1.

package userprog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The open-file limits, like xv6's NOFILE and NFILE. The kernel-wide one
// stays well below the host's usual 1024 descriptors, which the simulator
// also needs for its sandbox and for loading programs.
const (
	maxOpenFiles       = 64  // per process
	maxKernelOpenFiles = 256 // for all processes together
)

// openFile is a file a process has open, with its own position.
type openFile struct {
	name string
	f    *os.File
	open *int // the kernel's count of open files, which closing lowers
}

// close closes the host file and takes it off the kernel's count.
func (of *openFile) close() {
	of.f.Close()
	*of.open--
}

// fileRoom returns an error, for the program's debug message, if p may not
// open another file.
func (k *Kernel) fileRoom(p *Process) error {
	switch {
	case p.files.live >= maxOpenFiles:
		return fmt.Errorf("the process already has %d files open, the most it may; close one first", maxOpenFiles)
	case k.openFiles >= maxKernelOpenFiles:
		return fmt.Errorf("all processes together have %d files open, the most the kernel allows", maxKernelOpenFiles)
	}
	return nil
}

// openRoot opens the sandbox directory.
func openRoot(dir string) (*os.Root, error) {
	if dir == "" {
		dir = "."
	}
	return os.OpenRoot(dir)
}

// errNotAFile refuses a name that is a directory, a pipe or a device:
// reading a pipe with nothing in it would stop the whole simulator.
var errNotAFile = errors.New("not an ordinary file (a directory, pipe or device)")

// ordinary checks that name is an ordinary file. A name that does not
// exist is an error too, unless absentOK (Create makes it).
func (k *Kernel) ordinary(name string, absentOK bool) error {
	info, err := k.root.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist) && absentOK:
		return nil
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return errNotAFile
	}
	return nil
}

// Create(name) makes an empty file called name, replacing any file of that
// name. It returns 0, or -1.
func sysCreate(k *Kernel, p *Process) {
	a := k.args()
	name, err := a.name()
	if err == nil {
		err = k.ordinary(name, true)
	}
	if err == nil {
		var f *os.File
		if f, err = k.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err == nil {
			err = f.Close()
		}
	}
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(0)
}

// Open(name) opens the existing file called name for reading and writing
// and returns its file id, or -1 (no such file, or too many open).
func sysOpen(k *Kernel, p *Process) {
	a := k.args()
	name, err := a.name()
	if err == nil {
		err = k.fileRoom(p)
	}
	if err == nil {
		err = k.ordinary(name, false)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	f, err := k.root.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		k.refuse(err)
		return
	}
	k.openFiles++
	k.setResult(int32(p.files.add(&openFile{name: name, f: f, open: &k.openFiles})))
}

// Close(id) closes an open file. It returns 0, or -1.
func sysClose(k *Kernel, p *Process) {
	of := p.files.remove(int32(k.arg(0)))
	if of == nil {
		k.refuse(errors.New("no such open file"))
		return
	}
	of.close()
	k.setResult(0)
}

// Remove(name) deletes the file called name. It returns 0, or -1.
func sysRemove(k *Kernel, p *Process) {
	a := k.args()
	name, err := a.name()
	if err == nil {
		err = k.ordinary(name, false)
	}
	if err == nil {
		err = k.root.Remove(name)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	k.setResult(0)
}

// readFile reads into buf from an open file, returning the count (0 at
// the end of the file).
func readFile(of *openFile, buf []byte) (int, error) {
	n, err := io.ReadFull(of.f, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// closeFiles closes every file p has open, when p ends.
func closeFiles(p *Process) {
	for _, of := range p.files.all() {
		of.close()
	}
}
