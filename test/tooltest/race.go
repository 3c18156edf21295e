//go:build race

package tooltest

// Race is true when the tests run under the race detector, which
// allocates on its own, allows at most 8128 live goroutines, and makes
// every simulated run several times slower and larger: tests that count
// allocations, start many threads or sweep many seeds adapt to it.
const Race = true
