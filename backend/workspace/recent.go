package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
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
	return writeFileAtomic(w.recentFile(), b)
}

func displayName(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, ".db")
	return strings.TrimSuffix(base, ".throughline")
}

// writeFileAtomic writes to a temporary file in the same folder, syncs it and
// renames it over the target, so the target is always whole.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	return nil
}
