//go:build race

package kernel_test

// The race detector allows at most 8128 live goroutines, and it allocates
// on its own: tests that count either adapt.
func init() { raceDetector = true }
