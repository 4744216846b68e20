package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/safefile"
)

// TemplateLists are the portfolio's own names offered as dropdowns, so teams
// pick values Throughline already knows.
type TemplateLists struct {
	Portfolio string
	Teams     []string
	Programs  []string
	PIs       []string
	Themes    []string
	Statuses  []string // raw statuses with a workflow mapping
}

// defaultStatuses are offered when the portfolio has no mapped status yet.
var defaultStatuses = []string{"Backlog", "Ready", "In Progress", "In Review", "Blocked", "Done", "Cancelled"}

const listsSheet = "Lists"

// WriteTemplate writes the import template workbook to w: a "Read me" sheet,
// then one sheet per kind of data (items, sprints, epics, teams, deployments,
// commits, incidents, PI objectives, OKR updates, benefits, feedback,
// dependencies), each with a frozen header whose cells carry a comment on
// what to enter, dropdowns for the values Throughline knows, and one example
// row to overwrite.
func WriteTemplate(w io.Writer, lists TemplateLists) error {
	f := excelize.NewFile()
	defer f.Close()
	if len(lists.Statuses) == 0 {
		lists.Statuses = defaultStatuses
	}
	if err := f.SetSheetName("Sheet1", "Read me"); err != nil {
		return err
	}
	if err := writeReadMe(f, lists); err != nil {
		return fmt.Errorf("read me sheet: %w", err)
	}
	refs, err := writeLists(f, lists)
	if err != nil {
		return fmt.Errorf("lists sheet: %w", err)
	}
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	for _, format := range imports.TemplateFormats {
		if err := writeKindSheet(f, format, refs, styles); err != nil {
			return fmt.Errorf("sheet %s: %w", sheetNames[format], err)
		}
	}
	if err := f.SetSheetVisible(listsSheet, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Throughline", Title: "Throughline import template"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteTemplateFile writes the template to path through a temporary file in
// the same folder that is synced and renamed: a failed write never leaves a
// broken file, nor destroys an existing one.
func WriteTemplateFile(path string, lists TemplateLists) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return WriteTemplate(w, lists) })
}

// WriteFileAtomic writes path with write through a synced temporary file
// renamed into place (see package safefile).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return safefile.Write(path, write)
}

type styles struct{ header, example int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"3F4B8C"}}, Alignment: &excelize.Alignment{Vertical: "center"}}); err != nil {
		return s, err
	}
	s.example, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "6B7280"}})
	return s, err
}

// listRefs maps a role to the absolute range of its dropdown values.
type listRefs map[imports.Role]string

func writeLists(f *excelize.File, lists TemplateLists) (listRefs, error) {
	if _, err := f.NewSheet(listsSheet); err != nil {
		return nil, err
	}
	columns := []struct {
		role   imports.Role
		values []string
	}{
		{imports.RoleTeam, lists.Teams}, {imports.RoleProgram, lists.Programs}, {imports.RolePI, lists.PIs},
		{imports.RoleTheme, lists.Themes}, {imports.RoleStatus, lists.Statuses},
		{"dependency_state", []string{"requested", "committed", "resolved", "blocked"}},
	}
	for _, r := range sortedRoles(fixedLists) {
		columns = append(columns, struct {
			role   imports.Role
			values []string
		}{r, fixedLists[r]})
	}
	refs := listRefs{}
	for i, c := range columns {
		col := imports.ColumnLetter(i)
		if err := f.SetCellStr(listsSheet, col+"1", string(c.role)); err != nil {
			return nil, err
		}
		for j, v := range c.values {
			if err := f.SetCellStr(listsSheet, fmt.Sprintf("%s%d", col, j+2), v); err != nil {
				return nil, err
			}
		}
		if len(c.values) > 0 {
			refs[c.role] = fmt.Sprintf("%s!$%s$2:$%s$%d", listsSheet, col, col, len(c.values)+1)
		}
	}
	return refs, nil
}

func sortedRoles(m map[imports.Role][]string) []imports.Role {
	var out []imports.Role
	for r := range m {
		out = append(out, r)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// templateRows is how many rows the dropdowns and formats cover.
const templateRows = 5000

func writeKindSheet(f *excelize.File, format imports.Format, refs listRefs, st styles) error {
	name := sheetNames[format]
	fields := imports.TemplateFields(format)
	if name == "" || len(fields) == 0 {
		return fmt.Errorf("no template layout for %s", format)
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, fl := range fields {
		col := imports.ColumnLetter(i)
		help := fieldHelp[fl.Role]
		if err := f.SetCellStr(name, col+"1", fl.Header); err != nil {
			return err
		}
		text := help.help
		if text == "" {
			text = "Optional."
		}
		if fl.Required && !strings.Contains(text, "Required") {
			text += " Required."
		}
		if err := f.AddComment(name, excelize.Comment{Cell: col + "1", Author: "Throughline", Text: text}); err != nil {
			return err
		}
		// The example row is text exactly as a person would type it.
		example := help.example
		if example == "" {
			example = firstOf(refs, fl.Role, f)
		}
		if example != "" {
			if err := f.SetCellStr(name, col+"2", example); err != nil {
				return err
			}
		}
		width := float64(min(40, max(12, len(fl.Header)+4, len(example)+4)))
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
		role := fl.Role
		if format == imports.FormatDependencies && role == imports.RoleState {
			role = "dependency_state"
		}
		if ref, ok := refs[role]; ok {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows)
			dv.SetSqrefDropList(ref)
			// Statuses may be new: warn instead of refusing, the import maps them.
			if role == imports.RoleStatus {
				dv.SetError(excelize.DataValidationErrorStyleWarning, "Status", "This status is not mapped yet; Throughline will ask how to map it.")
			} else {
				dv.SetError(excelize.DataValidationErrorStyleStop, fl.Header, "Pick a value from the list.")
			}
			if err := f.AddDataValidation(name, dv); err != nil {
				return err
			}
		}
	}
	last := imports.ColumnLetter(len(fields) - 1)
	if err := f.SetCellStyle(name, "A1", last+"1", st.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A2", last+"2", st.example); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(name, "A1:"+last+"1", nil)
}

// firstOf returns the first dropdown value of role, for the example row.
func firstOf(refs listRefs, role imports.Role, f *excelize.File) string {
	ref, ok := refs[role]
	if !ok {
		return ""
	}
	// ref is "Lists!$C$2:$C$9": read the first cell.
	cell := strings.ReplaceAll(strings.Split(strings.TrimPrefix(ref, listsSheet+"!"), ":")[0], "$", "")
	v, _ := f.GetCellValue(listsSheet, cell)
	return v
}

func writeReadMe(f *excelize.File, lists TemplateLists) error {
	title := "Throughline import template"
	if lists.Portfolio != "" {
		title += " — " + lists.Portfolio
	}
	lines := []string{
		title,
		"",
		"Fill in the sheets you have data for and send the file back; leave the others empty.",
		"Row 2 of every sheet is an example: overwrite it or delete it.",
		"Hover over a column header to see what to enter. Dropdowns list the teams, programs, PIs, themes and statuses Throughline knows.",
		"Dates: YYYY-MM-DD (e.g. 2026-03-31) or real Excel dates. Date-times: YYYY-MM-DD HH:MM in your local time.",
		"Keys must be unique per sheet. Re-sending the same file changes nothing; a newer file updates the rows it contains.",
		"Everything is read as plain values: formulas are not evaluated and text is never run.",
		"",
		"Sheets: " + strings.Join(sheetList(), ", ") + ".",
	}
	for i, l := range lines {
		if err := f.SetCellStr("Read me", fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle("Read me", "A1", "A1", bold); err != nil {
		return err
	}
	return f.SetColWidth("Read me", "A", "A", 120)
}

func sheetList() []string {
	var out []string
	for _, format := range imports.TemplateFormats {
		out = append(out, sheetNames[format])
	}
	return out
}
