package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel/trace"
	"nachos/userprog/grade"
)

// shellWords, below, reads back what grade.ShellQuote writes.
func TestShellWordsReadsShellQuote(t *testing.T) {
	words := []string{"plain", "-m 0 -o 1", "1>2:loss=1", "it's", ""}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = grade.ShellQuote(w)
	}
	assert.Equal(t, words, shellWords(strings.Join(quoted, " ")))
}

func runNachos(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), status
}

// nachos cluster "-m 0 -o 1" "-m 1 -o 0" is Nachos's MailTest, and a run
// repeats byte for byte, faults and all.
func TestClusterMailTestRepeats(t *testing.T) {
	args := []string{"cluster", "--seed", "9", "--jitter", "30", "--duplicate", "0.5", "-m 0 -o 1", "-m 1 -o 0"}
	out, errOut, status := runNachos(t, args...)
	require.Equal(t, 0, status, errOut)
	for _, line := range []string{
		`[0] Got "Hello there!" from 1, box 1`, `[0] Got "Got it!" from 1, box 1`,
		`[1] Got "Hello there!" from 0, box 1`, `[1] Got "Got it!" from 0, box 1`,
	} {
		assert.Contains(t, out, line+"\n")
	}
	for range 3 {
		again, _, _ := runNachos(t, args...)
		require.Equal(t, out, again)
	}
}

// A cluster's trace header is a command that repeats the run: the
// machines come last, after "--", each quoted.
func TestClusterTraceHeaderRepeatsTheRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	out, errOut, status := runNachos(t, "cluster", "--seed", "9", "--jitter", "30", "--trace", path, "-m 0 -o 1", "-m 1 -o 0")
	require.Equal(t, 0, status, errOut)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var h trace.Header
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(string(b), "\n", 2)[0]), &h))
	assert.Equal(t, "nachos cluster --jitter 30 --seed 9 --trace "+path+" -- '-m 0 -o 1' '-m 1 -o 0'", h.Command)
	again, _, status := runNachos(t, shellWords(h.Command)[1:]...)
	require.Equal(t, 0, status)
	assert.Equal(t, out, again)
}

// shellWords splits a command line as a shell would, for the single
// quotes commandLine writes.
func shellWords(line string) []string {
	var words []string
	var word strings.Builder
	quoted, inWord, escaped := false, false, false
	for _, r := range line {
		switch {
		case escaped:
			word.WriteRune(r)
			escaped = false
		case r == '\\' && !quoted: // the \' of '\''
			escaped, inWord = true, true
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, word.String())
			}
			word.Reset()
			inWord = false
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// User programs talk through Send and Receive, reliably over a lossy wire.
func TestClusterPingPongPrograms(t *testing.T) {
	out, errOut, status := runNachos(t, "cluster", "-l", "0.5", "--seed", "4", "-m 0 -x ../../test/pong", "-m 1 -x ../../test/ping")
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, errOut, "[0] nachos: ../../test/pong: exited with status 3 (pid 1)\n")
	assert.Contains(t, errOut, "[1] nachos: ../../test/ping: exited with status 3 (pid 1)\n")
	assert.Contains(t, out, `[1] ping: "ping 2 pong" from machine 0, box 0`)
}

func TestClusterRefusesWhatItCannotMean(t *testing.T) {
	for args, want := range map[string]string{
		"cluster":                         "cluster needs at least one machine",
		"cluster|-m 0 -l 0.5 -o 1":        "give -l to nachos cluster",
		"cluster|--latency|0|-m 0 -o 1":   "at least 1 tick",
		"cluster|-m 0 -d n":               "nothing to run",
		"cluster|-l|2|-m 0 -o 1":          "the reliability is a probability",
		"-o|1":                            "run it in a cluster",
		"cluster|-x ../../test/halt --vm": "runs on a lone machine only",
		"cluster|--link|0-7:loss=1|-m 0 -o 1|-m 1 -o 0": "--link: there is no machine 7 (the machines are 0, 1)",
		"cluster|--link|0-1:lost=1|-m 0 -o 1":           `no fault "lost": the faults are loss, dup, reorder, latency, jitter; e.g. --link 1-2:loss=0.5`,
	} {
		_, errOut, status := runNachos(t, strings.Split(args, "|")...)
		assert.Equal(t, 2, status, args)
		assert.Contains(t, errOut, want, args)
	}
}

// Five client machines of ten threads each add to one monitor variable
// under one lock, both kept by a lock server, over a wire that loses a
// packet in five: the total is exact, and the run repeats byte for byte.
func TestRemoteLockServerCountsExactly(t *testing.T) {
	args := []string{"cluster", "-l", "0.8", "--seed", "3", "-m 0 --server"}
	for range 5 {
		args = append(args, "-x ../../test/remotecount --remote 0")
	}
	out, errOut, status := runNachos(t, args...)
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "remotecount: my threads are done; the total is 250\n")
	assert.Contains(t, out, "[0] mv 0 \"total\" = 250, gone=false\n")
	assert.Contains(t, out, "[0] lock 0 \"counter lock\" free, 0 waiting, gone=false\n")
	again, _, _ := runNachos(t, args...)
	assert.Equal(t, out, again)
}

// Links worse than the wire (--link): the server's link with client 1
// loses half its packets and is slow, its link to client 2 duplicates;
// the count is still exact, and the run repeats. A link that loses
// everything from client 1 to the server cuts 1 off alone: its calls
// fail as if the server had crashed, while client 2 counts on.
func TestClusterLinkFaults(t *testing.T) {
	clients := []string{"-m 0 --server", "-x ../../test/remotecount --remote 0", "-x ../../test/remotecount --remote 0"}
	args := append([]string{"cluster", "--seed", "3", "--link", "0-1:loss=0.5,latency=400", "--link", "0to2:dup=0.5,jitter=300"}, clients...)
	out, errOut, status := runNachos(t, args...)
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "[0] mv 0 \"total\" = 100, gone=false\n")
	again, _, _ := runNachos(t, args...)
	assert.Equal(t, out, again)

	out, errOut, _ = runNachos(t, append([]string{"cluster", "--link", "1>0:loss=1"}, clients...)...)
	assert.Contains(t, errOut, "[1] nachos: ../../test/remotecount: exited with status -1 (pid 1)\n")
	assert.Contains(t, errOut, "[2] nachos: ../../test/remotecount: exited with status 0 (pid 1)\n")
	assert.Contains(t, out, "[1] Network I/O: packets received 0,")
	assert.Contains(t, out, "[0] mv 0 \"total\" = 50, gone=false\n")
}

// A lock server that crashes (--crash) makes its clients' calls return
// -1 once the network gives up on it: they do not hang.
func TestCrashedLockServerMakesCallsFail(t *testing.T) {
	out, errOut, status := runNachos(t, "cluster", "--crash", "0@30000", "-m 0 --server",
		"-x ../../test/remotecount --remote 0", "-x ../../test/remotecount --remote 0")
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, errOut, "[0] nachos: machine 0 crashed at tick 30000 (--crash)\n")
	assert.Equal(t, 2, strings.Count(out, "remotecount: 10 threads could not take the lock: the server crashed, or lost it\n"), out)
	assert.NotContains(t, out, "[0] Machine halting!")
}

// A machine restarted after a crash boots its program again, with its
// memory gone: the lock server answers again, but knows no lock.
func TestRestartedLockServerHasForgotten(t *testing.T) {
	out, errOut, status := runNachos(t, "cluster", "--crash", "0@30000", "--restart", "0@60000", "-m 0 --server",
		"-x ../../test/remotecount --remote 0")
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, errOut, "[0] nachos: machine 0 restarts at tick 60000 (--restart)\n")
	assert.Contains(t, out, "[1] remotecount: 10 threads could not take the lock: the server crashed, or lost it\n")
	assert.Contains(t, out, "[0] Lock server tables:\n[0] \n", "the rebooted server holds nothing")
	assert.Regexp(t, `\[0\] Network I/O: packets received \d+, sent [1-9]`, out, "and it answers")
}

// serverTables returns the lock server tables machine id printed.
func serverTables(out string, id int) string {
	prefix := fmt.Sprintf("[%d] ", id)
	var lines []string
	in := false
	for line := range strings.Lines(out) {
		switch {
		case line == prefix+"Lock server tables:\n":
			in = true
		case in && strings.HasPrefix(line, prefix+"lock "), in && strings.HasPrefix(line, prefix+"mv "),
			in && strings.HasPrefix(line, prefix+"condition "), in && strings.HasPrefix(line, prefix+"Requests applied"):
			lines = append(lines, strings.TrimPrefix(line, prefix))
		default:
			in = false
		}
	}
	return strings.Join(lines, "")
}

// Three lock servers ordering requests by Lamport timestamps end with the
// same tables, equal to a lone server's, and the count is exact, with a
// packet in five lost.
func TestReplicatedLockServersAgree(t *testing.T) {
	clients := func(flags string) []string {
		var args []string
		for range 5 {
			args = append(args, "-x ../../test/remotecount "+flags)
		}
		return args
	}
	single := append([]string{"cluster", "-l", "0.8", "--seed", "3", "-m 0 --server"}, clients("--remote 0")...)
	out, errOut, status := runNachos(t, single...)
	require.Equal(t, 0, status, errOut)
	want := serverTables(out, 0)
	require.Contains(t, want, "mv 0 \"total\" = 250")

	three := []string{"cluster", "-l", "0.8", "--seed", "3"}
	for id := range 3 {
		three = append(three, fmt.Sprintf("-m %d --server --servers 3", id))
	}
	out, errOut, status = runNachos(t, append(three, clients("--servers 3")...)...)
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "remotecount: my threads are done; the total is 250\n")
	applied := regexp.MustCompile(`\[0\] Requests applied in the group's order: (\d+)`).FindStringSubmatch(out)
	require.NotNil(t, applied, out)
	for id := range 3 {
		assert.Equal(t, want+"Requests applied in the group's order: "+applied[1]+"\n", serverTables(out, id), "server %d", id)
	}
}

// The distributed office: clerks on one machine, customers on three,
// meeting through remote locks, conditions and monitor variables. The
// books balance under one lock server and under three, with a packet in
// five lost.
func TestDistributedOfficeBalances(t *testing.T) {
	people := []string{"-x ../../test/dclerk FLAGS", "-x ../../test/dcustomer FLAGS", "-x ../../test/dcustomer FLAGS", "-x ../../test/dcustomer FLAGS"}
	for servers, flags := range map[int]string{1: "--remote 0", 3: "--servers 3"} {
		args := []string{"cluster", "-l", "0.8", "--seed", "11"}
		for id := range servers {
			args = append(args, fmt.Sprintf("-m %d --server --servers %d", id, servers))
		}
		for _, p := range people {
			args = append(args, strings.ReplaceAll(p, "FLAGS", flags))
		}
		out, errOut, status := runNachos(t, args...)
		require.Equal(t, 0, status, errOut)
		assert.Contains(t, out, fmt.Sprintf("[%d] dclerk: 6 customers, each served once by one of 2 clerks\n", servers), "%d servers", servers)
		assert.Equal(t, 6, strings.Count(out, "leaves, served by clerk"), "%d servers", servers)
		for id := 1; id < servers; id++ {
			assert.Equal(t, serverTables(out, 0), serverTables(out, id))
		}
	}
}
