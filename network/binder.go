// The binder: a name service, for dynamic binding.
//
// A server does not have to be at an address every client knows in
// advance. It registers its service under a name with the binder, which
// is at a well-known place (box BinderBox of a machine everyone is told
// about); a client asks the binder for the name and then calls the
// address it got. The binder is itself an RPC server.

package network

import (
	"fmt"

	"nachos/machine"
)

// Binder procedures.
const (
	binderRegister = iota
	binderLookup
)

// StartBinder serves the name service on this machine, in BinderBox.
func StartBinder(r *Reliable) {
	names := map[string][2]int32{}
	Serve(r, BinderBox, "binder", func(req Request) ([]byte, bool) {
		d := NewDecoder(req.Args)
		var out Encoder
		switch name := d.String(); {
		case d.Err() != nil:
			out.Int(-1)
		case req.Proc == binderRegister:
			names[name] = [2]int32{int32(req.From), d.Int()}
			out.Int(0)
		case req.Proc == binderLookup:
			if a, ok := names[name]; ok {
				out.Int(0).Int(a[0]).Int(a[1])
			} else {
				out.Int(-1)
			}
		}
		return out.Bytes(), true
	})
}

// Register tells the binder on machine binder that this machine serves
// name in box.
func (c *Client) Register(binder machine.NetworkAddress, name string, box MailBoxAddress) error {
	var e Encoder
	reply, err := c.Call(binder, BinderBox, binderRegister, e.String(name).Int(int32(box)).Bytes())
	if err == nil && NewDecoder(reply).Int() != 0 {
		err = fmt.Errorf("the binder refused to register %q", name)
	}
	return err
}

// Lookup asks the binder on machine binder where name is served.
func (c *Client) Lookup(binder machine.NetworkAddress, name string) (machine.NetworkAddress, MailBoxAddress, error) {
	var e Encoder
	reply, err := c.Call(binder, BinderBox, binderLookup, e.String(name).Bytes())
	if err != nil {
		return 0, 0, err
	}
	d := NewDecoder(reply)
	if d.Int() != 0 {
		return 0, 0, fmt.Errorf("no service %q is registered with the binder on machine %d", name, binder)
	}
	m, box := d.Int(), d.Int()
	return machine.NetworkAddress(m), MailBoxAddress(box), d.Err()
}
