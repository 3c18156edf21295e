// Reading a numbering written in YAML.
//
// A YAML numbering gives each call's code, and may say how calls pass
// their arguments: by default for every call that takes a name (names)
// or an object (objects), and call by call (args):
//
//	names: name+length        # Create, Open, Exec, CreateLock...: name or name+length
//	objects: index            # Acquire, Wait, P, GetMV...: index, name or name+length
//	calls:
//	  Halt: 0
//	  CreateLock: 11
//	  AcquireLock: {code: 13, args: name}   # the lock by its name
//
// The file is read as a tree of nodes rather than decoded into a struct,
// so that every error can name the line it is about.

package abifile

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"

	"nachos/userprog"
)

// parseYAML reads a YAML numbering.
func parseYAML(path string, data []byte) (userprog.ABISpec, error) {
	var spec userprog.ABISpec
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return spec, fmt.Errorf("%s: %w", path, err) // yaml's errors name the line
	}
	if len(doc.Content) == 0 {
		return spec, fmt.Errorf("%s: is empty; it needs at least calls:", path)
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return spec, fmt.Errorf("%s: must be a mapping with the keys names, objects and calls", where(path, top.Line))
	}
	for i := 0; i < len(top.Content); i += 2 {
		key, value := top.Content[i], top.Content[i+1]
		var err error
		switch key.Value {
		case "names":
			spec.Names, err = style(path, value)
			if spec.Names == userprog.ArgsIndex {
				err = fmt.Errorf("%s: names: a name is passed as name or name+length, not index (index is for objects)", where(path, value.Line))
			}
		case "objects":
			spec.Objects, err = style(path, value)
		case "calls":
			spec.Calls, err = calls(path, value)
		default:
			err = fmt.Errorf("%s: unknown key %q (the keys are names, objects and calls)", where(path, key.Line), key.Value)
		}
		if err != nil {
			return spec, err
		}
	}
	if len(spec.Calls) == 0 {
		return spec, fmt.Errorf("%s: names no calls; list them under calls:, as Halt: 0", path)
	}
	return spec, nil
}

// style reads an argument style: name, name+length or index.
func style(path string, n *yaml.Node) (userprog.ArgStyle, error) {
	s, err := userprog.ParseArgStyle(n.Value)
	if err != nil || n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("%s: %q is not a way of passing arguments: use name, name+length or index", where(path, n.Line), n.Value)
	}
	return s, nil
}

// calls reads the calls mapping: each name maps to a code, or to
// {code: N, args: STYLE}.
func calls(path string, n *yaml.Node) ([]userprog.CallCode, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: calls must map each call's name to its code, as Halt: 0", where(path, n.Line))
	}
	var cs []userprog.CallCode
	for i := 0; i < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		c := userprog.CallCode{Name: key.Value, Where: where(path, key.Line)}
		var err error
		switch value.Kind {
		case yaml.ScalarNode:
			c.Code, err = code(path, key.Value, value)
		case yaml.MappingNode:
			err = callFields(path, &c, value)
		default:
			err = fmt.Errorf("%s: %s must be a code, or {code: N, args: STYLE}", where(path, value.Line), key.Value)
		}
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// callFields reads {code: N, args: STYLE} into c.
func callFields(path string, c *userprog.CallCode, n *yaml.Node) error {
	hasCode := false
	for i := 0; i < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		var err error
		switch key.Value {
		case "code":
			c.Code, err = code(path, c.Name, value)
			hasCode = true
		case "args":
			c.Args, err = style(path, value)
		default:
			err = fmt.Errorf("%s: unknown key %q for %s (the keys are code and args)", where(path, key.Line), key.Value, c.Name)
		}
		if err != nil {
			return err
		}
	}
	if !hasCode {
		return fmt.Errorf("%s: %s has no code", c.Where, c.Name)
	}
	return nil
}

// code reads a call's code.
func code(path, name string, n *yaml.Node) (int, error) {
	v, err := strconv.ParseInt(n.Value, 0, 32)
	if err != nil || n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("%s: the code of %s is %q, not a number", where(path, n.Line), name, n.Value)
	}
	return int(v), nil
}
