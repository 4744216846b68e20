package imports

import (
	"bytes"
	"path/filepath"
	"strings"
)

// contentKind is what a file's first bytes say it is, whatever its name.
type contentKind int

const (
	contentEmpty   contentKind = iota
	contentZip                 // PK\x03\x04: xlsx, xlsm, xlsb, ods, docx…
	contentOLE                 // D0 CF 11 E0: Excel 97-2003, or an encrypted (password-protected) xlsx
	contentPDF                 // %PDF
	contentGzip                // 1F 8B
	contentHTML                // an HTML page saved under a spreadsheet name
	contentText                // anything else: decided by the encoding sniffer
	contentTrunc               // "PK" or an OLE header cut short
	contentEmptyZ              // PK\x05\x06: an empty zip archive
	contentXMLBook             // an Excel 2003 XML Spreadsheet (SpreadsheetML), often saved as .xls
)

var (
	magicZip      = []byte("PK\x03\x04")
	magicEmptyZip = []byte("PK\x05\x06")
	magicOLE      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniffContent classifies a file from its first bytes (at least 512 when
// the file has them).
func sniffContent(head []byte) contentKind {
	switch {
	case len(head) == 0:
		return contentEmpty
	case bytes.HasPrefix(head, magicZip):
		return contentZip
	case bytes.HasPrefix(head, magicEmptyZip):
		return contentEmptyZ
	case bytes.HasPrefix(head, magicOLE):
		return contentOLE
	case len(head) < len(magicOLE) && (bytes.HasPrefix(magicZip, head) || bytes.HasPrefix(magicOLE, head)):
		return contentTrunc
	case bytes.HasPrefix(head, []byte("%PDF")):
		return contentPDF
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return contentGzip
	}
	lower := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return contentXMLBook
	case htmlStart(lower):
		return contentHTML
	}
	return contentText
}

// htmlTags are the tags an HTML page saved as a spreadsheet starts with.
// Tools that export "Excel" as HTML (Jira's Excel export, web pages saved
// from a browser) often leave out <html> and start with the <meta> that
// names the Excel content type, a <style> block or the <table> itself.
var htmlTags = []string{"<!doctype html", "<html", "<head", "<meta", "<body", "<table", "<style", "<title"}

// htmlStart reports whether lower-cased text (leading white space removed)
// is an HTML page: it opens with an HTML tag, or is XML whose start
// contains <html> (XHTML).
func htmlStart(lower []byte) bool {
	for _, tag := range htmlTags {
		if bytes.HasPrefix(lower, []byte(tag)) && (len(lower) == len(tag) || !isTagNameByte(lower[len(tag)])) {
			return true
		}
	}
	return bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html"))
}

func isTagNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
}

// oleEncrypted reports whether an OLE container holds an encrypted OOXML
// package: its directory names the "EncryptionInfo" stream (UTF-16LE).
func oleEncrypted(head []byte) bool {
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	return bytes.Contains(head, name)
}

// IsLockFile reports whether name is an Office owner file ("~$Team.xlsx"),
// the small hidden file Excel keeps beside a workbook that is open. A folder
// import skips these.
func IsLockFile(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "~$")
}

// ext returns the lower-case extension of name, with the dot.
func ext(name string) string { return strings.ToLower(filepath.Ext(name)) }

func isWorkbookName(name string) bool {
	switch ext(name) {
	case ".xlsx", ".xlsm", ".xltx", ".xltm":
		return true
	}
	return false
}

func isTextName(name string) bool {
	switch ext(name) {
	case ".csv", ".tsv", ".txt", ".tab":
		return true
	}
	return false
}

// notWorkbookErr explains what a file given as a workbook really is.
func notWorkbookErr(name string, kind contentKind, head []byte) error {
	switch kind {
	case contentEmpty:
		return userErr(ErrNoData, "%s is empty (0 bytes). Export it again.", name)
	case contentTrunc:
		return userErr(ErrNotWorkbook, "%s is truncated: it ends after its first few bytes. Download or copy it again.", name)
	case contentEmptyZ:
		return userErr(ErrNotWorkbook, "%s is an empty zip archive, not an Excel workbook.", name)
	case contentOLE:
		if oleEncrypted(head) {
			return unsupportedErr(ErrNotWorkbook, "%s is password-protected. Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password, clear it), save, and import again.", name)
		}
		return unsupportedErr(ErrNotWorkbook, "%s is in the Excel 97-2003 format (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx).", name)
	case contentPDF:
		return userErr(ErrNotWorkbook, "%s is a PDF document, not an Excel workbook. Export the data as .xlsx or .csv.", name)
	case contentGzip:
		return userErr(ErrNotWorkbook, "%s is a gzip archive, not an Excel workbook. Unpack it first.", name)
	case contentHTML:
		return userErr(ErrNotWorkbook, "%s is a web page (HTML) saved with a spreadsheet name, not an Excel workbook. Open it in Excel and save it as .xlsx, or export the data as CSV.", name)
	case contentXMLBook:
		return unsupportedErr(ErrNotWorkbook, "%s is an Excel 2003 XML Spreadsheet, which Throughline cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx).", name)
	}
	return userErr(ErrNotWorkbook, "%s is not an Excel workbook: it looks like a text (CSV) file. Rename it to .csv and import it again, or open it in Excel and save it as .xlsx.", name)
}

// notTextErr explains what a file given as CSV really is.
func notTextErr(name string, kind contentKind, head []byte) error {
	switch kind {
	case contentZip:
		return userErr(ErrNotText, "%s is an Excel workbook (or another zip file), not a CSV text file. Rename it to .xlsx and import it again.", name)
	case contentOLE:
		if oleEncrypted(head) {
			return unsupportedErr(ErrNotText, "%s is a password-protected Excel workbook, not a CSV text file. Remove the password in Excel and save it as .xlsx or .csv.", name)
		}
		return unsupportedErr(ErrNotText, "%s is an Excel 97-2003 workbook (.xls), not a CSV text file. Open it in Excel and save it as .xlsx or .csv.", name)
	case contentPDF:
		return userErr(ErrNotText, "%s is a PDF document, not a CSV text file.", name)
	case contentGzip:
		return userErr(ErrNotText, "%s is a gzip archive, not a CSV text file. Unpack it first.", name)
	case contentXMLBook:
		return unsupportedErr(ErrNotText, "%s is an Excel 2003 XML Spreadsheet, not a CSV text file. Open it in Excel and save it as .xlsx or .csv.", name)
	}
	return userErr(ErrNotText, "%s is not a text file: it holds binary data. Export the data again as CSV (UTF-8).", name)
}
