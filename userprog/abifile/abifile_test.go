package abifile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/userprog"
)

// write puts text in a file called name in a fresh directory and returns
// its path.
func write(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

// Our own test/syscall.h, read as a course's, is the nachos3 numbering.
func TestOurSyscallHIsNachos3(t *testing.T) {
	abi, err := Find("../../test/syscall.h")
	require.NoError(t, err)
	assert.Equal(t, userprog.ABIs[0].Table(), abi.Table())
}

// Courses write their syscall.h in many ways; only the #define SC_ lines
// count, and their names are matched through the aliases.
func TestHeaderStyles(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"tabs and comments", "#define SC_Halt\t0\t/* stop */\n#define SC_Exit  1 // end\n",
			[]string{"0 Halt", "1 Exit"}},
		{"spaces after the hash, parentheses, hex", "# define SC_Halt (0)\n#  define SC_CreateLock 0x10\n",
			[]string{"0 Halt", "16 CreateLock"}},
		{"aliases and other cases", "#define SC_AcquireLock 18\n#define SC_LockRelease 19\n#define SC_CREATECV 20\n#define SC_ThreadFork 9\n",
			[]string{"9 ThreadFork (Fork)", "18 AcquireLock (Acquire)", "19 LockRelease (Release)", "20 CREATECV (CreateCondition)"}},
		{"a call this kernel lacks", "#define SC_Halt 0\n#define SC_NetSend 40\n",
			[]string{"0 Halt", "40 NetSend (not in this kernel)"}},
		{"defines in comments do not count", "/* old numbering:\n#define SC_Halt 7\n*/\n#define SC_Halt 0 /* #define SC_Exit 9 */\n// #define SC_Exit 8\n",
			[]string{"0 Halt"}},
		{"everything else is ignored", "#ifndef SYSCALLS_H\n#define SYSCALLS_H\n#include \"copyright.h\"\n#define SC_Halt 0\nvoid Halt();\n#define MAXLOCKS 100\ntypedef int OpenFileId;\n#endif\n",
			[]string{"0 Halt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			abi, err := Load(write(t, "syscall.h", c.text))
			require.NoError(t, err)
			assert.Equal(t, c.want, abi.Table())
		})
	}
}

// A YAML numbering says how calls pass their arguments, for all calls
// that take a name or an object, and call by call.
func TestYAMLStyles(t *testing.T) {
	abi, err := Load(write(t, "course.yaml", `# a course
names: name+length
objects: name
calls:
  Halt: 0
  Create: 4
  Exec: {code: 2, args: name}
  CreateLock: 11
  CreateCV: {code: 12, args: index}
  Acquire: 13
  Release: {code: 14, args: index}
  Read: 0x6
`))
	require.NoError(t, err)
	assert.Equal(t, []string{"0 Halt", "2 Exec (name)", "4 Create (name+length)", "6 Read",
		"11 CreateLock (name+length)", "12 CreateCV (CreateCondition, index)", "13 Acquire (name)", "14 Release (index)"}, abi.Table())

	abi, err = Load(write(t, "plain.yml", "calls: {Halt: 0, AcquireLock: 3}\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"0 Halt", "3 AcquireLock (Acquire)"}, abi.Table())
}

// A bad file is an error naming the file and the line.
func TestBadFiles(t *testing.T) {
	cases := []struct {
		name, file, text, want string
	}{
		{"not a number", "syscall.h", "#define SC_Halt 0\n#define SC_Exit SC_Halt+1\n", `syscall.h:2: SC_Exit is defined as "SC_Halt+1", not a number`},
		{"no value", "syscall.h", "#define SC_Halt\n", `syscall.h:1: SC_Halt is defined as "", not a number`},
		{"defined twice", "syscall.h", "#define SC_Halt 0\n\n#define SC_halt 1\n", "syscall.h:3: SC_halt is defined twice (first on line 1)"},
		{"two calls, one code", "syscall.h", "#define SC_Halt 0\n#define SC_Exit 0\n", "syscall.h:2: code 0 is given to Exit and also to Halt (" /* path:1) */},
		{"negative code", "syscall.h", "#define SC_Halt -1\n", "syscall.h:1: Halt has code -1, but codes go from 0 to 1023"},
		{"absurd code", "syscall.h", "#define SC_Halt 100000\n", "syscall.h:1: Halt has code 100000"},
		{"no calls", "syscall.h", "int Halt(void);\n", "syscall.h: has no #define SC_Name N lines"},
		{"YAML syntax", "abi.yaml", "calls:\n  Halt: [0\n", "abi.yaml: yaml: line "},
		{"YAML unknown key", "abi.yaml", "calls: {Halt: 0}\nstyle: name\n", `abi.yaml:2: unknown key "style"`},
		{"YAML bad style", "abi.yaml", "names: pointer\ncalls: {Halt: 0}\n", `abi.yaml:1: "pointer" is not a way of passing arguments`},
		{"YAML names by index", "abi.yaml", "names: index\ncalls: {Halt: 0}\n", "abi.yaml:1: names: a name is passed as name or name+length, not index"},
		{"YAML bad code", "abi.yaml", "calls:\n  Halt: zero\n", `abi.yaml:2: the code of Halt is "zero", not a number`},
		{"YAML call without code", "abi.yaml", "calls:\n  Halt: 0\n  Acquire: {args: name}\n", "abi.yaml:3: Acquire has no code"},
		{"YAML style of a plain call", "abi.yaml", "calls:\n  Halt: 0\n  Read: {code: 6, args: name}\n", "abi.yaml:3: Read cannot pass its arguments as name (it takes no name or object)"},
		{"YAML file by index", "abi.yaml", "calls:\n  Open: {code: 5, args: index}\n", "abi.yaml:2: Open cannot pass its arguments as index"},
		{"YAML style of a missing call", "abi.yaml", "calls:\n  NetSend: {code: 40, args: name}\n", "abi.yaml:2: NetSend is not a call this kernel has"},
		{"YAML no calls", "abi.yaml", "names: name\n", "abi.yaml: names no calls"},
		{"YAML calls a list", "abi.yaml", "calls: [Halt]\n", "abi.yaml:1: calls must map each call's name to its code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := write(t, c.file, c.text)
			abi, err := Load(path)
			require.Error(t, err)
			assert.Nil(t, abi)
			assert.Contains(t, err.Error(), "--abi: "+filepath.Dir(path)+"/"+c.want)
		})
	}
}

// --abi takes the built-in names first, then files; a name that is
// neither says what it can be.
func TestFind(t *testing.T) {
	abi, err := Find("usc")
	require.NoError(t, err)
	assert.Equal(t, "usc", abi.Name)
	_, err = Find("nachos5")
	assert.ErrorContains(t, err, `no system call numbering called "nachos5" (choose nachos3, nachos4 or usc, or name a course's syscall.h or a YAML file)`)
	_, err = Find(t.TempDir())
	assert.ErrorContains(t, err, "is a directory")
}
