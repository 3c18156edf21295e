// Copying a source tree into a handout.

package handout

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// skipped are the top-level entries a handout never copies: the
// repository's history, built binaries and earlier handouts.
var skipped = map[string]bool{".git": true, "bin": true, "handout": true}

// Write copies the source tree at src to dst, which must not exist yet,
// replacing the regions sel selects in its Go files. It returns how many
// regions it replaced, and fails if there were none: a handout identical
// to the solution, or a variant nobody wrote, is a mistake.
func Write(src, dst string, sel Selection) (int, error) {
	if _, err := os.Stat(dst); err == nil {
		return 0, fmt.Errorf("%s already exists: remove it, or choose another directory", dst)
	}
	absDst, err := filepath.Abs(dst)
	if err != nil {
		return 0, err
	}
	replaced := 0
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if abs, _ := filepath.Abs(path); abs == absDst || (d.IsDir() && skipped[rel]) {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !info.Mode().IsRegular():
			return nil // symbolic links and the like are not part of the source
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".go") {
			var n int
			if data, n, err = Transform(data, rel, sel); err != nil {
				return err
			}
			replaced += n
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		return 0, err
	}
	if replaced == 0 {
		os.RemoveAll(dst)
		if sel.Variant != "" {
			return 0, fmt.Errorf("%w variant %q: no region has a \"%s %s\" section", errNoRegions, sel.Variant, markBroken, sel.Variant)
		}
		return 0, fmt.Errorf("%w project %d: no region is marked \"%s %d\"", errNoRegions, sel.Project, markBegin, sel.Project)
	}
	return replaced, nil
}
