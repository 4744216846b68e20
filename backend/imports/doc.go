// Package imports reads team spreadsheets — .xlsx/.xlsm workbooks and
// CSV/TSV/TXT files — into tables of raw cells, finds each table's header
// row, recognises the table's format from its headers (Jira, Azure DevOps,
// Rally, stage-date layouts, Throughline's templates…) and parses the dates
// and numbers in its columns.
//
// It maps nothing to domain types and writes nothing: the caller maps rows,
// validates them and stores a whole file in one transaction.
//
// Readers stream (excelize's row iterator, a byte-level CSV parser), cap
// what they accept (Limits), never panic (a recovered panic becomes an
// error) and report every problem with the file, sheet, row number as Excel
// or a text editor shows it, column letter and header (Problem).
//
// Typical use:
//
//	f, err := imports.Open(name, file, size, imports.Options{})
//	defer f.Close()
//	for _, s := range f.Sheets() {
//		t, err := f.Table(s.Name)
//		det := imports.Detect(t.Headers, t.Sample(10))
//		created := imports.NewDateColumn(t.File, t.Sheet, t.Headers[det.Column(imports.RoleCreated)],
//			imports.DateOptions{Location: loc, Date1904: t.Date1904})
//		err = t.Each(func(r imports.Row) error { … })
//	}
package imports
