// Files: Create, Open, Read, Write, Close and Remove on the host's files.
//
// This kernel has no file system of its own yet: a program's files are
// files in one host directory, the sandbox (--fs-root, the current
// directory by default). Every name is resolved inside it by os.Root,
// which refuses absolute paths, ".." and symbolic links that would lead
// out, so a user program can neither read nor write anything else.

package userprog

import (
	"errors"
	"io"
	"os"
)

// openFile is a file a process has open, with its own position.
type openFile struct {
	name string
	f    *os.File
}

// openRoot opens the sandbox directory.
func openRoot(dir string) (*os.Root, error) {
	if dir == "" {
		dir = "."
	}
	return os.OpenRoot(dir)
}

// Create(name) makes an empty file called name, replacing any file of that
// name. It returns 0, or -1.
func sysCreate(k *Kernel, p *Process) {
	name, err := k.fileName()
	if err == nil {
		var f *os.File
		if f, err = k.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644); err == nil {
			err = f.Close()
		}
	}
	if err != nil {
		k.refuse(p, "Create", err)
		return
	}
	k.setResult(0)
}

// Open(name) opens the existing file called name for reading and writing
// and returns its file id, or -1.
func sysOpen(k *Kernel, p *Process) {
	name, err := k.fileName()
	if err != nil {
		k.refuse(p, "Open", err)
		return
	}
	f, err := k.root.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		k.refuse(p, "Open", err)
		return
	}
	k.setResult(int32(p.files.add(&openFile{name: name, f: f})))
}

// Close(id) closes an open file. It returns 0, or -1.
func sysClose(k *Kernel, p *Process) {
	of := p.files.remove(int32(k.arg(0)))
	if of == nil {
		k.refuse(p, "Close", errors.New("no such open file"))
		return
	}
	of.f.Close()
	k.setResult(0)
}

// Remove(name) deletes the file called name. It returns 0, or -1.
func sysRemove(k *Kernel, p *Process) {
	name, err := k.fileName()
	if err == nil {
		err = k.root.Remove(name)
	}
	if err != nil {
		k.refuse(p, "Remove", err)
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
		of.f.Close()
	}
}
