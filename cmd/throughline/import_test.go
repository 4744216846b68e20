package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/intake"
)

// TestImportTextProblems: the text report's problem lines put the value in
// front of a reason about it, as the Import screen does, and a file that
// cannot be read is named once.
func TestImportTextProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	jira := write("jira.csv", "Issue key,Issue Type,Summary,Status,Created\n"+
		"OPS-1,Chore,Tidy the runbook,To Do,2026-02-04 09:00\n"+
		"OPS-2,Story,Rename the alerts,To Do,someday\n")
	ops := write("ops.csv", "Foo,Bar\n1,2\n")
	empty := write("empty.csv", "")

	t.Run("ValueBeforeReason", func(t *testing.T) {
		code, _, stderr := runCLI("import", "--db", filepath.Join(t.TempDir(), "p.db"), "--dry-run", jira)
		if code != 1 {
			t.Fatalf("exit %d, want 1: %s", code, stderr)
		}
		for _, want := range []string{
			jira + `, row 2, column B (Issue Type): rejected: "Chore" is not an item type`,
			jira + `, row 3, column E (Created): rejected: "someday" is not a date`,
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if strings.Contains(stderr, "rejected: is ") {
			t.Errorf("a reason is printed without its value:\n%s", stderr)
		}
	})

	t.Run("UnreadableFileNamedOnce", func(t *testing.T) {
		code, out, stderr := runCLI("import", "--db", filepath.Join(t.TempDir(), "p.db"), "--dry-run", ops, empty)
		if code != 1 || out != "" {
			t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if len(lines) != 2 ||
			!strings.HasPrefix(lines[0], ops+": the columns were not recognised") ||
			!strings.HasPrefix(lines[1], empty+" is empty (0 bytes)") {
			t.Fatalf("stderr %q: want each file named once, as given, then what is wrong", stderr)
		}
		if strings.Count(stderr, "ops.csv") != 1 || strings.Count(stderr, "empty.csv") != 1 {
			t.Fatalf("a file is named more than once: %q", stderr)
		}
	})
}

func TestReasonText(t *testing.T) {
	long := strings.Repeat("é", 45)
	for _, tc := range []struct {
		value, reason, want string
	}{
		{"Chore", "is not an item type.", `"Chore" is not an item type.`},
		{"  Chore ", " is not an item type. ", `"Chore" is not an item type.`},
		{"", "is missing; the row is rejected.", "Is missing; the row is rejected."},
		{"x", "The row has no key.", "The row has no key."},
		{long, "is too long.", `"` + strings.Repeat("é", 39) + `…" is too long.`},
		{"a\"b", "is odd.", `"a\"b" is odd.`},
	} {
		if got := reasonText(intake.Problem{Value: tc.value, Reason: tc.reason}); got != tc.want {
			t.Errorf("reasonText(%q, %q) = %q, want %q", tc.value, tc.reason, got, tc.want)
		}
	}
	for _, tc := range []struct{ path, msg, want string }{
		{"in/ops.csv", "ops.csv: the columns…", "in/ops.csv: the columns…"},
		{"in/ops.xlsx", `ops.xlsx, sheet "A" has no data.`, `in/ops.xlsx, sheet "A" has no data.`},
		{"ops.csv", "ops.csv is empty (0 bytes).", "ops.csv is empty (0 bytes)."},
		{"ops.csv", "3 rows were rejected, so nothing from ops.csv was stored.", "ops.csv: 3 rows were rejected, so nothing from ops.csv was stored."},
		{"ops", "opsy is not a word.", "ops: opsy is not a word."},
	} {
		if got := fileErrorLine(tc.path, tc.msg); got != tc.want {
			t.Errorf("fileErrorLine(%q, %q) = %q, want %q", tc.path, tc.msg, got, tc.want)
		}
	}
}
