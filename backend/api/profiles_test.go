package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/sqlite"
)

// opsCSV is a team's own tracker: no format knows its headers.
const opsCSV = "Ticket,What,Kind,Squad,State,Opened\n" +
	"OPS-1,Rotate certificates,Task,Ops Crew,Done,2026-03-02\n" +
	"OPS-2,Pager storm after deploy,Bug,Ops Crew,In Progress,2026-03-04\n" +
	"OPS-3,Runbook for failover,Story,Ops Crew,Done,2026-03-05\n"

const opsProfile = `{"name":"Ops tracker","format":"template","columns":{"Ticket":"key","What":"title","Kind":"type","Squad":"team","State":"status","Opened":"created"}}`

// apiError is the API's error body.
type apiError struct {
	Error struct{ Code, Message string }
}

// send makes a request with a JSON body (none when body is "") and decodes the answer into v.
func send(t *testing.T, method, url, body string, v any) int {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s %s: %v (%s)", method, url, err, b)
	}
	return res.StatusCode
}

// upload posts a file (and other form fields) as the UI does and decodes the answer into v.
func upload(t *testing.T, url, name, data string, fields map[string]string, v any) int {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(data))
	for k, val := range fields {
		mw.WriteField(k, val)
	}
	mw.Close()
	res, err := http.Post(url, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v (%s)", url, err, b)
	}
	return res.StatusCode
}

type profileList struct {
	Names    []string
	Profiles []struct {
		Name    string
		Format  string
		Columns map[string]string
		Problem string
	}
}

func TestImportFormats(t *testing.T) {
	srv, _, _ := newServer(t)
	var out struct {
		Formats []struct {
			Format, Variant, Name, Kind string
			AnyOf                       []string
			Roles                       []struct {
				Role, Name         string
				Required, Repeated bool
			}
		}
	}
	if code := getJSON(t, srv.URL+"/api/import/formats", &out); code != 200 {
		t.Fatalf("status %d", code)
	}
	seen := map[string]bool{}
	for _, f := range out.Formats {
		seen[f.Format+"/"+f.Variant] = true
		if f.AnyOf == nil || len(f.Roles) == 0 || f.Name == "" {
			t.Errorf("%s: %+v", f.Format, f)
		}
		if f.Format == "template" {
			if r := f.Roles[0]; r.Role != "key" || r.Name != "Key" || !r.Required || r.Repeated {
				t.Errorf("template's first role = %+v", r)
			}
		}
	}
	for _, k := range []string{"template/", "jira/", "ado/", "rally/", "stages/", "jira_history/field-changes", "jira_history/status-dates", "incidents/"} {
		if !seen[k] {
			t.Errorf("no format %s", k)
		}
	}
}

func TestMappingProfiles(t *testing.T) {
	srv, ws, _ := newServer(t)
	base := srv.URL + "/api/mappings/profiles"

	var list profileList
	if code := getJSON(t, base, &list); code != 200 || list.Names == nil || len(list.Profiles) != 0 {
		t.Fatalf("empty list: %d %+v", code, list)
	}

	var saved struct{ Profile struct{ Name, Format string } }
	if code := send(t, "PUT", base, opsProfile, &saved); code != 200 || saved.Profile.Name != "Ops tracker" || saved.Profile.Format != "template" {
		t.Fatalf("save: %d %+v", code, saved)
	}
	// Another case of the same name replaces it and keeps the saved spelling; POST saves too.
	again := strings.Replace(strings.Replace(opsProfile, `"Ops tracker"`, `"  OPS TRACKER "`, 1), `"Opened":"created"`, `"Opened":"created","Notes":""`, 1)
	if code := send(t, "POST", base, again, &saved); code != 200 || saved.Profile.Name != "Ops tracker" {
		t.Fatalf("save again: %d %+v", code, saved)
	}
	if code := getJSON(t, base, &list); code != 200 || len(list.Profiles) != 1 || list.Names[0] != "Ops tracker" {
		t.Fatalf("list: %d %+v", code, list)
	}
	if p := list.Profiles[0]; p.Format != "template" || len(p.Columns) != 6 || p.Columns["Squad"] != "team" || p.Problem != "" {
		t.Fatalf("listed profile = %+v (the column given no role is not kept)", p)
	}

	t.Run("Invalid", func(t *testing.T) {
		cases := []struct{ name, body, want string }{
			{"NoName", strings.Replace(opsProfile, `"Ops tracker"`, `"  "`, 1), "needs a name"},
			{"LongName", strings.Replace(opsProfile, `"Ops tracker"`, `"`+strings.Repeat("x", 81)+`"`, 1), "longer than 80 characters"},
			{"ControlCharacter", strings.Replace(opsProfile, `"Ops tracker"`, `"Ops\ntracker"`, 1), "line break"},
			{"UnknownFormat", strings.Replace(opsProfile, `"template"`, `"spreadsheet"`, 1), `"spreadsheet", which is not a format`},
			{"UnknownRole", strings.Replace(opsProfile, `"Squad":"team"`, `"Squad":"squad"`, 1), `column "Squad" is mapped to "squad"`},
			{"RequiredMissing", strings.Replace(opsProfile, `,"Opened":"created"`, ``, 1), "needs a column for Created (created)"},
			{"UnknownField", strings.Replace(opsProfile, `"name"`, `"title":"x","name"`, 1), "not valid JSON"},
		}
		for _, c := range cases {
			var e apiError
			if code := send(t, "PUT", base, c.body, &e); code != 400 || e.Error.Code != "invalid" || !strings.Contains(e.Error.Message, c.want) {
				t.Errorf("%s: %d %+v, want 400 saying %q", c.name, code, e, c.want)
			}
		}
	})

	t.Run("AStoredProfileThatCannotBeUsedSaysWhy", func(t *testing.T) {
		err := ws.With(func(db *sqlite.DB, _ uint64) error {
			return db.SaveMappingProfile(t.Context(), "Broken", `{"name":"Broken","format":"template","columns":{"A":"key"}}`)
		})
		if err != nil {
			t.Fatal(err)
		}
		getJSON(t, base, &list)
		if len(list.Profiles) != 2 || list.Profiles[0].Name != "Broken" || !strings.Contains(list.Profiles[0].Problem, "Title (title)") {
			t.Fatalf("list = %+v", list)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		var out struct{ Deleted string }
		if code := send(t, "DELETE", base+"/"+url.PathEscape("ops tracker"), "", &out); code != 200 || out.Deleted != "ops tracker" {
			t.Fatalf("delete: %d %+v", code, out)
		}
		var e apiError
		if code := send(t, "DELETE", base+"/"+url.PathEscape("Ops tracker"), "", &e); code != 404 || !strings.Contains(e.Error.Message, "no mapping profile \"Ops tracker\"") {
			t.Fatalf("delete again: %d %+v", code, e)
		}
		getJSON(t, base, &list)
		if len(list.Names) != 1 || list.Names[0] != "Broken" {
			t.Fatalf("names after delete = %v", list.Names)
		}
	})
}

func TestImportColumns(t *testing.T) {
	srv, _, _ := newServer(t)
	var out struct {
		File   string
		Sheets []struct {
			Sheet     string
			HeaderRow int
			Format    string
			Columns   []struct {
				Letter, Header string
				Samples        []string
			}
			Proposals []struct {
				Format, Variant string
				Columns         map[string]string
			}
		}
	}
	if code := upload(t, srv.URL+"/api/import/columns", "ops.csv", opsCSV, nil, &out); code != 200 || len(out.Sheets) != 1 {
		t.Fatalf("columns: %d %+v", code, out)
	}
	sh := out.Sheets[0]
	if out.File != "ops.csv" || sh.HeaderRow != 1 || sh.Format != "" || len(sh.Columns) != 6 {
		t.Fatalf("sheet = %+v", sh)
	}
	if c := sh.Columns[4]; c.Letter != "E" || c.Header != "State" || strings.Join(c.Samples, "|") != "Done|In Progress" {
		t.Fatalf("column E = %+v (want distinct samples)", c)
	}
	found := false
	for _, p := range sh.Proposals {
		if p.Format == "template" {
			found = true
			if len(p.Columns) != 1 || p.Columns["State"] != "status" {
				t.Errorf("template proposal = %v", p.Columns)
			}
		}
	}
	if !found || len(sh.Proposals) < 18 {
		t.Fatalf("%d proposals, template among them: %v", len(sh.Proposals), found)
	}

	var e apiError
	if code := upload(t, srv.URL+"/api/import/columns", "empty.csv", "", nil, &e); code != 400 || !strings.Contains(e.Error.Message, "empty.csv") {
		t.Fatalf("empty file: %d %+v", code, e)
	}
}

func TestImportWithAColumnMapping(t *testing.T) {
	srv, _, _ := newServer(t)
	type report struct {
		Files []struct {
			Format       string
			RowsRead     int `json:"rows_read"`
			ItemsCreated int `json:"items_created"`
			Stored       bool
			Error        string
		}
	}
	var rep report
	if upload(t, srv.URL+"/api/import?dryRun=true", "ops.csv", opsCSV, nil, &rep); !strings.Contains(rep.Files[0].Error, "not recognised") {
		t.Fatalf("without a mapping: %+v", rep)
	}
	profile := map[string]string{"profile": opsProfile}
	rep = report{} // "error" is left out when empty: decode into a fresh value
	if code := upload(t, srv.URL+"/api/import?dryRun=true&program=Platform", "ops.csv", opsCSV, profile, &rep); code != 200 ||
		rep.Files[0].Error != "" || rep.Files[0].Format != "template" || rep.Files[0].ItemsCreated != 3 || rep.Files[0].Stored {
		t.Fatalf("dry run with an inline mapping: %d %+v", code, rep)
	}
	rep = report{}
	if code := upload(t, srv.URL+"/api/import?dryRun=false&program=Platform", "ops.csv", opsCSV, profile, &rep); code != 200 ||
		rep.Files[0].Error != "" || !rep.Files[0].Stored || rep.Files[0].ItemsCreated != 3 {
		t.Fatalf("import with an inline mapping: %d %+v", code, rep)
	}

	// Saved through the API, then named in the query.
	var saved struct{ Profile struct{ Name string } }
	if code := send(t, "PUT", srv.URL+"/api/mappings/profiles", opsProfile, &saved); code != 200 {
		t.Fatalf("save: %d", code)
	}
	rep = report{}
	changed := strings.Replace(opsCSV, "Rotate certificates", "Rotate the certificates", 1)
	if code := upload(t, srv.URL+"/api/import?dryRun=true&profile="+url.QueryEscape("Ops tracker"), "ops2.csv", changed, nil, &rep); code != 200 ||
		rep.Files[0].Error != "" || rep.Files[0].RowsRead != 3 {
		t.Fatalf("dry run with the saved profile: %d %+v", code, rep)
	}

	for name, c := range map[string]struct{ profile, want string }{
		"Incomplete": {strings.Replace(opsProfile, `,"Opened":"created"`, ``, 1), `"Ops tracker" cannot be used`},
		"NotJSON":    {`{"name":`, "not valid JSON"},
	} {
		var e apiError
		if code := upload(t, srv.URL+"/api/import?dryRun=true", "ops.csv", opsCSV, map[string]string{"profile": c.profile}, &e); code != 400 || !strings.Contains(e.Error.Message, c.want) {
			t.Errorf("%s: %d %+v, want 400 saying %q", name, code, e, c.want)
		}
	}
}
