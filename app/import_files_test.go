package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/throughline/throughline/backend/api"
	"github.com/throughline/throughline/backend/workspace"
)

type emitted struct {
	name string
	data []any
}

// testShell is a shell over a real API handler whose dialog answers paths
// and whose events are recorded.
func testShell(paths []string, dialogErr error) (*Shell, *[]emitted, *runtime.OpenDialogOptions) {
	s := NewShell(nil, api.New(nil, "test", nil), slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.ctx = context.Background()
	var events []emitted
	var asked runtime.OpenDialogOptions
	s.pickFiles = func(_ context.Context, o runtime.OpenDialogOptions) ([]string, error) {
		asked = o
		return paths, dialogErr
	}
	s.emit = func(_ context.Context, name string, data ...any) { events = append(events, emitted{name, data}) }
	return s, &events, &asked
}

func TestImportFilesMenu(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "jira.csv")
	os.WriteFile(csv, []byte("Issue key,Issue Type\nOPS-1,Chore\n"), 0o644)

	t.Run("PickedFilesReachThePageThroughTheEvent", func(t *testing.T) {
		s, events, asked := testShell([]string{csv, dir}, nil)
		s.menuImportFiles()
		if !strings.Contains(asked.Filters[0].Pattern, "*.xlsx;*.xlsm;*.csv;*.tsv;*.txt") {
			t.Errorf("dialog filters %+v, want the import file types", asked.Filters)
		}
		if len(*events) != 1 || (*events)[0].name != EventImportFiles || len((*events)[0].data) != 1 {
			t.Fatalf("events %+v, want one %q with the staged list", *events, EventImportFiles)
		}
		files, ok := (*events)[0].data[0].([]api.StagedFile)
		if !ok || len(files) != 2 || files[0].ID == "" || files[0].Name != "jira.csv" || files[1].Error == "" {
			t.Fatalf("staged %+v, want jira.csv with an id and the folder with an error", (*events)[0].data[0])
		}
		// The page fetches the bytes through the same /api/ routing.
		rec := httptest.NewRecorder()
		s.Middleware(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/import/staged/"+files[0].ID, nil))
		if rec.Code != http.StatusOK || rec.Body.String() != "Issue key,Issue Type\nOPS-1,Chore\n" {
			t.Fatalf("fetch: %d %q", rec.Code, rec.Body.String())
		}
	})

	t.Run("CancelSendsNothing", func(t *testing.T) {
		s, events, _ := testShell(nil, nil)
		s.menuImportFiles()
		if len(*events) != 0 {
			t.Fatalf("events %+v after a cancelled dialog", *events)
		}
		files, err := s.ImportFilesDialog()
		if err != nil || files == nil || len(files) != 0 {
			t.Fatalf("bound method after cancel: %v, %v; want an empty list", files, err)
		}
	})

	t.Run("BoundMethodReturnsTheStagedFiles", func(t *testing.T) {
		s, events, _ := testShell([]string{csv}, nil)
		files, err := s.ImportFilesDialog()
		if err != nil || len(files) != 1 || files[0].ID == "" || len(*events) != 0 {
			t.Fatalf("files %+v, err %v, events %+v: want the list returned, no event", files, err, *events)
		}
	})

	t.Run("DialogFailure", func(t *testing.T) {
		s, _, _ := testShell(nil, errors.New("no portal"))
		if _, err := s.ImportFilesDialog(); err == nil || !strings.Contains(err.Error(), "file dialog failed") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("HandlerWithoutStaging", func(t *testing.T) {
		s, _, _ := testShell([]string{csv}, nil)
		s.api = http.NotFoundHandler()
		if _, err := s.ImportFilesDialog(); err == nil || !strings.Contains(err.Error(), "drop them on the window") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestMenuHasImportFiles(t *testing.T) {
	s, _, _ := testShell(nil, nil)
	dir := t.TempDir()
	s.ws = workspace.New(workspace.Dirs{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data")})
	m := s.Menu()
	if len(m.Items) == 0 || m.Items[0].SubMenu == nil {
		t.Fatal("no File menu")
	}
	for _, it := range m.Items[0].SubMenu.Items {
		if it.Label == "Import Files…" {
			if it.Accelerator == nil || it.Accelerator.Key != "i" {
				t.Fatalf("Import Files… accelerator %+v, want Ctrl/Cmd+I", it.Accelerator)
			}
			return
		}
	}
	t.Fatal("no File › Import Files…")
}
