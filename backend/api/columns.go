package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"slices"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
)

// sampleValues is how many values of each column the mapping editor shows.
const sampleValues = 4

// sampleRows is how many rows the samples and the detection look at.
const sampleRows = 10

// tableColumns is one sheet (or a text file's one table) as the
// column-mapping editor shows it.
type tableColumns struct {
	Sheet     string        `json:"sheet"`
	HeaderRow int           `json:"headerRow"`
	Columns   []tableColumn `json:"columns"`
	// Format and Variant are the format the headers were recognised as;
	// "" when none.
	Format  imports.Format `json:"format"`
	Variant string         `json:"variant,omitempty"`
	// Proposals are a starting mapping for every format (Formats' order).
	Proposals []imports.Proposal `json:"proposals"`
	// Error says why the sheet cannot be read (no data rows…); the other
	// fields are then empty.
	Error string `json:"error,omitempty"`
}

// tableColumn is one column: its letter, its header ("" when the header
// cell is empty) and the first different values under it.
type tableColumn struct {
	Letter  string   `json:"letter"`
	Header  string   `json:"header"`
	Samples []string `json:"samples"`
}

// importColumns: POST /api/import/columns with one multipart field "file":
// each visible sheet's columns with sample values, the format its headers
// were recognised as and a proposed mapping per format, for the
// column-mapping editor. Nothing is stored.
func (s *Server) importColumns(w http.ResponseWriter, r *http.Request) {
	files, err := uploadedFiles(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	f := files[0]
	file, err := imports.Open(f.Name, bytes.NewReader(f.Data), int64(len(f.Data)), imports.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer file.Close()
	sheets := []tableColumns{}
	for _, sh := range file.Sheets() {
		if !sh.Hidden {
			sheets = append(sheets, readColumns(file, sh.Name))
		}
	}
	s.ok(w, map[string]any{"file": f.Name, "sheets": sheets})
}

// readColumns reads one sheet's header and first rows.
func readColumns(file *imports.File, sheet string) tableColumns {
	out := tableColumns{Sheet: sheet, Columns: []tableColumn{}, Proposals: []imports.Proposal{}}
	tbl, err := file.Table(sheet)
	if err != nil {
		out.Error = backend.ErrorMessage(err)
		return out
	}
	defer tbl.Close()
	sample := tbl.Sample(sampleRows)
	out.HeaderRow = tbl.HeaderRow
	for i, h := range tbl.Headers {
		c := tableColumn{Letter: h.Letter, Header: h.Name, Samples: []string{}}
		for _, row := range sample {
			if v := row.Text(i); v != "" && !slices.Contains(c.Samples, v) && len(c.Samples) < sampleValues {
				c.Samples = append(c.Samples, v)
			}
		}
		out.Columns = append(out.Columns, c)
	}
	if d := imports.Detect(tbl.Headers, sample); d.Format != imports.FormatUnknown {
		out.Format, out.Variant = d.Format, d.Variant
	}
	for _, f := range imports.Formats() {
		if p, ok := imports.ProposeMapping(tbl.Headers, sample, f.Format, f.Variant); ok {
			out.Proposals = append(out.Proposals, p)
		}
	}
	return out
}

// uploadedFiles reads the multipart fields "file" of an upload. When it
// returns files, the caller removes the form's temporary files
// (r.MultipartForm.RemoveAll).
func uploadedFiles(w http.ResponseWriter, r *http.Request) (files []intake.Source, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, backend.Errorf(backend.EInvalid, "The file is larger than %d MB.", maxUpload>>20)
		}
		return nil, backend.Errorf(backend.EInvalid, "The upload could not be read: %v.", err)
	}
	defer func() {
		if err != nil {
			r.MultipartForm.RemoveAll()
		}
	}()
	for _, fh := range r.MultipartForm.File["file"] {
		f, err := fh.Open()
		if err != nil {
			return nil, backend.Errorf(backend.EInvalid, "%s could not be read from the upload.", fh.Filename)
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, backend.Errorf(backend.EInvalid, "%s could not be read from the upload.", fh.Filename)
		}
		files = append(files, intake.Source{Name: fh.Filename, Data: data})
	}
	if len(files) == 0 {
		return nil, backend.Errorf(backend.EInvalid, "No file was sent; add files in the field \"file\".")
	}
	return files, nil
}
