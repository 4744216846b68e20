package imports_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// named builds a header row from names, in column order.
func named(names ...string) []imports.Header {
	hs := make([]imports.Header, len(names))
	seen := map[string]int{}
	for i, n := range names {
		seen[imports.NormalizeHeader(n)]++
		hs[i] = imports.Header{Index: i, Letter: imports.ColumnLetter(i), Name: n, Occurrence: seen[imports.NormalizeHeader(n)]}
	}
	return hs
}

func TestFormatsListEveryFormatWithItsRoles(t *testing.T) {
	byKey := map[string]imports.FormatInfo{}
	for _, f := range imports.Formats() {
		byKey[string(f.Format)+"/"+f.Variant] = f
	}
	role := func(f imports.FormatInfo, r imports.Role) (imports.RoleInfo, bool) {
		for _, x := range f.Roles {
			if x.Role == r {
				return x, true
			}
		}
		return imports.RoleInfo{}, false
	}
	cases := []struct {
		key      string
		name     string
		kind     string
		required []imports.Role
		repeated []imports.Role
		optional []imports.Role
		anyOf    []imports.Role
	}{
		{key: "jira/", name: "Jira export", kind: "items",
			required: []imports.Role{imports.RoleKey, imports.RoleType, imports.RoleTitle, imports.RoleStatus, imports.RoleCreated},
			repeated: []imports.Role{imports.RoleSprint, imports.RoleLabels}, optional: []imports.Role{imports.RolePoints, imports.RoleTeam}},
		{key: "jira_history/field-changes", name: "Jira history (changelog) table — field changes", kind: "history",
			required: []imports.Role{imports.RoleKey, imports.RoleField, imports.RoleTo, imports.RoleChangedAt}},
		{key: "jira_history/status-dates", name: "Jira history (changelog) table — status dates", kind: "history",
			required: []imports.Role{imports.RoleKey, imports.RoleStatus, imports.RoleChangedAt}},
		{key: "ado/", name: "Azure DevOps query export", kind: "items", repeated: []imports.Role{imports.RoleTitle}},
		{key: "stages/", name: "Stage-dates table", kind: "items", required: []imports.Role{imports.RoleKey, imports.RoleStage},
			repeated: []imports.Role{imports.RoleStage}},
		{key: "template/", name: "Throughline's items template", kind: "items",
			required: []imports.Role{imports.RoleKey, imports.RoleType, imports.RoleTitle, imports.RoleTeam, imports.RoleStatus, imports.RoleCreated},
			optional: []imports.Role{imports.RoleProgram, imports.RoleStarted, imports.RoleDone}},
		{key: "feedback/", name: "CSAT/NPS sheet", kind: "feedback", required: []imports.Role{imports.RoleScore},
			anyOf: []imports.Role{imports.RoleProgram, imports.RoleProduct}},
		{key: "teams/", name: "Team register", kind: "teams", required: []imports.Role{imports.RoleProgram, imports.RoleTeam}},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			f, ok := byKey[c.key]
			if !ok {
				t.Fatalf("no format %s in %v", c.key, formatKeys(byKey))
			}
			if f.Name != c.name || f.Kind != c.kind {
				t.Errorf("name, kind = %q, %q; want %q, %q", f.Name, f.Kind, c.name, c.kind)
			}
			for _, r := range c.required {
				if ri, ok := role(f, r); !ok || !ri.Required || ri.Name == "" {
					t.Errorf("%s: %+v (found %v), want required with a name", r, ri, ok)
				}
			}
			for _, r := range c.repeated {
				if ri, ok := role(f, r); !ok || !ri.Repeated {
					t.Errorf("%s: %+v (found %v), want repeated", r, ri, ok)
				}
			}
			for _, r := range c.optional {
				if ri, ok := role(f, r); !ok || ri.Required || ri.Repeated {
					t.Errorf("%s: %+v (found %v), want optional, one column", r, ri, ok)
				}
			}
			if !reflect.DeepEqual(f.AnyOf, append([]imports.Role{}, c.anyOf...)) {
				t.Errorf("anyOf = %v, want %v", f.AnyOf, c.anyOf)
			}
		})
	}
	if n := len(imports.Formats()); n != len(byKey) || n < 18 {
		t.Errorf("%d formats, %d distinct", n, len(byKey))
	}
	if tpl, _ := imports.FormatRoles(imports.FormatTemplate, ""); tpl.Roles[0].Name != "Key" || tpl.Roles[2].Name != "Title" {
		t.Errorf("template roles start %+v", tpl.Roles[:3])
	}
	if _, ok := imports.FormatRoles("spreadsheet", ""); ok {
		t.Error("an unknown format has roles")
	}
	if f, ok := imports.FormatRoles(imports.FormatJiraHistory, ""); !ok || f.Variant != "field-changes" {
		t.Errorf("jira_history without a variant = %q", f.Variant)
	}
}

func formatKeys(m map[string]imports.FormatInfo) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestProposeMapping(t *testing.T) {
	type cols = map[string]imports.Role
	cases := []struct {
		name        string
		headers     []string
		format      imports.Format
		variant     string
		want        cols
		wantVariant string
	}{
		{name: "NothingKnownButAStatusSynonym", headers: []string{"Ticket", "What", "Kind", "Squad", "State", "Opened"}, format: imports.FormatTemplate,
			want: cols{"State": imports.RoleStatus}},
		{name: "SameHeadersReadAsIncidents", headers: []string{"Ticket", "What", "Kind", "Squad", "State", "Opened"}, format: imports.FormatIncidents,
			want: cols{"State": imports.RoleState, "Opened": imports.RoleOpened}},
		{name: "JiraMissingCreatedKeepsWhatItFound", headers: []string{"Issue key", "Issue Type", "Summary", "Status", "Story Points", "Story point estimate"},
			format: imports.FormatJira,
			want: cols{"Issue key": imports.RoleKey, "Issue Type": imports.RoleType, "Summary": imports.RoleTitle, "Status": imports.RoleStatus,
				"Story Points": imports.RolePoints}},
		{name: "JiraHeadersForTheTemplateBySynonym", headers: []string{"Issue key", "Summary", "Issue Type", "Created", "Team"}, format: imports.FormatTemplate,
			want: cols{"Issue key": imports.RoleKey, "Summary": imports.RoleTitle, "Issue Type": imports.RoleType, "Created": imports.RoleCreated, "Team": imports.RoleTeam}},
		{name: "ARoleReadingOneColumnIsNotGivenTwice", headers: []string{"Title", "Summary", "Key"}, format: imports.FormatTemplate,
			want: cols{"Title": imports.RoleTitle, "Key": imports.RoleKey}},
		{name: "RepeatedHeaderMappedOnce", headers: []string{"Issue key", "Sprint", "Sprint", "Labels"}, format: imports.FormatJira,
			want: cols{"Issue key": imports.RoleKey, "Sprint": imports.RoleSprint, "Labels": imports.RoleLabels}},
		{name: "EmptyHeaderNeverMapped", headers: []string{"Key", "", "Title"}, format: imports.FormatTemplate,
			want: cols{"Key": imports.RoleKey, "Title": imports.RoleTitle}},
		{name: "StageColumns", headers: []string{"ID", "Backlog", "In Progress", "Done", "Owner"}, format: imports.FormatStages,
			want: cols{"ID": imports.RoleKey, "Backlog": imports.RoleStage, "In Progress": imports.RoleStage, "Done": imports.RoleStage}},
		{name: "HistoryVariantChosenByTheHeaders", headers: []string{"Issue key", "Field", "From", "To", "Changed"}, format: imports.FormatJiraHistory,
			wantVariant: "field-changes",
			want:        cols{"Issue key": imports.RoleKey, "Field": imports.RoleField, "From": imports.RoleFrom, "To": imports.RoleTo, "Changed": imports.RoleChangedAt}},
		{name: "HistoryStatusDates", headers: []string{"Key", "To Status", "Entered"}, format: imports.FormatJiraHistory,
			wantVariant: "status-dates", want: cols{"Key": imports.RoleKey, "To Status": imports.RoleStatus, "Entered": imports.RoleChangedAt}},
		{name: "VariantAskedFor", headers: []string{"Key", "Status", "Date"}, format: imports.FormatJiraHistory, variant: "status-dates",
			wantVariant: "status-dates", want: cols{"Key": imports.RoleKey, "Status": imports.RoleStatus, "Date": imports.RoleChangedAt}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ok := imports.ProposeMapping(named(c.headers...), nil, c.format, c.variant)
			if !ok {
				t.Fatal("format not known")
			}
			if !reflect.DeepEqual(p.Columns, c.want) {
				t.Errorf("columns = %v\nwant      %v", p.Columns, c.want)
			}
			if p.Format != c.format || p.Variant != c.wantVariant {
				t.Errorf("format = %s/%s, want %s/%s", p.Format, p.Variant, c.format, c.wantVariant)
			}
		})
	}
	t.Run("UnknownFormat", func(t *testing.T) {
		if p, ok := imports.ProposeMapping(named("Key"), nil, "spreadsheet", ""); ok || p.Columns == nil || len(p.Columns) != 0 {
			t.Fatalf("got %+v, %v", p, ok)
		}
	})
	// Every template sheet's own headers propose a complete, valid mapping.
	t.Run("TemplateHeadersProposeAValidProfile", func(t *testing.T) {
		for _, f := range imports.Formats() {
			cols := imports.TemplateColumns(f.Format)
			if cols == nil {
				continue
			}
			p, _ := imports.ProposeMapping(named(cols...), nil, f.Format, "")
			if len(p.Columns) != len(cols) {
				t.Errorf("%s: %d of %d columns mapped: %v", f.Format, len(p.Columns), len(cols), p.Columns)
			}
			if err := imports.CheckProfile(imports.Profile{Name: "t", Format: f.Format, Columns: p.Columns}); err != nil {
				t.Errorf("%s: %v", f.Format, err)
			}
		}
	})
}

func TestCheckProfile(t *testing.T) {
	type cols = map[string]imports.Role
	items := cols{"Ticket": "key", "Kind": "type", "What": "title", "Squad": "team", "State": "status", "Opened": "created"}
	with := func(extra cols) cols {
		out := cols{}
		for k, v := range items {
			out[k] = v
		}
		for k, v := range extra {
			if v == "-" {
				delete(out, k)
			} else {
				out[k] = v
			}
		}
		return out
	}
	cases := []struct {
		name    string
		profile imports.Profile
		want    []string // "" = valid; else every fragment must be in the message
	}{
		{name: "Valid", profile: imports.Profile{Name: "Ops", Format: imports.FormatTemplate, Columns: items}},
		{name: "EmptyRoleLeavesAColumnOut", profile: imports.Profile{Format: imports.FormatTemplate, Columns: with(cols{"Notes": ""})}},
		{name: "NoFormat", profile: imports.Profile{Name: "Ops", Columns: items}, want: []string{`"Ops" names no format`, "items template"}},
		{name: "UnknownFormat", profile: imports.Profile{Format: "spreadsheet", Columns: items},
			want: []string{"The column mapping", `"spreadsheet"`, "not a format", "template"}},
		{name: "RoleTheFormatLacks", profile: imports.Profile{Format: imports.FormatTemplate, Columns: with(cols{"Env": "environment"})},
			want: []string{`column "Env" is mapped to "environment"`, "Throughline's items template"}},
		{name: "OneColumnRoleTwice", profile: imports.Profile{Format: imports.FormatTemplate, Columns: with(cols{"Summary": "title"})},
			want: []string{`Title (title) is given to 2 columns ("Summary", "What")`, "keep it on one column"}},
		{name: "RepeatedRoleTwiceIsFine", profile: imports.Profile{Format: imports.FormatJira,
			Columns: cols{"K": "key", "T": "type", "S": "title", "St": "status", "C": "created", "Sprint": "sprint", "Sprint 2": "sprint"}}},
		{name: "RequiredMissing", profile: imports.Profile{Name: "Ops", Format: imports.FormatTemplate, Columns: with(cols{"What": "-", "Opened": "-"})},
			want: []string{`The mapping profile "Ops" cannot be used`, "needs a column for Title (title), Created (created)"}},
		{name: "NoHeader", profile: imports.Profile{Format: imports.FormatTemplate, Columns: with(cols{" – ": "points"})},
			want: []string{`the header " – " has no letters or digits`}},
		{name: "SameHeaderTwice", profile: imports.Profile{Format: imports.FormatTemplate, Columns: with(cols{"squad": "program"})},
			want: []string{`the headers "Squad" and "squad" name the same column`}},
		{name: "HistoryFieldChanges", profile: imports.Profile{Format: imports.FormatJiraHistory,
			Columns: cols{"Issue": "key", "Field": "field", "New": "to", "When": "changed_at"}}},
		{name: "HistoryStatusDatesNeedsStatus", profile: imports.Profile{Format: imports.FormatJiraHistory, Columns: cols{"Issue": "key", "When": "changed_at"}},
			want: []string{"status dates needs a column for Status (status)"}},
		{name: "FeedbackNeedsProgramOrProduct", profile: imports.Profile{Format: imports.FormatFeedback, Columns: cols{"CSAT": "score"}},
			want: []string{"Program (program) or Product (product)"}},
		{name: "StagesNeedAStage", profile: imports.Profile{Format: imports.FormatStages, Columns: cols{"ID": "key"}},
			want: []string{"Stage date (one column per stage) (stage)"}},
		{name: "StagesWithStages", profile: imports.Profile{Format: imports.FormatStages, Columns: cols{"ID": "key", "Doing": "stage", "Shipped": "stage"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := imports.CheckProfile(c.profile)
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if backend.ErrorCode(err) != backend.EInvalid {
				t.Errorf("code %q", backend.ErrorCode(err))
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
		})
	}
}

// A proposal the user completes maps the table through MapTable: the editor
// and the importer read a profile alike.
func TestCompletedProposalMapsTheTable(t *testing.T) {
	const data = "Ticket,What,Kind,Squad,State,Opened\n" +
		"OPS-1,Rotate certificates,Task,Ops Crew,Done,2026-03-02\n" +
		"OPS-2,Pager storm after deploy,Bug,Ops Crew,In Progress,2026-03-04\n"
	tb := mustCSV(t, "ops.csv", data, imports.Options{})
	p, _ := imports.ProposeMapping(tb.Headers, tb.Sample(5), imports.FormatTemplate, "")
	for h, r := range map[string]imports.Role{"Ticket": "key", "What": "title", "Kind": "type", "Squad": "team", "Opened": "created"} {
		p.Columns[h] = r
	}
	profile := imports.Profile{Name: "Ops", Format: p.Format, Columns: p.Columns}
	if err := imports.CheckProfile(profile); err != nil {
		t.Fatal(err)
	}
	m, err := imports.MapTable(tb, imports.MapOptions{Profile: &profile})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Items) != 2 || m.Items[0].ExternalKey != "OPS-1" || m.Items[1].Title != "Pager storm after deploy" || m.Items[1].Type != backend.TypeBug {
		t.Fatalf("items = %+v", m.Items)
	}
}
