package e2e

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freeUDPPorts returns n ports on the loopback interface that were free a
// moment ago.
func freeUDPPorts(t *testing.T, n int) []int {
	var ports []int
	for range n {
		c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		require.NoError(t, err)
		ports = append(ports, c.LocalAddr().(*net.UDPAddr).Port)
		c.Close()
	}
	return ports
}

// loopbackPeers is a --peers list of n machines on free ports of
// 127.0.0.1.
func loopbackPeers(t *testing.T, n int) string {
	var peers []string
	for id, p := range freeUDPPorts(t, n) {
		peers = append(peers, fmt.Sprintf("%d=127.0.0.1:%d", id, p))
	}
	return strings.Join(peers, ",")
}

// runMachines runs one nachos process per argument list, each with
// --peers naming them all on loopback, the last first and the others
// after a pause (start order must not matter), and returns their outputs.
func runMachines(t *testing.T, machines ...[]string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	peers := loopbackPeers(t, len(machines))
	outs := make([]strings.Builder, len(machines))
	cmds := make([]*exec.Cmd, len(machines))
	for i := len(machines) - 1; i >= 0; i-- {
		args := append([]string{"-m", fmt.Sprint(i), "--peers", peers}, machines[i]...)
		cmds[i] = exec.CommandContext(ctx, nachosBin, args...)
		cmds[i].Dir = repoRoot
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		require.NoError(t, cmds[i].Start())
		time.Sleep(200 * time.Millisecond)
	}
	result := make([]string, len(machines))
	for i, c := range cmds {
		assert.NoError(t, c.Wait(), "machine %d: %s", i, outs[i].String())
		result[i] = outs[i].String()
	}
	return result
}

// Nachos's MailTest across two OS processes over UDP on loopback.
func TestMailTestOverUDP(t *testing.T) {
	out := runMachines(t, []string{"-o", "1"}, []string{"-o", "0"})
	assert.Contains(t, out[0], "Got \"Hello there!\" from 1, box 1\nGot \"Got it!\" from 1, box 1\n")
	assert.Contains(t, out[1], "Got \"Hello there!\" from 0, box 1\nGot \"Got it!\" from 0, box 1\n")
}

// User programs exchange reliable messages across processes. (Not with
// loss: whichever machine sends the last acknowledgement may halt before
// a retransmission asks for it again, and the other then waits for it in
// vain; see README, The network.)
func TestPingPongOverUDP(t *testing.T) {
	out := runMachines(t, []string{"-x", "test/pong"}, []string{"-x", "test/ping"})
	assert.Contains(t, out[0], "test/pong: exited with status 3")
	assert.Contains(t, out[1], "ping: \"ping 2 pong\" from machine 0, box 0\n")
}

// A lock server in one process serves remotecount in two others: the
// count is exact. The server runs until it is stopped, as a server on a
// real network does.
func TestLockServerOverUDP(t *testing.T) {
	peers := loopbackPeers(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	server := exec.CommandContext(ctx, nachosBin, "-m", "0", "--server", "--peers", peers)
	server.Dir = repoRoot
	require.NoError(t, server.Start())
	defer func() {
		_ = server.Process.Kill()
		_ = server.Wait()
	}()
	outs := make([]strings.Builder, 2)
	var clients []*exec.Cmd
	for i := range 2 {
		c := exec.CommandContext(ctx, nachosBin, "-m", fmt.Sprint(i+1), "--remote", "0", "--peers", peers, "-x", "test/remotecount")
		c.Dir = repoRoot
		c.Stdout, c.Stderr = &outs[i], &outs[i]
		require.NoError(t, c.Start())
		clients = append(clients, c)
	}
	totals := ""
	for i, c := range clients {
		require.NoError(t, c.Wait(), outs[i].String())
		totals += outs[i].String()
	}
	assert.Contains(t, totals, "remotecount: my threads are done; the total is 100\n")
}
