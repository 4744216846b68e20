package api

import (
	"fmt"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/intake"
)

func TestProgressBoard(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	b := progressBoard{now: func() time.Time { return now }}
	if _, ok := b.get("nothing-yet"); ok {
		t.Fatal("an empty board knows a token")
	}
	b.set("zoe-0001", intake.FileProgress{File: "Zoë.xlsx", Stage: intake.ProgressReading, RowsRead: 5000})
	now = now.Add(progressTTL - time.Second)
	b.set("jurgen-01", intake.FileProgress{File: "Jürgen.csv", Stage: intake.ProgressReading})
	if p, ok := b.get("zoe-0001"); !ok || p.RowsRead != 5000 {
		t.Fatalf("before it expires: %+v %v", p, ok)
	}
	now = now.Add(2 * time.Second)
	if _, ok := b.get("zoe-0001"); ok {
		t.Fatal("an entry outlived progressTTL")
	}
	if _, ok := b.get("jurgen-01"); !ok {
		t.Fatal("a recent entry expired")
	}

	// Past progressMax, the entry changed longest ago makes room.
	for i := range progressMax + 10 {
		now = now.Add(time.Millisecond)
		b.set(fmt.Sprintf("token-%04d", i), intake.FileProgress{RowsRead: i})
	}
	if len(b.entries) != progressMax {
		t.Fatalf("%d entries, want %d", len(b.entries), progressMax)
	}
	if _, ok := b.get("token-0009"); ok {
		t.Fatal("an old entry was kept")
	}
	if _, ok := b.get("token-0010"); !ok {
		t.Fatal("an entry went before its turn")
	}
	if p, ok := b.get(fmt.Sprintf("token-%04d", progressMax+9)); !ok || p.RowsRead != progressMax+9 {
		t.Fatalf("the newest entry: %+v %v", p, ok)
	}
}
