package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command in-process and returns exit code, stdout, stderr.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemoAndCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, stderr := runCLI("demo", "--db", db)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "3 programs, 9 teams, 4 PIs") {
		t.Fatalf("demo output = %q", out)
	}
	code, out, stderr = runCLI("check", "--db", db)
	if code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check: exit %d: %s %s", code, out, stderr)
	}
	code, out, _ = runCLI("check", "--db", db, "--json")
	var rep struct {
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || !rep.OK || len(rep.Problems) != 0 {
		t.Fatalf("check --json: exit %d: %s", code, out)
	}

	t.Run("ExistingFileNeedsForce", func(t *testing.T) {
		if code, _, stderr := runCLI("demo", "--db", db); code != 2 || !strings.Contains(stderr, "--force") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if code, _, stderr := runCLI("demo", "--db", db, "--force", "--seed", "2"); code != 0 {
			t.Fatalf("--force: exit %d: %s", code, stderr)
		}
	})
}

func TestCheckFindsProblems(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, stderr := runCLI("demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	// Break a foreign key behind the store's back (foreign keys off on this
	// connection), as a hand edit or a buggy tool would.
	breakForeignKey(t, db)
	code, _, stderr := runCLI("check", "--db", db)
	if code != 1 || !strings.Contains(stderr, "foreign key") {
		t.Fatalf("check on a broken file: exit %d, stderr %q", code, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoCommand", nil, 2, "usage"},
		{"UnknownCommand", []string{"frobnicate"}, 2, "unknown command"},
		{"DemoWithoutDB", []string{"demo"}, 2, "--db is required"},
		{"BadScale", []string{"demo", "--db", filepath.Join(dir, "x.db"), "--scale", "huge"}, 2, "--scale"},
		{"UnknownFlag", []string{"check", "--db", "x", "--nope"}, 2, "nope"},
		{"CheckMissingFile", []string{"check", "--db", filepath.Join(dir, "missing.db")}, 1, "missing.db"},
		{"CheckForeignFile", []string{"check", "--db", text}, 1, "not a Throughline portfolio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.code, stderr, tt.want)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Fatalf("error is not one line: %q", stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(out, "throughline ") || !strings.Contains(out, "SQLite 3.") {
		t.Fatalf("version: %d %q", code, out)
	}
}
