// Print and Printf: formatted output for programs without a C library.
//
// Printf takes a format string and up to three integer arguments (the
// registers $5..$7), and understands %d, %u, %x, %c, %s (a string in the
// program's memory) and %%. The text is written to the console as one
// Write, so it is never interleaved with another program's output.

package userprog

import (
	"fmt"
	"strconv"
	"strings"
)

// Print(s) writes the NUL-terminated string s to the console.
func sysPrint(k *Kernel, p *Process) {
	s, err := k.readString(k.arg(0), maxTransfer)
	if err != nil {
		k.refuse(err)
		return
	}
	k.console.Write([]byte(s))
	k.setResult(int32(len(s)))
}

// Printf(format, a, b, c) writes the formatted text to the console and
// returns its length, or -1 for a bad format or string.
func sysPrintf(k *Kernel, p *Process) {
	format, err := k.readString(k.arg(0), maxTransfer)
	if err != nil {
		k.refuse(err)
		return
	}
	text, err := k.format(format, [3]uint32{k.arg(1), k.arg(2), k.arg(3)})
	if err != nil {
		k.refuse(err)
		return
	}
	k.console.Write([]byte(text))
	k.setResult(int32(len(text)))
}

// format expands format with the integer arguments args.
func (k *Kernel) format(format string, args [3]uint32) (string, error) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(format) {
			return "", fmt.Errorf("format %q ends with a lone %%", format)
		}
		verb := format[i]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if next == len(args) {
			return "", fmt.Errorf("format %q has more than %d conversions", format, len(args))
		}
		arg := args[next]
		next++
		switch verb {
		case 'd':
			b.WriteString(strconv.Itoa(int(int32(arg))))
		case 'u':
			b.WriteString(strconv.FormatUint(uint64(arg), 10))
		case 'x':
			b.WriteString(strconv.FormatUint(uint64(arg), 16))
		case 'c':
			b.WriteByte(byte(arg))
		case 's':
			s, err := k.readString(arg, maxTransfer)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		default:
			return "", fmt.Errorf("format %q: %%%c is not one of %%d %%u %%x %%c %%s %%%%", format, verb)
		}
	}
	return b.String(), nil
}
