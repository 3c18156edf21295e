package dist

import "testing"

// Whatever bytes arrive, decoding a message never panics, and whatever a
// student types, the scenario parsers never do.
func FuzzDecode(f *testing.F) {
	f.Add(encode(1, 7, 42, 3, Vector{1, 2, 3}, []int{-5, 9}))
	f.Add([]byte{0xff, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decode(b, Bully)
		if err == nil && d.kind == "" {
			t.Fatal("decoded a message of no kind")
		}
	})
}

func FuzzScenarioSpellings(f *testing.F) {
	for _, s := range []string{"6@0", "5@300-9000", "1,2,3/4,5@1000-20000", "2@5000", "3,1,2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseCrash(s)
		_, _ = ParsePartition(s)
		_, _ = ParseStart(s)
		_, _ = ParseList(s)
	})
}
