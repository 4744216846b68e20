package xlsx_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/xlsx"
)

var lists = xlsx.TemplateLists{
	Portfolio: "Zoë's portfolio",
	Teams:     []string{"Zahlungsflüsse", "山田チーム", "Care Chat"},
	Programs:  []string{"Payments & Checkout"},
	PIs:       []string{"PI 26.1", "PI 26.2"},
	Statuses:  []string{"To Do", "In Progress", "Done"},
}

func writeTemplate(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := xlsx.WriteTemplateFile(path, lists); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTemplateWorkbook(t *testing.T) {
	path := writeTemplate(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	t.Run("OneSheetPerKindAfterReadMe", func(t *testing.T) {
		got := strings.Join(f.GetSheetList(), "|")
		want := "Read me|Lists|Items|Sprints|Epics|Teams|Deployments|Commits|Incidents|PI objectives|OKR updates|Benefits|Feedback|Dependencies"
		if got != want {
			t.Fatalf("sheets = %s\nwant %s", got, want)
		}
		if visible, _ := f.GetSheetVisible("Lists"); visible {
			t.Fatal("the Lists sheet is visible")
		}
	})

	t.Run("HeadersCommentsAndExampleRow", func(t *testing.T) {
		rows, _ := f.GetRows("Items")
		if strings.Join(rows[0], ",") != strings.Join(imports.TemplateColumns(imports.FormatTemplate), ",") {
			t.Fatalf("Items header = %v", rows[0])
		}
		if len(rows) < 2 || rows[1][0] != "PAY-101" {
			t.Fatalf("example row = %v", rows[1:])
		}
		comments, _ := f.GetComments("Items")
		if len(comments) != len(rows[0]) {
			t.Fatalf("%d header comments for %d columns", len(comments), len(rows[0]))
		}
		for _, c := range comments {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			if !strings.HasSuffix(c.Cell, "1") || strings.TrimSpace(text) == "" {
				t.Fatalf("comment %+v", c)
			}
		}
	})

	t.Run("DropdownsForTypeStatusTeamAndPI", func(t *testing.T) {
		dvs, _ := f.GetDataValidations("Items")
		byFirstCell := map[string]string{}
		for _, dv := range dvs {
			byFirstCell[strings.Split(dv.Sqref, ":")[0]] = dv.Formula1
		}
		headers := imports.TemplateColumns(imports.FormatTemplate)
		for _, h := range []string{"Type", "Status", "Team", "PI"} {
			col := ""
			for i, x := range headers {
				if x == h {
					col = imports.ColumnLetter(i)
				}
			}
			if !strings.HasPrefix(byFirstCell[col+"2"], "Lists!") {
				t.Errorf("column %s (%s) has no dropdown: %v", col, h, byFirstCell)
			}
		}
		teams, _ := f.GetCols("Lists")
		found := false
		for _, col := range teams {
			if col[0] == "team" && strings.Trim(strings.Join(col[1:], ","), ",") == "Zahlungsflüsse,山田チーム,Care Chat" {
				found = true
			}
		}
		if !found {
			t.Fatal("the team list is not the portfolio's teams")
		}
	})
}

// TestTemplateRoundTrip: every sheet of the template is recognised by the
// importer as the kind it is for.
func TestTemplateRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, lists); err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(buf.Bytes())
	file, err := imports.Open("template.xlsx", r, int64(buf.Len()), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	want := map[string]imports.Format{}
	for _, fm := range imports.TemplateFormats {
		want[sheetName(fm)] = fm
	}
	for _, s := range file.Sheets() {
		fm, ok := want[s.Name]
		if !ok {
			continue
		}
		tbl, err := file.Table(s.Name)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		var sample []imports.Row
		tbl.Each(func(r imports.Row) error { sample = append(sample, r); return nil })
		if d := imports.Detect(tbl.Headers, sample); d.Format != fm {
			t.Errorf("sheet %s detected as %q (%.2f), want %q", s.Name, d.Format, d.Confidence, fm)
		}
		tbl.Close()
	}
}

func sheetName(f imports.Format) string {
	names := map[imports.Format]string{imports.FormatTemplate: "Items", imports.FormatSprints: "Sprints", imports.FormatEpics: "Epics",
		imports.FormatTeams: "Teams", imports.FormatDeployments: "Deployments", imports.FormatCommits: "Commits", imports.FormatIncidents: "Incidents",
		imports.FormatPIObjectives: "PI objectives", imports.FormatOKRUpdates: "OKR updates", imports.FormatBenefits: "Benefits",
		imports.FormatFeedback: "Feedback", imports.FormatDependencies: "Dependencies"}
	return names[f]
}

func TestWriteFileAtomicKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.xlsx")
	os.WriteFile(path, []byte("old"), 0o644)
	err := xlsx.WriteFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("half a workbook"))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("the failure was not reported")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("the old file was replaced by %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}
