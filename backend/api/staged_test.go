package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fetchStaged does GET /api/import/staged/{id} and returns the status and
// the body (the file's bytes, or the error's message).
func fetchStaged(t *testing.T, s *Server, id string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/import/staged/"+id, nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		json.Unmarshal(body, &e)
		return rec.Code, e.Error.Message
	}
	return rec.Code, string(body)
}

func TestStageFiles(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "zoë's export.csv")
	const content = "Issue key,Issue Type\nOPS-1,Chore\n"
	os.WriteFile(csv, []byte(content), 0o644)
	big := filepath.Join(dir, "huge.csv")
	if f, err := os.Create(big); err == nil {
		f.Truncate(maxUpload + 1) // sparse: no disk used
		f.Close()
	}
	gone := filepath.Join(dir, "gone.csv")
	os.WriteFile(gone, []byte("x"), 0o644)

	s := New(nil, "test", nil)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.staged.now = func() time.Time { return now }
	staged := s.StageFiles([]string{csv, dir, filepath.Join(dir, "missing.csv"), "relative.csv", big, gone})

	tests := []struct {
		name, wantName, wantError string
	}{
		{"RegularFile", "zoë's export.csv", ""},
		{"Folder", filepath.Base(dir), "It is a folder"},
		{"Missing", "missing.csv", "It cannot be read"},
		{"RelativePath", "relative.csv", "no full path"},
		{"TooLarge", "huge.csv", "more than the 512 MB"},
		{"DeletedAfterPicking", "gone.csv", ""},
	}
	if len(staged) != len(tests) {
		t.Fatalf("%d entries for %d paths: %+v", len(staged), len(tests), staged)
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{32}$`)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := staged[i]
			if f.Name != tc.wantName {
				t.Errorf("name %q, want %q", f.Name, tc.wantName)
			}
			if tc.wantError == "" {
				if f.Error != "" || !hexID.MatchString(f.ID) {
					t.Fatalf("entry %+v: want a random id and no error", f)
				}
				return
			}
			if f.ID != "" || !strings.Contains(f.Error, tc.wantError) {
				t.Fatalf("entry %+v: want no id and an error containing %q", f, tc.wantError)
			}
		})
	}

	t.Run("FetchedOnceWithItsBytes", func(t *testing.T) {
		f := staged[0]
		if f.Size != int64(len(content)) || f.Modified == 0 {
			t.Errorf("size %d, modified %d: want the file's", f.Size, f.Modified)
		}
		code, body := fetchStaged(t, s, f.ID)
		if code != http.StatusOK || body != content {
			t.Fatalf("first fetch: %d %q", code, body)
		}
		if code, msg := fetchStaged(t, s, f.ID); code != http.StatusNotFound || !strings.Contains(msg, "Pick it again") {
			t.Fatalf("second fetch: %d %q, want 404 saying to pick it again", code, msg)
		}
	})

	t.Run("FileGoneBeforeTheFetch", func(t *testing.T) {
		os.Remove(gone)
		if code, msg := fetchStaged(t, s, staged[5].ID); code != http.StatusNotFound || !strings.Contains(msg, "gone.csv can no longer be read") {
			t.Fatalf("fetch: %d %q", code, msg)
		}
	})

	t.Run("UnknownOrPathLikeIDs", func(t *testing.T) {
		for _, id := range []string{"0123456789abcdef0123456789abcdef", "..%2F..%2Fetc%2Fpasswd", url.PathEscape(csv)} {
			if code, _ := fetchStaged(t, s, id); code != http.StatusNotFound {
				t.Errorf("id %q: status %d, want 404", id, code)
			}
		}
	})

	t.Run("Expires", func(t *testing.T) {
		again := s.StageFiles([]string{csv})
		now = now.Add(stagedTTL)
		if code, _ := fetchStaged(t, s, again[0].ID); code != http.StatusNotFound {
			t.Fatalf("fetch after %v: status %d, want 404", stagedTTL, code)
		}
		if len(s.staged.files) != 0 {
			t.Fatalf("%d entries left after they expired", len(s.staged.files))
		}
	})

	t.Run("IDsDiffer", func(t *testing.T) {
		a, b := s.StageFiles([]string{csv}), s.StageFiles([]string{csv})
		if a[0].ID == b[0].ID {
			t.Fatalf("the same file picked twice got one id %q", a[0].ID)
		}
	})
}
