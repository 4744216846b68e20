package intake_test

import (
	"archive/zip"
	"bufio"
	"fmt"
	"html"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeExcelSaved writes a one-sheet workbook ("Items") the way Excel saves
// one: every text once in the shared-string table and cells referring to
// it by index, blank cells left out, date-times as serials with a
// date-time number format (numFmt 22). excelize's StreamWriter writes
// inline strings only, and its in-memory writer needs about 30 s and
// 1.9 GB for 200,000 rows, so the parts are written here directly.
func writeExcelSaved(b *testing.B, path string, header []any, rows [][]any) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	part := func(name, body string) { zipPart(b, zw, name, body) }
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	part("[Content_Types].xml", head+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`)
	part("_rels/.rels", head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", head+`<workbook `+ns+` xmlns:r="`+rel+`"><sheets><sheet name="Items" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="`+rel+`/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="`+rel+`/styles" Target="styles.xml"/></Relationships>`)
	part("xl/styles.xml", head+`<styleSheet `+ns+`><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`)

	sw, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(sw, 1<<20)
	index := map[string]int{}
	var strs []string
	refs := 0
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	last, _ := excelize.ColumnNumberToName(len(header))
	fmt.Fprintf(w, "%s<worksheet %s><dimension ref=\"A1:%s%d\"/><sheetData>", head, ns, last, len(rows)+1)
	row := func(n int, cells []any) {
		fmt.Fprintf(w, `<row r="%d">`, n)
		for j, v := range cells {
			col, _ := excelize.ColumnNumberToName(j + 1)
			ref := col + strconv.Itoa(n)
			switch v := v.(type) {
			case nil:
			case string:
				i, ok := index[v]
				if !ok {
					i = len(strs)
					index[v] = i
					strs = append(strs, v)
				}
				refs++
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, i)
			case time.Time:
				serial := float64(v.Sub(epoch)) / float64(24*time.Hour)
				fmt.Fprintf(w, `<c r="%s" s="1"><v>%s</v></c>`, ref, strconv.FormatFloat(serial, 'f', -1, 64))
			case float64:
				fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, strconv.FormatFloat(v, 'f', -1, 64))
			default:
				b.Fatalf("cell %s: %T is not written", ref, v)
			}
		}
		w.WriteString(`</row>`)
	}
	row(1, header)
	for i, r := range rows {
		row(i+2, r)
	}
	w.WriteString(`</sheetData></worksheet>`)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	ss, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		b.Fatal(err)
	}
	w = bufio.NewWriterSize(ss, 1<<20)
	fmt.Fprintf(w, `%s<sst %s count="%d" uniqueCount="%d">`, head, ns, refs, len(strs))
	for _, s := range strs {
		w.WriteString(`<si><t xml:space="preserve">` + html.EscapeString(s) + `</t></si>`)
	}
	w.WriteString(`</sst>`)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
}
