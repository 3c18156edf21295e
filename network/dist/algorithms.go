// The algorithms nachos dist knows, by name.

package dist

// Algorithms lists every algorithm, in the order nachos dist list shows
// them.
var Algorithms = []*Algorithm{Bully, Ring, Centralized, RicartAgrawala, RicartAgrawalaNotOK, LamportMutex, MajorityOK, TokenRing, Voting, Snapshot, TwoPhaseCommit, NaiveTwoPhaseCommit, Cristian, NTP, Berkeley,
	UnorderedMulticast, FIFOMulticast, CausalMulticast, TotalMulticast, TimestampElection, BullyMajority}

// Find returns the algorithm with this name, or nil.
func Find(name string) *Algorithm {
	for _, a := range Algorithms {
		if a.Name == name {
			return a
		}
	}
	return nil
}
