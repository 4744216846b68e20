package sqlite

import (
	"database/sql"
	"fmt"
	"time"
)

// timeLayout is how instants are stored: UTC RFC 3339, second precision,
// so that text order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// tsPtr stores an optional instant as NULL when absent.
func tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

// id stores a reference as NULL when it is 0 (none).
func id(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// text stores an optional civil date or string as NULL when empty.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

func parseNullTime(s sql.NullString) (*time.Time, error) {
	if !s.Valid {
		return nil, nil
	}
	t, err := parseTime(s.String)
	if err != nil {
		return nil, err
	}
	return &t, nil
}
