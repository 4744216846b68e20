package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// dimensionPartLimit caps what workbookRows unpacks of one part: the workbook's
// sheet list, its relationships, and the start of each worksheet (the
// <dimension> element comes before the rows).
const dimensionPartLimit = 1 << 20

// workbookRows returns each sheet's last row number as its <dimension ref>
// says ("A1:K200001" → 200001), by sheet name, for a progress estimate. The
// streaming reader does not expose the dimension, so it is read here from
// the file's bytes, after imports.Open has checked the zip. A sheet without
// a dimension is left out; nil when the workbook's parts are not where
// Excel puts them.
func workbookRows(data []byte) map[string]int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	type sheetRef struct{ name, rel string }
	var sheets []sheetRef
	scanPart(parts["xl/workbook.xml"], func(e xml.StartElement) bool {
		if e.Name.Local == "sheet" {
			s := sheetRef{}
			for _, a := range e.Attr {
				switch {
				case a.Name.Local == "name" && a.Name.Space == "":
					s.name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					s.rel = a.Value
				}
			}
			sheets = append(sheets, s)
		}
		return true
	})
	targets := map[string]string{}
	scanPart(parts["xl/_rels/workbook.xml.rels"], func(e xml.StartElement) bool {
		if e.Name.Local == "Relationship" {
			targets[partAttr(e, "Id")] = partAttr(e, "Target")
		}
		return true
	})
	if len(sheets) == 0 || len(targets) == 0 {
		return nil
	}
	out := map[string]int{}
	for _, s := range sheets {
		target, ok := targets[s.rel]
		if !ok {
			continue
		}
		name := path.Clean("xl/" + target)
		if strings.HasPrefix(target, "/") {
			name = path.Clean(target[1:])
		}
		scanPart(parts[strings.ToLower(name)], func(e xml.StartElement) bool {
			switch e.Name.Local {
			case "dimension":
				if n := dimensionRow(partAttr(e, "ref")); n > 0 {
					out[s.name] = n
				}
				return false
			case "sheetData":
				return false
			}
			return true
		})
	}
	return out
}

// scanPart decodes a part's elements in order until fn returns false, the part
// ends or dimensionPartLimit bytes are unpacked; a nil or damaged part is skipped.
func scanPart(f *zip.File, fn func(xml.StartElement) bool) {
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, dimensionPartLimit))
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if e, ok := tok.(xml.StartElement); ok && !fn(e) {
			return
		}
	}
}

// partAttr is the value of an element's attribute without a namespace.
func partAttr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// dimensionRow reads the row number of a range's last cell ("A1:K200001",
// "$A$1:$K$9", or one cell "B7"); 0 when ref is not a cell reference.
func dimensionRow(ref string) int {
	if i := strings.LastIndexByte(ref, ':'); i >= 0 {
		ref = ref[i+1:]
	}
	digits := strings.TrimLeft(strings.ReplaceAll(ref, "$", ""), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
	n, err := strconv.Atoi(digits)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
