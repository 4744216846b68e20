package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// choreCSV has one type no table knows (Chore) and one Jira's table knows.
const choreCSV = "Issue key,Issue Type,Summary,Status,Created\n" +
	"OPS-1,Spike,Try the new broker,In Progress,2026-02-03 09:00\n" +
	"OPS-2,Chore,Tidy the runbook,To Do,2026-02-04 09:00\n"

// postImport sends choreCSV as a dry run, with the "types" field when it is
// not empty, and decodes the answer.
func postImport(t *testing.T, url, types string) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "ops.csv")
	fw.Write([]byte(choreCSV))
	if types != "" {
		mw.WriteField("types", types)
	}
	mw.Close()
	res, err := http.Post(url+"/api/import?dryRun=true", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, out
}

func TestImportTypesField(t *testing.T) {
	srv, _, _ := newServer(t)
	tests := []struct {
		name      string
		types     string
		status    int
		wantType  string // the type the report gives Chore
		wantError string // part of the message
	}{
		{name: "None", status: 200, wantType: ""},
		{name: "Chosen", types: `{"Chore":"task"}`, status: 200, wantType: "task"},
		{name: "CaseOfTheValue", types: `{"chore":"Task"}`, status: 200, wantType: "task"},
		{name: "NotAType", types: `{"Chore":"chores"}`, status: 400, wantError: `"chores" is not an item type (chosen for "Chore")`},
		{name: "NotJSON", types: `Chore=task`, status: 400, wantError: "not a JSON object"},
		{name: "EmptyRaw", types: `{" ":"task"}`, status: 400, wantError: "names no raw type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, out := postImport(t, srv.URL, tc.types)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %v", status, tc.status, out)
			}
			if tc.wantError != "" {
				msg, _ := out["error"].(map[string]any)["message"].(string)
				if !strings.Contains(msg, tc.wantError) {
					t.Fatalf("message %q, want it to contain %q", msg, tc.wantError)
				}
				return
			}
			file := out["files"].([]any)[0].(map[string]any)
			seen := file["unknown_types"].([]any)
			if len(seen) != 1 {
				t.Fatalf("unknown types %v, want Chore alone", seen)
			}
			u := seen[0].(map[string]any)
			if u["rawType"] != "Chore" || u["count"] != 1.0 || u["type"] != tc.wantType {
				t.Fatalf("unknown type %v, want Chore on 1 row taken as %q", u, tc.wantType)
			}
		})
	}
}
