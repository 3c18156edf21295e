// The disk: 32 tracks of 32 sectors of 128 bytes, kept in a host file.
// (A machine built for demand paging may have more tracks, to hold its
// swap space; NewDiskTracks.)
//
// A request returns at once and completes with a DiskInt interrupt, after
// the time a real disk would take: the arm moves SeekTime per track, then
// the disk turns until the sector comes under the head (RotationTime per
// sector), then one more RotationTime to transfer it. Like Nachos's disk,
// this one has a track buffer: once the head has been on a track for a
// full turn, reading any sector of it takes a single RotationTime.
//
// The host file starts with the 4-byte magic number 0x456789ab (little
// endian), then holds the sectors in order, as Nachos's DISK file does.

package machine

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// Disk geometry.
const (
	SectorSize      = 128
	SectorsPerTrack = 32
	NumTracks       = 32
	NumSectors      = SectorsPerTrack * NumTracks

	diskMagic = 0x456789ab
	magicSize = 4
	// MaxTracks bounds a larger disk: 64 MiB, as much as the largest
	// program image (userprog.MaxImageSize).
	MaxTracks = 64 << 20 / (SectorsPerTrack * SectorSize)
)

// Disk is a simulated disk drive backed by a host file.
type Disk struct {
	m      *Machine
	file   *os.File
	done   func() // the kernel's handler: the request has completed
	finish func() // d.complete, bound once

	sectors    int   // NumSectors, unless built larger
	active     bool  // a request is in progress
	lastSector int   // where the head was left
	bufferInit int64 // when the head arrived on its track (for the track buffer)
}

// NewDisk attaches a disk kept in the host file path, creating it (all
// zeros) if it does not exist.
func (m *Machine) NewDisk(path string, done func()) (*Disk, error) {
	return m.NewDiskTracks(path, NumTracks, done)
}

// NewDiskTracks is NewDisk for a disk of the given number of tracks
// (1 to MaxTracks), with the same geometry and timing otherwise.
func (m *Machine) NewDiskTracks(path string, tracks int, done func()) (*Disk, error) {
	if tracks < 1 || tracks > MaxTracks {
		return nil, fmt.Errorf("disk: %d tracks is not between 1 and %d", tracks, MaxTracks)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("disk: %w", err)
	}
	sectors := tracks * SectorsPerTrack
	if err := initDisk(f, path, magicSize+int64(sectors)*SectorSize); err != nil {
		f.Close()
		return nil, fmt.Errorf("disk: %w", err)
	}
	d := &Disk{m: m, file: f, done: done, sectors: sectors}
	d.finish = d.complete
	return d, nil
}

// initDisk makes an empty file a blank disk, and checks that any other
// file is one: the right size, starting with the magic number.
func initDisk(f *os.File, path string, diskSize int64) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	var magic [magicSize]byte
	if info.Size() == 0 {
		binary.LittleEndian.PutUint32(magic[:], diskMagic)
		if _, err := f.WriteAt(magic[:], 0); err != nil {
			return err
		}
		return f.Truncate(diskSize)
	}
	if info.Size() != diskSize {
		return fmt.Errorf("%s is %d bytes, not a Nachos disk of %d; delete it or choose another file", path, info.Size(), diskSize)
	}
	if _, err := f.ReadAt(magic[:], 0); err != nil {
		return err
	}
	if binary.LittleEndian.Uint32(magic[:]) != diskMagic {
		return fmt.Errorf("%s is not a Nachos disk (bad magic number); delete it or choose another file", path)
	}
	return nil
}

// Close releases the host file.
func (d *Disk) Close() error { return d.file.Close() }

// ReadRequest starts reading sector into data (SectorSize bytes).
func (d *Disk) ReadRequest(sector int, data []byte) error {
	return d.request(sector, data, false)
}

// WriteRequest starts writing data (SectorSize bytes) to sector.
func (d *Disk) WriteRequest(sector int, data []byte) error {
	return d.request(sector, data, true)
}

func (d *Disk) request(sector int, data []byte, writing bool) error {
	switch {
	case d.active:
		return errors.New("disk: a request is already in progress")
	case sector < 0 || sector >= d.sectors:
		return fmt.Errorf("disk: sector %d does not exist (0..%d)", sector, d.sectors-1)
	case len(data) != SectorSize:
		return fmt.Errorf("disk: a transfer is one sector of %d bytes, not %d", SectorSize, len(data))
	}
	off := int64(magicSize + sector*SectorSize)
	var err error
	if writing {
		_, err = d.file.WriteAt(data, off)
		d.m.Stats.NumDiskWrites++
	} else {
		_, err = d.file.ReadAt(data, off)
		d.m.Stats.NumDiskReads++
	}
	if err != nil {
		return fmt.Errorf("disk: %w", err)
	}
	d.active = true
	if d.m.observer != nil {
		d.m.observer.DiskRequest(writing, sector)
	}
	d.m.Interrupt.Schedule(d.finish, d.latency(sector, writing), DiskInt)
	d.updateLast(sector)
	return nil
}

func (d *Disk) complete() {
	d.active = false
	d.done()
}

// seekTime is the time to move the head to sector's track, and the wait
// after it until the current sector has passed.
func (d *Disk) seekTime(sector int) (seek, rotation int64) {
	seek = int64(abs(sector/SectorsPerTrack-d.lastSector/SectorsPerTrack)) * SeekTime
	if over := (d.m.Stats.TotalTicks + seek) % RotationTime; over > 0 {
		rotation = RotationTime - over
	}
	return seek, rotation
}

// sectorsBetween is how many sectors the disk turns to get from sector
// position from to position to on a track.
func sectorsBetween(to, from int64) int64 {
	return ((to%SectorsPerTrack - from%SectorsPerTrack) + SectorsPerTrack) % SectorsPerTrack
}

// latency is how long a request for sector takes from now.
func (d *Disk) latency(sector int, writing bool) int64 {
	seek, rotation := d.seekTime(sector)
	arrive := d.m.Stats.TotalTicks + seek + rotation
	if !writing && seek == 0 &&
		(arrive-d.bufferInit)/RotationTime > sectorsBetween(int64(sector), d.bufferInit/RotationTime) {
		return RotationTime // already in the track buffer
	}
	rotation += sectorsBetween(int64(sector), arrive/RotationTime) * RotationTime
	return seek + rotation + RotationTime
}

func (d *Disk) updateLast(sector int) {
	if seek, rotation := d.seekTime(sector); seek != 0 {
		d.bufferInit = d.m.Stats.TotalTicks + seek + rotation
	}
	d.lastSector = sector
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
