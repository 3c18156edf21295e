// Headless Chromium, for the pages nachos writes (nachos view).
//
// A page is tested by loading it in a real browser and reading the DOM
// its script left behind. The page's script says how it went by marking
// its <body>: data-rendered="ok" once everything is drawn, data-error
// with the message if anything threw.

package tooltest

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// browserTimeout bounds one run of the browser, load and render.
const browserTimeout = 90 * time.Second

// Chromium runs headless Chromium on the page at url with args and
// returns what it wrote to standard output. It skips t, or fails it in
// CI, when Chromium is not installed.
func Chromium(t *testing.T, url string, args ...string) []byte {
	t.Helper()
	Require(t, "chromium", "chromium")
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=20000"}, args...)
	cmd := exec.CommandContext(ctx, "chromium", append(all, url)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "chromium took longer than %v on %s", browserTimeout, url)
	require.NoError(t, err, "chromium: %s", errOut.String())
	return out.Bytes()
}

// RenderedDOM loads the page at url and returns the DOM after its script
// ran, failing t if the script threw or did not finish.
func RenderedDOM(t *testing.T, url string) string {
	t.Helper()
	dom := string(Chromium(t, url, "--dump-dom"))
	body := regexp.MustCompile(`<body[^>]*>`).FindString(dom)
	require.NotContains(t, body, "data-error", "the script failed")
	require.Contains(t, body, `data-rendered="ok"`, "the script did not finish drawing")
	return dom
}
