package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/throughline/throughline/backend/safefile"
)

// maxRecent is how many portfolios File › Recent lists.
const maxRecent = 10

// Recent is one entry of the recent-portfolios list, newest first.
type Recent struct {
	Path     string    `json:"path"`
	Name     string    `json:"name"`
	OpenedAt time.Time `json:"openedAt"`
	Exists   bool      `json:"exists"`
}

func (w *Workspace) recentFile() string { return filepath.Join(w.dirs.Config, "recent.json") }

// Recent returns the recent portfolios, newest first, marking those whose
// file is gone.
func (w *Workspace) Recent() ([]Recent, error) {
	list, err := w.readRecent()
	if err != nil {
		return nil, err
	}
	for i := range list {
		_, err := os.Stat(list[i].Path)
		list[i].Exists = err == nil
	}
	return list, nil
}

func (w *Workspace) readRecent() ([]Recent, error) {
	b, err := os.ReadFile(w.recentFile())
	if errors.Is(err, os.ErrNotExist) {
		return []Recent{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("read recent portfolios: %w", err)
	}
	var list []Recent
	if err := json.Unmarshal(b, &list); err != nil {
		// A damaged list is not worth failing the start-up for: start afresh.
		return []Recent{}, nil
	}
	return list, nil
}

// remember moves path to the top of the recent list. Callers hold w.mu.
func (w *Workspace) remember(path string) error {
	list, err := w.readRecent()
	if err != nil {
		return err
	}
	out := []Recent{{Path: path, Name: displayName(path), OpenedAt: time.Now().UTC()}}
	for _, r := range list {
		if r.Path != path && len(out) < maxRecent {
			out = append(out, r)
		}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encode recent portfolios: %w", err)
	}
	return safefile.Write(w.recentFile(), func(out io.Writer) error {
		_, err := out.Write(b)
		return err
	})
}

func displayName(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, ".db")
	return strings.TrimSuffix(base, ".throughline")
}
