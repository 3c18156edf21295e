// Reading a course's syscall.h.
//
// Only the lines "#define SC_Name N" matter: N is a C integer constant
// (decimal, 0x hex or 0 octal), perhaps in parentheses, perhaps followed
// by a comment. Comments are blanked first, keeping the line breaks, so
// that a #define inside a comment does not count and line numbers stay
// right. Anything else (prototypes, include guards, other macros) is
// ignored: a syscall.h is C, not a format of ours.

package abifile

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"nachos/userprog"
)

// scDefine matches "#define SC_Name value".
var scDefine = regexp.MustCompile(`^\s*#\s*define\s+SC_(\w+)\b(.*)$`)

// parseHeader reads the SC_ codes of a C header.
func parseHeader(path string, data []byte) (userprog.ABISpec, error) {
	var spec userprog.ABISpec
	firstLine := map[string]int{} // lower-case name -> line of its #define
	for i, line := range strings.Split(string(blankComments(data)), "\n") {
		m := scDefine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name, value, at := m[1], strings.TrimSpace(m[2]), where(path, i+1)
		if first, ok := firstLine[strings.ToLower(name)]; ok {
			return spec, fmt.Errorf("%s: SC_%s is defined twice (first on line %d)", at, name, first)
		}
		firstLine[strings.ToLower(name)] = i + 1
		code, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(value, "("), ")")), 0, 32)
		if err != nil {
			return spec, fmt.Errorf("%s: SC_%s is defined as %q, not a number: --abi reads only #define SC_Name N lines with a plain number N", at, name, value)
		}
		spec.Calls = append(spec.Calls, userprog.CallCode{Name: name, Code: int(code), Where: at})
	}
	if len(spec.Calls) == 0 {
		return spec, fmt.Errorf("%s: has no #define SC_Name N lines; is it the course's syscall.h? (a YAML numbering must be called FILE.yaml)", path)
	}
	return spec, nil
}

// blankComments replaces every C comment in src by spaces, keeping its
// line breaks.
func blankComments(src []byte) []byte {
	out := bytes.Clone(src)
	for i := 0; i < len(out)-1; i++ {
		switch {
		case out[i] == '/' && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			stop := len(out)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			blank(out[i:stop])
			i = stop - 1
		case out[i] == '/' && out[i+1] == '/':
			end := bytes.IndexByte(out[i:], '\n')
			if end < 0 {
				end = len(out) - i
			}
			blank(out[i : i+end])
			i += end
		}
	}
	return out
}

// blank turns every byte of b but line breaks into a space.
func blank(b []byte) {
	for j := range b {
		if b[j] != '\n' {
			b[j] = ' '
		}
	}
}
