// The network flags of a machine: its id, the mail test, the packet size,
// and how to reach the other machines.

package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"nachos/machine"
	"nachos/network"
	"nachos/userprog"
)

// netOptions are a machine's network flags.
type netOptions struct {
	id          int
	other       int // -o: run the mail test with this machine; -1 for none
	reliability float64
	maxWireSize int
	peers       string
	server      bool // --server: serve locks, conditions and monitor variables
	remote      int  // --remote ID: use the lock server on machine ID; -1 for none
	servers     int  // --servers N: the lock servers are N machines, from --remote's (or 0) on
}

func (n *netOptions) addFlags(f *pflag.FlagSet) {
	f.IntVarP(&n.id, "machine-id", "m", 0, "this machine's id on the network (0 to 1023)")
	f.IntVarP(&n.other, "mail-test", "o", -1, "run Nachos's mail test with the machine of this id")
	f.Float64VarP(&n.reliability, "reliability", "l", 1, "the chance that a packet this machine sends arrives, from 0 to 1 (Nachos's -l)")
	f.IntVar(&n.maxWireSize, "max-wire-size", machine.DefaultMaxWireSize, "bytes in one packet, header included (Nachos's MaxWireSize)")
	f.BoolVar(&n.server, "server", false, "make this machine a lock server: it keeps the locks, conditions and monitor variables of programs on other machines")
	f.IntVar(&n.remote, "remote", -1, "send this machine's lock, condition and monitor-variable calls to the lock server on machine ID")
	f.IntVar(&n.servers, "servers", 1, "the lock servers are N machines, from --remote's id (or 0) on, ordering requests by Lamport timestamps")
	f.StringVar(&n.peers, "peers", "", `run on a real network: "ID=HOST:PORT,..." or a file with one "ID HOST:PORT" a line, naming every machine's UDP address`)
}

// addWireFlags adds the flags of a simulated wire's faults, which nachos
// cluster and nachos dist share (each gives the loss its own way).
// --link gives one link faults of its own; parseLinks reads them once
// the wire's are known.
func addWireFlags(f *pflag.FlagSet, faults *machine.Faults, links *[]string) {
	f.Int64Var(&faults.Latency, "latency", machine.NetworkTime, "ticks a packet takes on the wire, at least 1")
	f.Int64Var(&faults.Jitter, "jitter", 0, "up to this many ticks more, at random (reorders packets)")
	f.Float64Var(&faults.Duplicate, "duplicate", 0, "the chance that a packet arrives twice")
	f.Float64Var(&faults.Reorder, "reorder", 0, "the chance that a packet is held back for later ones to overtake")
	f.StringArrayVar(links, "link", nil, "faults of one link in place of the wire's, FROM-TO:FAULTS (both ways) or FROMtoTO:FAULTS (one way), e.g. 1-2:loss=0.5 or 2to3:latency=800,dup=0.1; faults: loss, dup, reorder, latency, jitter (repeatable)")
}

// parseLinks reads the --link flags; the faults they do not name are the
// wire's.
func parseLinks(specs []string, wire machine.Faults) ([]machine.LinkFaults, error) {
	var links []machine.LinkFaults
	for _, s := range specs {
		l, err := network.ParseLinkFaults(s, wire)
		if err != nil {
			return nil, err
		}
		links = append(links, l...)
	}
	return links, nil
}

// checkLatency refuses --latency 0, which the wire would take for its
// default latency rather than for none.
func checkLatency(f machine.Faults) error {
	if f.Latency < 1 {
		return fmt.Errorf("--latency %d: a packet takes at least 1 tick", f.Latency)
	}
	return nil
}

// mailTest says whether -o asked for the mail test.
func (n netOptions) mailTest() bool { return n.other >= 0 }

// check refuses network flags that cannot mean anything.
func (n netOptions) check() error {
	switch {
	case n.id < 0 || n.id >= machine.MaxMachines:
		return fmt.Errorf("-m %d: a machine id is from 0 to %d", n.id, machine.MaxMachines-1)
	case n.other >= machine.MaxMachines:
		return fmt.Errorf("-o %d: a machine id is from 0 to %d", n.other, machine.MaxMachines-1)
	case n.remote >= machine.MaxMachines:
		return fmt.Errorf("--remote %d: a machine id is from 0 to %d", n.remote, machine.MaxMachines-1)
	case n.servers < 1 || n.firstServer()+n.servers > machine.MaxMachines:
		return fmt.Errorf("--servers %d: give the number of lock servers, machines %d and on", n.servers, n.firstServer())
	case n.server && n.servers > 1 && n.id >= n.servers:
		return fmt.Errorf("-m %d --server --servers %d: the lock servers are machines 0 to %d", n.id, n.servers, n.servers-1)
	case n.reliability < 0 || n.reliability > 1:
		return fmt.Errorf("-l %g: the reliability is a probability, from 0 to 1", n.reliability)
	}
	return machine.CheckWireSize(n.maxWireSize)
}

// meetTimeout is how long a machine on a real network waits for the
// others to start.
const meetTimeout = 60 * time.Second

// link returns the real network the flags ask for, or nil for none, once
// every machine named in --peers is listening.
func (n netOptions) link() (*network.UDPLink, error) {
	if n.peers == "" {
		return nil, nil
	}
	peers, err := network.ParsePeers(n.peers)
	if err != nil {
		return nil, err
	}
	l, err := network.NewUDPLink(machine.NetworkAddress(n.id), peers, 1-n.reliability)
	if err != nil {
		return nil, err
	}
	if err := l.Meet(meetTimeout); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// postOffice gives the kernel's machine a network interface on link and
// a post office.
func (n netOptions) postOffice(k *userprog.Kernel, link machine.Link) (*network.PostOffice, error) {
	return network.NewPostOffice(k.Kernel, network.Config{Addr: machine.NetworkAddress(n.id), MaxWireSize: n.maxWireSize}, link)
}

// usesServer says whether the machine's programs use lock servers.
func (n netOptions) usesServer() bool { return n.remote >= 0 || n.servers > 1 && !n.server }

// firstServer is the id of the first lock server.
func (n netOptions) firstServer() int { return max(n.remote, 0) }

// lockServers are the machines of the lock service.
func (n netOptions) lockServers() []machine.NetworkAddress {
	var ids []machine.NetworkAddress
	for i := range n.servers {
		ids = append(ids, machine.NetworkAddress(n.firstServer()+i))
	}
	return ids
}

// serve makes the machine a lock server. When the machine halts, it
// prints the server's tables.
func (n netOptions) serve(k *userprog.Kernel, po *network.PostOffice) {
	s, err := network.StartLockServer(network.NewReliable(po), n.lockServers())
	if err != nil {
		k.Fatalf("--server: %v", err)
	}
	before := k.BeforeHalt
	k.BeforeHalt = func() {
		if before != nil {
			before()
		}
		fmt.Fprintf(k.Out, "Lock server tables:\n%s\n", s.Tables())
		if n.servers > 1 {
			fmt.Fprintf(k.Out, "Requests applied in the group's order: %d\n", s.Applied())
		}
	}
}
