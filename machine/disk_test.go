// Tests for the disk: the host file's layout, persistence, refusing bad
// files and bad requests, and request latencies worked out by hand from
// the model in disk.go (SeekTime and RotationTime are both 500 ticks).

package machine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// diskRig is a disk in a fresh host file, with its completions logged.
type diskRig struct {
	m    *machine.Machine
	log  *tickLog
	d    *machine.Disk
	path string
}

func newDiskRig(t *testing.T, path string) *diskRig {
	t.Helper()
	m := bareMachine(t, machine.Config{})
	r := &diskRig{m: m, log: &tickLog{m: m}, path: path}
	d, err := m.NewDisk(path, r.log.handler("done"))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	r.d = d
	return r
}

// sectorData is a sector's worth of bytes that tells sectors apart.
func sectorData(seed byte) []byte {
	b := make([]byte, machine.SectorSize)
	for i := range b {
		b[i] = seed + byte(i)
	}
	return b
}

// complete idles until the request in progress has completed and returns
// the tick it completed at.
func (r *diskRig) complete(t *testing.T) int64 {
	t.Helper()
	n := len(r.log.events)
	require.True(t, r.m.Interrupt.Idle())
	require.Len(t, r.log.events, n+1)
	return r.m.Stats.TotalTicks
}

func TestDiskHostFileLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "DISK")
	r := newDiskRig(t, path)
	require.NoError(t, r.d.WriteRequest(5, sectorData(7)))

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, raw, 4+32*32*128)
	assert.Equal(t, []byte{0xab, 0x89, 0x67, 0x45}, raw[:4], "magic 0x456789ab, little endian")
	assert.Equal(t, sectorData(7), raw[4+5*128:4+6*128])
	assert.Equal(t, make([]byte, 5*128), raw[4:4+5*128], "a new disk is all zeros")
	assert.Equal(t, 1, r.m.Stats.NumDiskWrites)
}

func TestDiskDataSurvivesReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "DISK")
	r := newDiskRig(t, path)
	require.NoError(t, r.d.WriteRequest(0, sectorData(1)))
	r.complete(t)
	require.NoError(t, r.d.WriteRequest(machine.NumSectors-1, sectorData(2)))
	r.complete(t)
	require.NoError(t, r.d.Close())

	again := newDiskRig(t, path)
	for sector, want := range map[int][]byte{0: sectorData(1), 1023: sectorData(2), 500: make([]byte, 128)} {
		got := make([]byte, machine.SectorSize)
		require.NoError(t, again.d.ReadRequest(sector, got))
		assert.Equal(t, want, got, "sector %d", sector)
		again.complete(t)
	}
	assert.Equal(t, 3, again.m.Stats.NumDiskReads)
	assert.Equal(t, 0, again.m.Stats.NumDiskWrites)
}

func TestDiskRefusesAFileWithTheWrongMagic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("these are my notes, not a disk\n")
	require.NoError(t, os.WriteFile(path, content, 0o644))

	m := bareMachine(t, machine.Config{})
	_, err := m.NewDisk(path, func() {})
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
	assert.Contains(t, err.Error(), "not a Nachos disk")
	after, _ := os.ReadFile(path)
	assert.Equal(t, content, after, "the file is left alone")
}

// Regression: a non-empty file shorter than the magic number is taken for a new
// disk and overwritten.
func TestDiskRefusesAShortFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny")
	require.NoError(t, os.WriteFile(path, []byte("hi\n"), 0o644))

	m := bareMachine(t, machine.Config{})
	_, err := m.NewDisk(path, func() {})
	assert.Error(t, err)
	after, _ := os.ReadFile(path)
	assert.Len(t, after, 3, "the file is left alone")
}

// Regression: a file with the magic number but cut short is accepted; a read
// beyond its end then fails with a bare "disk: EOF" and is counted anyway.
func TestDiskRefusesATruncatedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "DISK")
	require.NoError(t, os.WriteFile(path, []byte{0xab, 0x89, 0x67, 0x45, 1, 2}, 0o644))

	m := bareMachine(t, machine.Config{})
	d, err := m.NewDisk(path, func() {})
	if err == nil {
		d.Close()
	}
	assert.ErrorContains(t, err, path)
}

func TestDiskRefusesAMissingDirectory(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	_, err := m.NewDisk(filepath.Join(t.TempDir(), "no", "such", "DISK"), func() {})
	assert.ErrorContains(t, err, "disk: ")
}

func TestDiskRejectsBadRequests(t *testing.T) {
	r := newDiskRig(t, filepath.Join(t.TempDir(), "DISK"))
	buf := make([]byte, machine.SectorSize)

	assert.EqualError(t, r.d.ReadRequest(-1, buf), "disk: sector -1 does not exist (0..1023)")
	assert.EqualError(t, r.d.WriteRequest(1024, buf), "disk: sector 1024 does not exist (0..1023)")
	for _, size := range []int{0, 127, 129} {
		assert.EqualError(t, r.d.ReadRequest(0, make([]byte, size)),
			fmt.Sprintf("disk: a transfer is one sector of 128 bytes, not %d", size))
	}
	assert.Equal(t, machine.Statistics{}, *r.m.Stats, "nothing was counted")
	assert.False(t, r.m.Interrupt.Idle(), "nothing was started")

	require.NoError(t, r.d.ReadRequest(3, buf))
	assert.EqualError(t, r.d.ReadRequest(4, buf), "disk: a request is already in progress")
	assert.EqualError(t, r.d.WriteRequest(4, buf), "disk: a request is already in progress")
	r.complete(t)
	assert.Equal(t, 1, r.m.Stats.NumDiskReads)
	assert.NoError(t, r.d.WriteRequest(4, buf), "the disk is free again")
}

// The head starts on track 0 at sector 0, and the track buffer counts
// from tick 0. Each latency: seek (500 per track), then wait for the end of
// the sector passing (rotation up to a multiple of 500), then turn to the
// sector (500 per sector), then 500 to transfer it; or a read on the same
// track whose sector has passed under the head since it arrived there
// takes 500 from the track buffer.
func TestDiskLatency(t *testing.T) {
	r := newDiskRig(t, filepath.Join(t.TempDir(), "DISK"))
	buf := make([]byte, machine.SectorSize)
	steps := []struct {
		name    string
		sector  int
		write   bool
		latency int64
	}{
		// t=0: sector 0 is under the head: transfer only.
		{"first sector", 0, false, 500},
		// t=500: sector 1 comes next: transfer only.
		{"same track, next sector", 1, false, 500},
		// t=1000: 20 tracks = 10000; the head arrives at t=11000 over
		// sector 22 (11000/500), 13 sectors before sector 3 of track 20:
		// 6500; then 500. The track buffer starts filling at 11000.
		{"far track", 20*32 + 3, false, 17000},
		// t=18000: 14 sectors have passed under the head since it came
		// to track 20 at 11000 (22..31, 0..3): sector 10 is not among
		// them. The head is over sector 36%32 = 4: 6 sectors to go,
		// 3000, then 500.
		{"new track, sector not passed yet", 20*32 + 10, false, 3500},
		// t=21500: 21 sectors have passed, and sector 3 was the 14th
		// (22..31 are the first ten): it is in the track buffer.
		{"track buffer, earlier sector", 20*32 + 3, false, 500},
		// t=22000: 22 have passed, sector 4 was the 15th.
		{"track buffer, next sector", 20*32 + 4, false, 500},
		// t=22500: a write cannot use the buffer. The head is over
		// sector 45%32 = 13, and sector 5 is 24 sectors away: 12000 + 500.
		{"write waits for its sector", 20*32 + 5, true, 12500},
	}
	for _, s := range steps {
		start := r.m.Stats.TotalTicks
		if s.write {
			require.NoError(t, r.d.WriteRequest(s.sector, buf), s.name)
		} else {
			require.NoError(t, r.d.ReadRequest(s.sector, buf), s.name)
		}
		assert.Equal(t, s.latency, r.complete(t)-start, s.name)
	}
	assert.Equal(t, int64(35000), r.m.Stats.TotalTicks)
	assert.Equal(t, 6, r.m.Stats.NumDiskReads)
	assert.Equal(t, 1, r.m.Stats.NumDiskWrites)
}

// Requests made between sector boundaries wait for the boundary first.
func TestDiskLatencyOffASectorBoundary(t *testing.T) {
	buf := make([]byte, machine.SectorSize)

	// t=10, track 3 sector 3: seek 1500 ends at 1510, 490 to the
	// boundary at 2000, over sector 4: 31 sectors to go (15500), then
	// 500: 17990, done at tick 18000.
	far := newDiskRig(t, filepath.Join(t.TempDir(), "DISK"))
	kernelWork(far.m, 1)
	require.NoError(t, far.d.ReadRequest(3*32+3, buf))
	assert.Equal(t, int64(18000), far.complete(t))

	// t=10, sector 0 of the track the head has been on since tick 0:
	// sector 0 passed during ticks 0-500, so it comes from the track
	// buffer: 500, done at 510.
	near := newDiskRig(t, filepath.Join(t.TempDir(), "DISK"))
	kernelWork(near.m, 1)
	require.NoError(t, near.d.ReadRequest(0, buf))
	assert.Equal(t, int64(510), near.complete(t))

	// The same request as a write cannot use the buffer: 490 to the
	// boundary at 500, over sector 1, 31 sectors to sector 0 (15500),
	// then 500: 16490, done at 16500.
	write := newDiskRig(t, filepath.Join(t.TempDir(), "DISK"))
	kernelWork(write.m, 1)
	require.NoError(t, write.d.WriteRequest(0, buf))
	assert.Equal(t, int64(16500), write.complete(t))
}
