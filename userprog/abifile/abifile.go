// Package abifile reads a course's own system call numbering, for
// --abi FILE.
//
// Every course numbers the system calls it adds above Nachos 3.4's
// eleven in its own way. A course brings its numbering in one of two
// files:
//
//   - its syscall.h: the "#define SC_Name N" lines give each call's code,
//     and every other line is ignored. Names are matched to this kernel's
//     calls and their aliases (listed in the README), so SC_AcquireLock is
//     Acquire. Arguments are passed the usual way: names NUL-terminated,
//     locks and other objects by handle.
//   - a YAML file (FILE.yaml or FILE.yml), which can also say how the
//     calls pass their arguments (see yaml.go).
//
// A name this kernel does not have is kept: a program that makes that
// call gets -1 and a message naming it. A malformed file is an error
// naming the file and the line.
package abifile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nachos/userprog"
)

// Find returns the numbering --abi names: a built-in one (nachos3,
// nachos4, usc), or the one in the file called name.
func Find(name string) (*userprog.ABI, error) {
	abi, err := userprog.FindABI(name)
	if err == nil {
		return abi, nil
	}
	if _, statErr := os.Stat(name); statErr != nil {
		return nil, err
	}
	return Load(name)
}

// Load reads the numbering in the file at path: YAML if its name ends in
// .yaml or .yml, a C header otherwise.
func Load(path string) (*userprog.ABI, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--abi: %w", err)
	}
	var spec userprog.ABISpec
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		spec, err = parseYAML(path, data)
	default:
		spec, err = parseHeader(path, data)
	}
	if err != nil {
		return nil, fmt.Errorf("--abi: %w", err)
	}
	spec.Name = path
	spec.Doc = fmt.Sprintf("read from %s: %d calls", path, len(spec.Calls))
	abi, err := userprog.NewABI(spec)
	if err != nil {
		return nil, fmt.Errorf("--abi: %w", err) // NewABI's errors start with FILE:LINE
	}
	return abi, nil
}

// where names line n of the file at path, for messages.
func where(path string, line int) string { return fmt.Sprintf("%s:%d", path, line) }
