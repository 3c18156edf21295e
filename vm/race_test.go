//go:build race

package vm

// raceDetector is true when the tests run under the race detector, which
// makes the CPU's one-instruction-at-a-time path (exact LRU, OPT) many
// times slower.
const raceDetector = true
