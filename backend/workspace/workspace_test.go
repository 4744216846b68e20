package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
	"github.com/throughline/throughline/backend/workspace"
)

func newWorkspace(t *testing.T) (*workspace.Workspace, workspace.Dirs) {
	t.Helper()
	dir := t.TempDir()
	dirs := workspace.Dirs{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data")}
	ws := workspace.New(dirs)
	t.Cleanup(func() { ws.Close() })
	return ws, dirs
}

func settings(t *testing.T, ws *workspace.Workspace) (backend.Settings, sqlite.Counts, string) {
	t.Helper()
	var s backend.Settings
	var c sqlite.Counts
	var path string
	err := ws.With(func(db *sqlite.DB, _ uint64) error {
		var err error
		if s, err = db.Settings(context.Background()); err != nil {
			return err
		}
		c, err = db.Counts(context.Background())
		path = db.Path()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, c, path
}

func TestOpenDefault(t *testing.T) {
	ctx := context.Background()

	t.Run("FirstLaunchCreatesDemoInDataFolder", func(t *testing.T) {
		ws, dirs := newWorkspace(t)
		if err := ws.OpenDefault(ctx); err != nil {
			t.Fatal(err)
		}
		s, c, path := settings(t, ws)
		if path != filepath.Join(dirs.Data, workspace.DemoFileName) || !s.Demo || c.Items < 3000 {
			t.Fatalf("first launch opened %s (demo %v, %d items)", path, s.Demo, c.Items)
		}
		if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
			t.Fatal("the temporary demo file was left behind")
		}
	})

	t.Run("NextLaunchReopensLastPortfolio", func(t *testing.T) {
		ws, dirs := newWorkspace(t)
		mine := filepath.Join(t.TempDir(), "mine.db")
		if err := ws.Create(ctx, mine, "Mine"); err != nil {
			t.Fatal(err)
		}
		ws.Close()
		ws2 := workspace.New(dirs)
		defer ws2.Close()
		if err := ws2.OpenDefault(ctx); err != nil {
			t.Fatal(err)
		}
		if s, _, path := settings(t, ws2); path != mine || s.Name != "Mine" {
			t.Fatalf("reopened %s (%q), want %s", path, s.Name, mine)
		}
	})

	t.Run("LastPortfolioGoneFallsBackToDemo", func(t *testing.T) {
		ws, dirs := newWorkspace(t)
		mine := filepath.Join(t.TempDir(), "gone.db")
		if err := ws.Create(ctx, mine, "Gone"); err != nil {
			t.Fatal(err)
		}
		ws.Close()
		os.Remove(mine)
		ws2 := workspace.New(dirs)
		defer ws2.Close()
		if err := ws2.OpenDefault(ctx); err != nil {
			t.Fatal(err)
		}
		if s, _, _ := settings(t, ws2); !s.Demo {
			t.Fatal("did not fall back to the demo portfolio")
		}
		recent, _ := ws2.Recent()
		if len(recent) != 2 || recent[1].Exists {
			t.Fatalf("recent = %+v, want the demo first and the gone file marked missing", recent)
		}
	})
}

func TestCreateAndOpen(t *testing.T) {
	ctx := context.Background()
	ws, _ := newWorkspace(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")

	if err := ws.Create(ctx, a, ""); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := settings(t, ws); s.Name != "a" {
		t.Fatalf("default name = %q, want the file name", s.Name)
	}
	t.Run("CreateNeverOverwrites", func(t *testing.T) {
		err := ws.Create(ctx, a, "again")
		if backend.ErrorCode(err) != backend.EConflict {
			t.Fatalf("create over existing: %v", err)
		}
	})
	t.Run("FailedOpenKeepsCurrentPortfolio", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.db")
		os.WriteFile(bad, []byte("not a database at all, just text"), 0o644)
		if err := ws.Open(ctx, bad); backend.ErrorCode(err) != backend.EForeignFile {
			t.Fatalf("open foreign: %v", err)
		}
		if _, _, path := settings(t, ws); path != a {
			t.Fatalf("current portfolio after failed open = %s, want %s", path, a)
		}
	})
	t.Run("RecentIsNewestFirstWithoutDuplicates", func(t *testing.T) {
		b := filepath.Join(dir, "b.db")
		if err := ws.Create(ctx, b, "B"); err != nil {
			t.Fatal(err)
		}
		if err := ws.Open(ctx, a); err != nil {
			t.Fatal(err)
		}
		recent, err := ws.Recent()
		if err != nil {
			t.Fatal(err)
		}
		if len(recent) != 2 || recent[0].Path != a || recent[1].Path != b {
			t.Fatalf("recent = %+v", recent)
		}
	})
}
