// Package app is Throughline's desktop shell: the only package that imports
// the Wails runtime. It owns the window, the native menu, the file dialogs and
// the asset-server wiring that routes /api/ to the backend's HTTP handler. It
// holds no business logic: everything it does is a call into the backend.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/workspace"
)

// EventPortfolioChanged tells the frontend that another portfolio was opened
// from the native menu, so it refetches everything.
const EventPortfolioChanged = "portfolio:changed"

// Shell is bound to the frontend as window.go.app.Shell.
type Shell struct {
	ws  *workspace.Workspace
	api http.Handler
	log *slog.Logger

	mu  sync.Mutex
	ctx context.Context

	selfTest     bool // THROUGHLINE_SELFTEST=1: print the page's self-test report
	selfTestQuit bool // THROUGHLINE_SELFTEST_QUIT=1: and quit after it

	// The Wails calls File › Import Files… makes (a test replaces them).
	pickFiles func(context.Context, runtime.OpenDialogOptions) ([]string, error)
	emit      func(ctx context.Context, name string, data ...any)
}

// NewShell returns the shell over an open workspace and the API handler.
func NewShell(ws *workspace.Workspace, api http.Handler, log *slog.Logger) *Shell {
	return &Shell{ws: ws, api: api, log: log,
		selfTest: os.Getenv("THROUGHLINE_SELFTEST") == "1", selfTestQuit: os.Getenv("THROUGHLINE_SELFTEST_QUIT") == "1",
		pickFiles: wailsPickFiles, emit: wailsEmit}
}

// Middleware routes /api/ to the backend handler before the asset server
// looks for a file (so it also works under `wails dev`, where GETs would
// otherwise be answered by Vite).
func (s *Shell) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.api.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Shell) startup(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	s.refreshTitle()
}

func (s *Shell) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

// OpenPortfolioDialog asks for a portfolio file with the native dialog and
// opens it. It returns false when the user cancelled. The path never comes
// from the page.
func (s *Shell) OpenPortfolioDialog() (bool, error) {
	ctx := s.context()
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   "Open portfolio",
		Filters: []runtime.FileFilter{{DisplayName: "Throughline portfolios (*.db)", Pattern: "*.db"}},
	})
	if err != nil || path == "" {
		return false, err
	}
	return true, s.open(path)
}

// NewPortfolioDialog asks where to create a new portfolio and creates it.
func (s *Shell) NewPortfolioDialog() (bool, error) {
	ctx := s.context()
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:           "New portfolio",
		DefaultFilename: "portfolio.db",
		Filters:         []runtime.FileFilter{{DisplayName: "Throughline portfolios (*.db)", Pattern: "*.db"}},
	})
	if err != nil || path == "" {
		return false, err
	}
	if filepath.Ext(path) == "" {
		path += ".db"
	}
	if err := s.ws.Create(ctx, path, ""); err != nil {
		return false, err
	}
	s.changed()
	return true, nil
}

func (s *Shell) open(path string) error {
	if err := s.ws.Open(s.context(), path); err != nil {
		return err
	}
	s.changed()
	return nil
}

// changed updates the title and the Recent menu and tells the page.
func (s *Shell) changed() {
	ctx := s.context()
	s.refreshTitle()
	runtime.MenuSetApplicationMenu(ctx, s.Menu())
	runtime.MenuUpdateApplicationMenu(ctx)
	runtime.EventsEmit(ctx, EventPortfolioChanged)
}

func (s *Shell) refreshTitle() {
	title := "Throughline"
	if recent, err := s.ws.Recent(); err == nil && len(recent) > 0 {
		title = fmt.Sprintf("%s — Throughline", recent[0].Name)
	}
	runtime.WindowSetTitle(s.context(), title)
}

// Report is the page's self-test hook: with THROUGHLINE_SELFTEST=1 the page's
// JSON report is printed as one "SELFTEST {...}" line, which the desktop smoke
// test reads instead of doing OCR on a screenshot.
func (s *Shell) Report(report string) {
	if !s.selfTest {
		return
	}
	fmt.Printf("SELFTEST %s\n", strings.ReplaceAll(report, "\n", " "))
	os.Stdout.Sync()
	if s.selfTestQuit {
		runtime.Quit(s.context())
	}
}

// Menu builds the native menu: File › New, Open, Open Recent, Import Files…,
// Quit. The page handles Ctrl+N and Ctrl+O itself (so they work in a browser
// too); Import Files… (Ctrl+I) and Quit carry accelerators here.
func (s *Shell) Menu() *menu.Menu {
	m := menu.NewMenu()
	file := m.AddSubmenu("File")
	file.AddText("New Portfolio…", nil, func(*menu.CallbackData) { s.menuAction(s.NewPortfolioDialog) })
	file.AddText("Open Portfolio…", nil, func(*menu.CallbackData) { s.menuAction(s.OpenPortfolioDialog) })
	recentMenu := file.AddSubmenu("Open Recent")
	if recent, err := s.ws.Recent(); err == nil {
		for _, r := range recent {
			r := r
			item := recentMenu.AddText(r.Name+"  ("+r.Path+")", nil, func(*menu.CallbackData) {
				if err := s.open(r.Path); err != nil {
					s.showError(err)
				}
			})
			item.Disabled = !r.Exists
		}
	}
	file.AddSeparator()
	file.AddText("Import Files…", keys.CmdOrCtrl("i"), func(*menu.CallbackData) { s.menuImportFiles() })
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { runtime.Quit(s.context()) })
	return m
}

func (s *Shell) menuAction(fn func() (bool, error)) {
	if _, err := fn(); err != nil {
		s.showError(err)
	}
}

func (s *Shell) showError(err error) {
	s.log.Error("menu action", "err", err)
	runtime.MessageDialog(s.context(), runtime.MessageDialogOptions{Type: runtime.ErrorDialog, Title: "Throughline", Message: backend.ErrorMessage(err)})
}

// focus brings the window forward when a second instance was launched. The
// second instance's arguments are untrusted and ignored.
func (s *Shell) focus() {
	ctx := s.context()
	if ctx == nil {
		return
	}
	runtime.WindowUnminimise(ctx)
	runtime.WindowShow(ctx)
}
