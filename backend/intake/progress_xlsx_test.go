package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
)

func zipOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWorkbookRows(t *testing.T) {
	const rel = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	book := zipOf(t, map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` + rel + `><sheets>` +
			`<sheet name="Items" sheetId="1" r:id="rId1"/><sheet name="Zoë's notes" sheetId="2" r:id="rId2"/>` +
			`<sheet name="Blank" sheetId="3" r:id="rId3"/><sheet name="Absolute" sheetId="4" r:id="rId4"/><sheet name="Lost" sheetId="5" r:id="rId9"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/Sheet2.xml"/>` +
			`<Relationship Id="rId3" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Target="/xl/worksheets/sheet4.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetPr/><dimension ref="A1:K200001"/><sheetData><row r="1"/></sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": `<worksheet><dimension ref="$B$3:$C$9"/><sheetData/></worksheet>`,
		"xl/worksheets/sheet3.xml": `<worksheet><sheetData><row r="1"/></sheetData><dimension ref="A1:A5"/></worksheet>`, // after the rows: not looked for
		"xl/worksheets/sheet4.xml": `<worksheet><dimension ref="C7"/><sheetData/></worksheet>`,
	})
	got := fmt.Sprint(workbookRows(book))
	if want := "map[Absolute:7 Items:200001 Zoë's notes:9]"; got != want {
		t.Fatalf("workbookRows = %s, want %s", got, want)
	}
	for _, data := range [][]byte{[]byte("Key,Title\n"), zipOf(t, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet/>`})} {
		if rows := workbookRows(data); rows != nil {
			t.Errorf("workbookRows of no workbook = %v", rows)
		}
	}
}

func TestDimensionRow(t *testing.T) {
	for ref, want := range map[string]int{"A1:K200001": 200001, "$A$1:$K$9": 9, "C7": 7, "A1": 1, "": 0, "A0": 0, "A1:XFD": 0, "Sheet!": 0} {
		if got := dimensionRow(ref); got != want {
			t.Errorf("dimensionRow(%q) = %d, want %d", ref, got, want)
		}
	}
}
