// Package network connects simulated machines: clusters of machines under
// one clock (cluster.go), the post office's mailboxes (postoffice.go),
// reliable messages (reliable.go), RPC and a binder (rpc.go, binder.go),
// the lock server and its replicas ordered by Lamport timestamps
// (lockserver.go, replicas.go), machines in separate processes over
// UDP (udp.go), and the command-line spelling of one link's faults
// (links.go). The wire itself, with its faults, is hardware: package
// machine (network.go, wire.go).
//
// A protocol is written as kernel threads that send and receive messages,
// one machine's threads per kernel, and a cluster runs the machines
// together, deterministically:
//
//	c := network.NewCluster(machine.Faults{Loss: 0.1}, seed)
//	c.Wire().SetLinkFaults(machine.LinkFaults{From: 1, To: 2, Faults: machine.Faults{Loss: 1}}) // one bad link
//	for id := range n {
//		k, _ := kernel.New(kernel.Config{Out: out})
//		po, _ := network.NewPostOffice(k, network.Config{Addr: machine.NetworkAddress(id)}, c.Wire())
//		r := network.NewReliable(po) // or use po's unreliable mail directly
//		c.Add(k, machine.NetworkAddress(id))
//		k.Start(func() { node(k, r) }) // the node's first thread; it may Fork more
//	}
//	c.At(5000, func() { c.Crash(2) }) // scenario events at given ticks
//	c.Run()
//
// A thread blocks in Receive like any kernel thread blocks on a
// semaphore; an alarm (machine.AlarmInt, as reliable.go's retransmission
// timer uses) wakes it at a tick. The same seed gives the same run, byte
// for byte.
package network
