//go:build !race

package tooltest

// Race is false: the tests run without the race detector (see race.go).
const Race = false
