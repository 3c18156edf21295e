// Reference strings: the pages a run touched, in order.

package vm

import "math"

// never is the next use of a page that is not used again.
const never = math.MaxInt64

// Refs records a run's page references, or replays them for OPT.
type Refs struct{}

func (r *Refs) attach(pg *Pager) {}

// nextUse is when the page that process pid is touching now will next be
// touched, or never if that is not known.
func (r *Refs) nextUse(pid int) int64 {
	return never
}
