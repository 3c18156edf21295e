package network

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// testCluster boots n machines on one wire, each running main(its post
// office) as its first thread, and writes their output, each line
// prefixed with the machine's id, to out.
func testCluster(t testing.TB, f machine.Faults, seed uint32, n int, out *bytes.Buffer, main func(po *PostOffice)) (*Cluster, []*kernel.Kernel) {
	c := NewCluster(f, seed)
	var ks []*kernel.Kernel
	for id := range n {
		w := NewPrefixWriter(out, fmt.Sprintf("%d: ", id))
		k, err := kernel.New(kernel.Config{Machine: machine.Config{Seed: seed}, Out: w, Err: w})
		require.NoError(t, err)
		po, err := NewPostOffice(k, Config{Addr: machine.NetworkAddress(id)}, c.Wire())
		require.NoError(t, err)
		c.Add(k, machine.NetworkAddress(id))
		k.Start(func() { main(po) })
		ks = append(ks, k)
	}
	return c, ks
}

func mailTestCluster(t *testing.T, f machine.Faults, seed uint32) string {
	var out bytes.Buffer
	c, _ := testCluster(t, f, seed, 2, &out, func(po *PostOffice) { MailTest(po, 1-po.Addr()) })
	c.Run()
	return out.String()
}

func TestMailTestPrintsWhatNachosPrints(t *testing.T) {
	out := mailTestCluster(t, machine.Faults{}, 1)
	assert.Contains(t, out, "0: Got \"Hello there!\" from 1, box 1\n")
	assert.Contains(t, out, "0: Got \"Got it!\" from 1, box 1\n")
	assert.Contains(t, out, "1: Got \"Hello there!\" from 0, box 1\n")
	assert.Contains(t, out, "1: Got \"Got it!\" from 0, box 1\n")
	assert.Contains(t, out, "0: Network I/O: packets received 2, sent 2\n")
	t.Log(out)
}

func TestMailTestIsByteIdenticalAcrossRuns(t *testing.T) {
	f := machine.Faults{Jitter: 50, Duplicate: 0.3}
	for seed := range uint32(20) {
		first := mailTestCluster(t, f, seed)
		require.Equal(t, first, mailTestCluster(t, f, seed), "seed %d", seed)
	}
}
