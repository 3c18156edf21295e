// Tests for the statistics report Nachos prints when it halts.

package machine_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/machine"
)

func TestStatisticsPrintIsNachosFormat(t *testing.T) {
	s := machine.Statistics{
		TotalTicks: 1234, IdleTicks: 56, SystemTicks: 700, UserTicks: 478,
		NumDiskReads: 1, NumDiskWrites: 2,
		NumConsoleCharsRead: 3, NumConsoleCharsWritten: 4,
		NumPageFaults:  5,
		NumPacketsSent: 6, NumPacketsRecvd: 7,
	}
	var out bytes.Buffer
	s.Print(&out)
	assert.Equal(t, "Ticks: total 1234, idle 56, system 700, user 478\n"+
		"Disk I/O: reads 1, writes 2\n"+
		"Console I/O: reads 3, writes 4\n"+
		"Paging: faults 5\n"+
		"Network I/O: packets received 7, sent 6\n", out.String())
}

func TestStatisticsPrintOfANewMachine(t *testing.T) {
	var out bytes.Buffer
	bareMachine(t, machine.Config{}).Stats.Print(&out)
	assert.Equal(t, "Ticks: total 0, idle 0, system 0, user 0\n"+
		"Disk I/O: reads 0, writes 0\n"+
		"Console I/O: reads 0, writes 0\n"+
		"Paging: faults 0\n"+
		"Network I/O: packets received 0, sent 0\n", out.String())
}
