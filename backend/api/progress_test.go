package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/sqlite"
)

// bigCSV is a template-layout CSV of n new items.
func bigCSV(n int) string {
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Program,Status,Created,Started,Done,Points\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "BIG-%d,story,Item %d,Jürgen's team,Payments,Done,2026-10-05,2026-10-06,2026-10-%02d,3\n", i, i, 7+i%20)
	}
	return b.String()
}

type progressAnswer struct {
	Progress *struct {
		File        string `json:"file"`
		Sheet       string `json:"sheet"`
		Stage       string `json:"stage"`
		RowsRead    int    `json:"rowsRead"`
		RowsTotal   int    `json:"rowsTotal"`
		ItemsStored int    `json:"itemsStored"`
	} `json:"progress"`
}

// importRequest is POST /api/import (a real import) of one file under ctx.
func importRequest(t *testing.T, ctx context.Context, url, name, data string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(data))
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// pollProgress reads the token's progress until stop says enough or the
// time is up, and returns the answers seen.
func pollProgress(t *testing.T, url string, stop func(progressAnswer) bool) []progressAnswer {
	t.Helper()
	var seen []progressAnswer
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var a progressAnswer
		if code := getJSON(t, url, &a); code != http.StatusOK {
			t.Fatalf("GET %s: %d", url, code)
		}
		seen = append(seen, a)
		if stop(a) {
			return seen
		}
	}
	t.Fatalf("no end to the progress at %s: last %+v", url, seen[len(seen)-1].Progress)
	return nil
}

func TestImportProgress(t *testing.T) {
	srv, _, _ := newServer(t)
	const token = "Zoe-progress_0001"

	var a progressAnswer
	if code := getJSON(t, srv.URL+"/api/import/progress/"+token, &a); code != http.StatusOK || a.Progress != nil {
		t.Fatalf("before the import: %d %+v", code, a.Progress)
	}
	var e map[string]any
	if code := getJSON(t, srv.URL+"/api/import/progress/short", &e); code != http.StatusBadRequest {
		t.Fatalf("a short token: %d %v", code, e)
	}
	if code := upload(t, srv.URL+"/api/import?progress=no%20spaces%20here", "x.csv", bigCSV(1), nil, &e); code != http.StatusBadRequest {
		t.Fatalf("a bad token: %d %v", code, e)
	}

	const rows = 40000
	done := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(importRequest(t, context.Background(), srv.URL+"/api/import?progress="+token, "big.csv", bigCSV(rows)))
		if err == nil {
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				err = fmt.Errorf("POST: HTTP %d", res.StatusCode)
			}
		}
		done <- err
	}()
	seen := pollProgress(t, srv.URL+"/api/import/progress/"+token, func(a progressAnswer) bool {
		return a.Progress != nil && a.Progress.Stage == "done"
	})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	reading := 0
	for _, a := range seen {
		if p := a.Progress; p != nil && p.Stage == "reading" && p.RowsRead > 0 {
			reading++
			if p.File != "big.csv" || p.RowsTotal < p.RowsRead {
				t.Fatalf("while reading: %+v", *p)
			}
		}
	}
	if reading == 0 {
		t.Fatalf("never saw rows being read: %d answers", len(seen))
	}
	last := seen[len(seen)-1].Progress
	if last.File != "big.csv" || last.RowsRead != rows || last.RowsTotal != rows || last.ItemsStored != rows {
		t.Fatalf("at the end: %+v", *last)
	}
}

// TestImportCancelledMidFile aborts the request once rows are being read:
// nothing of the file is stored.
func TestImportCancelledMidFile(t *testing.T) {
	srv, ws, _ := newServer(t)
	const token = "cancel-mid-file"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(importRequest(t, ctx, srv.URL+"/api/import?progress="+token, "big.csv", bigCSV(60000)))
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	url := srv.URL + "/api/import/progress/" + token
	pollProgress(t, url, func(a progressAnswer) bool { return a.Progress != nil && a.Progress.RowsRead > 0 })
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("POST after the cancel: %v", err)
	}
	// The import ends on the server when it notices; its file's report is
	// then "done" (with nothing stored).
	pollProgress(t, url, func(a progressAnswer) bool { return a.Progress != nil && a.Progress.Stage == "done" })
	var hist struct {
		Imports []struct{ FileName string } `json:"imports"`
	}
	getJSON(t, srv.URL+"/api/imports", &hist)
	if len(hist.Imports) != 0 {
		t.Fatalf("imports after the cancel: %+v", hist.Imports)
	}
	err := ws.With(func(db *sqlite.DB, _ uint64) error {
		c, err := db.Counts(context.Background())
		if err == nil && c.Items != 3 {
			err = fmt.Errorf("%d items after the cancel, want the 3 from before", c.Items)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
