package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportTypeFlag(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "ops.csv")
	os.WriteFile(csv, []byte("Issue key,Issue Type,Summary,Status,Created\n"+
		"OPS-1,Spike,Try the new broker,In Progress,2026-02-03 09:00\n"+
		"OPS-2,Chore,Tidy the runbook,To Do,2026-02-04 09:00\n"+
		"OPS-3,Chore,Rename the alerts,To Do,2026-02-05 09:00\n"), 0o644)
	type report struct {
		Files []struct {
			ItemsCreated int `json:"items_created"`
			RowsRejected int `json:"rows_rejected"`
			UnknownTypes []struct {
				RawType string `json:"rawType"`
				Count   int    `json:"count"`
				Type    string `json:"type"`
			} `json:"unknown_types"`
		} `json:"files"`
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		created  int
		rejected int
		chore    string // the type the report gives Chore
		stderr   string // part of stderr
	}{
		{name: "Unknown", args: []string{"--dry-run"}, code: 1, created: 1, rejected: 2},
		{name: "Chosen", args: []string{"--dry-run", "--type", "Chore=task"}, code: 0, created: 3, chore: "task"},
		{name: "ChosenTwiceLastWins", args: []string{"--dry-run", "--type", "Chore=bug", "--type", "Chore = Debt"}, code: 0, created: 3, chore: "debt"},
		{name: "NotAType", args: []string{"--type", "Chore=chores"}, code: 2, stderr: `"chores" is not an item type`},
		{name: "NoEquals", args: []string{"--type", "Chore"}, code: 2, stderr: `e.g. --type "Chore=task"`},
		{name: "NoRawType", args: []string{"--type", "=task"}, code: 2, stderr: "names no raw type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			args := append(append([]string{"import", "--db", db, "--json"}, tc.args...), csv)
			code, out, stderr := runCLI(args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tc.code, stderr, tc.stderr)
			}
			if tc.code == 2 {
				return
			}
			var rep report
			if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 1 {
				t.Fatalf("report %q: %v", out, err)
			}
			f := rep.Files[0]
			if f.ItemsCreated != tc.created || f.RowsRejected != tc.rejected {
				t.Errorf("created %d, rejected %d; want %d, %d", f.ItemsCreated, f.RowsRejected, tc.created, tc.rejected)
			}
			if len(f.UnknownTypes) != 1 || f.UnknownTypes[0].RawType != "Chore" || f.UnknownTypes[0].Count != 2 || f.UnknownTypes[0].Type != tc.chore {
				t.Errorf("unknown types %+v, want Chore on 2 rows taken as %q", f.UnknownTypes, tc.chore)
			}
		})
	}

	t.Run("TextReportNamesTheFlag", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "p.db")
		code, _, stderr := runCLI("import", "--db", db, "--dry-run", csv)
		if code != 1 || !strings.Contains(stderr, `item type "Chore" (2 rows, first at row 3)`) || !strings.Contains(stderr, `--type "Chore=TYPE"`) {
			t.Fatalf("exit %d, stderr %q: want the unknown type, its rows and the flag", code, stderr)
		}
	})

	t.Run("SavedForTheNextImport", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "p.db")
		if code, _, stderr := runCLI("import", "--db", db, "--type", "chore=task", csv); code != 0 {
			t.Fatalf("import with --type: exit %d: %s", code, stderr)
		}
		code, out, stderr := runCLI("import", "--db", db, "--json", "--dry-run", csv)
		var rep report
		if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Files[0].RowsRejected != 0 || rep.Files[0].UnknownTypes[0].Type != "task" {
			t.Fatalf("the next import did not take Chore as task: exit %d, %s %s", code, out, stderr)
		}
	})
}
