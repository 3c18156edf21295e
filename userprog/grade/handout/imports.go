// Imports a stub no longer uses.
//
// A stub often needs less than the code it replaces: Exec's stub does
// not look for files, so "io/fs" and "path/filepath" go unused, and Go
// refuses to compile a file with an unused import. Rather than make
// every stub pretend to use them, the handout drops them, as goimports
// would.

package handout

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"regexp"
	"strconv"
)

// majorVersion matches the last element of a module path such as
// go.yaml.in/yaml/v3, which is not the package's name.
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// dropUnusedImports removes the imports src does not use.
func dropUnusedImports(src []byte, name string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	changed := false
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		kept := gen.Specs[:0]
		for _, spec := range gen.Specs {
			imp := spec.(*ast.ImportSpec)
			if !used[importName(imp)] && (imp.Name == nil || imp.Name.Name != "_") {
				changed = true
				continue
			}
			kept = append(kept, spec)
		}
		gen.Specs = kept
	}
	if !changed {
		return src, nil
	}
	// Dropped imports leave their comments and blank lines; printing the
	// tree and formatting again tidies both.
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return format.Source(buf.Bytes())
}

// importName is the name a file uses for an import.
func importName(imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	p, _ := strconv.Unquote(imp.Path.Value)
	name := path.Base(p)
	if majorVersion.MatchString(name) {
		name = path.Base(path.Dir(p))
	}
	return name
}
