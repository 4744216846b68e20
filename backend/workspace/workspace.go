// Package workspace owns the portfolio that is open: it opens and creates
// portfolio files, remembers the recent ones and the last one, and on first
// launch creates the demo portfolio in the user's data folder. The desktop
// shell, `throughline serve` and the HTTP API share one Workspace.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/sqlite"
)

// Dirs are where the workspace keeps its state.
type Dirs struct {
	Config string // recent.json lives here
	Data   string // the demo portfolio is created here on first launch
}

// DefaultDirs returns the per-user folders: $THROUGHLINE_HOME/{config,data}
// when set (tests, portable use), else the OS's config and data folders.
func DefaultDirs() (Dirs, error) {
	if home := os.Getenv("THROUGHLINE_HOME"); home != "" {
		return Dirs{Config: filepath.Join(home, "config"), Data: filepath.Join(home, "data")}, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return Dirs{}, fmt.Errorf("find the config folder: %w", err)
	}
	return Dirs{Config: filepath.Join(cfg, "Throughline"), Data: filepath.Join(userDataDir(cfg), "Throughline")}, nil
}

// userDataDir is the OS's per-user data folder. On Linux that is
// $XDG_DATA_HOME or ~/.local/share; elsewhere the config folder (AppData
// Roaming, Library/Application Support) is the data folder too.
func userDataDir(cfg string) string {
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return x
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Base(cfg) == ".config" {
		return filepath.Join(home, ".local", "share")
	}
	return cfg
}

// DemoFileName is the name of the demo portfolio created on first launch.
const DemoFileName = "demo-portfolio.throughline.db"

// Workspace holds the open portfolio. It is safe for concurrent use: readers
// share it while Open and Create swap it.
type Workspace struct {
	dirs Dirs

	mu         sync.RWMutex
	db         *sqlite.DB
	generation uint64 // bumps whenever the open portfolio or its data changes
}

// New returns a workspace with no portfolio open.
func New(dirs Dirs) *Workspace { return &Workspace{dirs: dirs} }

// With runs fn with the open portfolio. It returns a not-found error when no
// portfolio is open.
func (w *Workspace) With(fn func(db *sqlite.DB, generation uint64) error) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.db == nil {
		return backend.Errorf(backend.ENotFound, "No portfolio is open. Use File › Open or File › New.")
	}
	return fn(w.db, w.generation)
}

// Open opens an existing portfolio file and makes it the current one.
func (w *Workspace) Open(ctx context.Context, path string) error {
	return w.swap(ctx, path, sqlite.Options{}, nil)
}

// Create creates a new, empty portfolio named name at path and makes it the
// current one. An existing file is never overwritten.
func (w *Workspace) Create(ctx context.Context, path, name string) error {
	if _, err := os.Stat(path); err == nil {
		return backend.Errorf(backend.EConflict, "%s already exists; choose another file name or open it instead.", path)
	}
	if strings.TrimSpace(name) == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return w.swap(ctx, path, sqlite.Options{Create: true}, func(db *sqlite.DB) error {
		return db.SaveSettings(ctx, backend.DefaultSettings(name))
	})
}

// OpenDefault opens the last portfolio, or on first launch (or when the last
// one is gone) the demo portfolio in the data folder, creating it if needed.
func (w *Workspace) OpenDefault(ctx context.Context) error {
	recent, err := w.Recent()
	if err != nil {
		return err
	}
	// Only the most recent entry is "the last portfolio"; if it is gone or
	// cannot be opened, fall back to the demo rather than an older one.
	if len(recent) > 0 && recent[0].Exists {
		if err := w.Open(ctx, recent[0].Path); err == nil {
			return nil
		}
	}
	path := filepath.Join(w.dirs.Data, DemoFileName)
	if _, err := os.Stat(path); err == nil {
		return w.Open(ctx, path)
	}
	return w.CreateDemo(ctx, path, demo.Options{Seed: 1, Scale: "demo"})
}

// CreateDemo generates the demo portfolio into a new file at path and opens it.
func (w *Workspace) CreateDemo(ctx context.Context, path string, opts demo.Options) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", path, err)
	}
	if err := CreateDemoFile(ctx, path, opts); err != nil {
		return err
	}
	return w.Open(ctx, path)
}

// CreateDemoFile writes a generated portfolio to a new file at path. It is
// built under a temporary name and renamed at the end, so an interrupted run
// never leaves a half-filled portfolio under the final name.
func CreateDemoFile(ctx context.Context, path string, opts demo.Options) error {
	ds, err := demo.Generate(opts)
	if err != nil {
		return err
	}
	tmp := path + ".partial"
	removeDBFiles(tmp)
	db, err := sqlite.Open(ctx, tmp, sqlite.Options{Create: true})
	if err != nil {
		return err
	}
	if err := db.LoadDataset(ctx, ds); err != nil {
		db.Close()
		removeDBFiles(tmp)
		return err
	}
	if err := db.Close(); err != nil {
		removeDBFiles(tmp)
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		removeDBFiles(tmp)
		return fmt.Errorf("rename %s: %w", tmp, err)
	}
	return nil
}

// removeDBFiles removes a database and its side files together.
func removeDBFiles(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		os.Remove(p)
	}
}

func (w *Workspace) swap(ctx context.Context, path string, opts sqlite.Options, init func(*sqlite.DB) error) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return backend.Errorf(backend.EInvalid, "The path %q is not valid.", path)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.db != nil && w.db.Path() == abs {
		// Already open: reopening would read the file's header while our
		// connections hold POSIX locks on it, which SQLite warns against.
		return w.remember(abs)
	}
	db, err := sqlite.Open(ctx, abs, opts)
	if err != nil {
		return err
	}
	if init != nil {
		if err := init(db); err != nil {
			db.Close()
			return err
		}
	}
	if w.db != nil {
		if err := w.db.Close(); err != nil {
			db.Close()
			return fmt.Errorf("close %s: %w", w.db.Path(), err)
		}
	}
	w.db = db
	w.generation++
	return w.remember(abs)
}

// Touch records that the open portfolio's data changed, so cached figures
// are recomputed.
func (w *Workspace) Touch() {
	w.mu.Lock()
	w.generation++
	w.mu.Unlock()
}

// Close closes the open portfolio.
func (w *Workspace) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.db == nil {
		return nil
	}
	err := w.db.Close()
	w.db = nil
	return err
}

// IsNotExist reports whether err says a portfolio file does not exist.
func IsNotExist(err error) bool {
	return backend.ErrorCode(err) == backend.ENotFound || errors.Is(err, os.ErrNotExist)
}
