package imports

// Default limits. Each is an app setting; the catalogue tests check them at
// and one past the boundary.
const (
	DefaultMaxFileBytes      = 256 << 20 // a 200,000-row × 60-column export is ≈ 55 MB as xlsx, ≈ 100 MB as CSV
	DefaultMaxRows           = 1_000_000
	DefaultMaxColumns        = 4_096   // a Jira Cloud "all fields" export of a large site has several hundred: every custom field, one column per comment and watcher
	DefaultMaxCellChars      = 32_767  // Excel's own cell limit (UTF-16 units)
	DefaultUnzipSizeLimit    = 1 << 30 // perf-anchors: 256 MiB is the least that opens a 200k-row sheet
	DefaultUnzipXMLSizeLimit = 16 << 20
	DefaultMaxZipEntries     = 10_000
	excelMaxRows             = 1_048_576 // a row number past this is a damaged file, not a big one
)

// Limits caps what a reader accepts. Zero fields take the defaults above.
type Limits struct {
	MaxFileBytes      int64 // the file itself (compressed, for a workbook)
	MaxRows           int   // highest row number that may hold data
	MaxColumns        int   // cells per row
	MaxCellChars      int   // characters (UTF-16 units) per cell
	UnzipSizeLimit    int64 // sum of a workbook's declared unpacked part sizes
	UnzipXMLSizeLimit int64 // parts bigger than this are unpacked to a temporary file, not memory
	MaxZipEntries     int   // parts in a workbook
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = DefaultMaxColumns
	}
	if l.MaxCellChars <= 0 {
		l.MaxCellChars = DefaultMaxCellChars
	}
	if l.UnzipSizeLimit <= 0 {
		l.UnzipSizeLimit = DefaultUnzipSizeLimit
	}
	if l.UnzipXMLSizeLimit <= 0 {
		l.UnzipXMLSizeLimit = DefaultUnzipXMLSizeLimit
	}
	if l.UnzipXMLSizeLimit > l.UnzipSizeLimit {
		l.UnzipXMLSizeLimit = l.UnzipSizeLimit
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = DefaultMaxZipEntries
	}
	return l
}

// HeaderOptions choose a table's header row.
type HeaderOptions struct {
	// Row is the header's row number as Excel or a text editor shows it;
	// 0 detects it (see DetectHeader).
	Row int
	// Scorer rates a candidate header row by how many of its names are
	// known column names (0–1). Nil uses KnownHeaderScore, which knows every
	// format Detect recognises; pass NoScorer to use the layout rule alone.
	Scorer func(names []string) float64
}

// NoScorer is a HeaderOptions.Scorer that knows no header names.
func NoScorer([]string) float64 { return 0 }

// Options configure Open, OpenXLSX and ReadCSV. The zero value detects
// everything and applies the default limits.
type Options struct {
	// Encoding forces a text file's encoding: "utf-8", "utf-16le",
	// "utf-16be", "windows-1252", or any WHATWG label such as "shift_jis" or
	// "windows-1250". Empty detects it (Table.Encoding reports the result).
	Encoding string
	// Delimiter forces a text file's field delimiter; 0 detects it among
	// ',' ';' tab, '|' and '^' (Table.Delimiter reports the result).
	Delimiter rune
	// LazyQuotes accepts a quote inside an unquoted field, and text after a
	// closing quote, as literal characters instead of rejecting the file. An
	// unclosed quote is still an error.
	LazyQuotes bool
	// Header chooses the header row of every table read.
	Header HeaderOptions
	// Limits caps sizes; zero fields take the defaults.
	Limits Limits
	// TmpDir is where a workbook's large parts are unpacked (in a private
	// folder removed by Close, or at once when opening fails). Empty uses
	// the system's temporary folder.
	TmpDir string
}
