package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/throughline/throughline/backend/intake"
)

// importProgress returns the intake callback that keeps one line on stderr
// up to date while a large file is read ("Reading big.xlsx: 120,000 of
// about 200,000 rows…"), or nil: with --json, or when stderr is not a
// terminal (a pipe or a file gets the report only).
func importProgress(stderr io.Writer, asJSON bool) func(intake.FileProgress) {
	f, ok := stderr.(*os.File)
	if asJSON || !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return (&progressLine{w: stderr}).update
}

// progressLine rewrites one terminal line. Only files with rows to report
// get it (intake reports rows every 5,000), so small files print nothing;
// the line is erased when the file is done, before its report is printed.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	shown bool // the line is on screen
}

func (l *progressLine) update(p intake.FileProgress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var text string
	switch {
	case p.Stage == intake.ProgressDone:
		if l.shown {
			fmt.Fprint(l.w, "\r\x1b[K")
			l.shown = false
		}
		return
	case p.Stage == intake.ProgressStoring && l.shown:
		text = fmt.Sprintf("Storing %s: %s rows read…", p.File, thousands(p.RowsRead))
	case p.Stage == intake.ProgressReading && p.RowsRead > 0:
		of := ""
		if p.RowsTotal > 0 {
			of = " of about " + thousands(p.RowsTotal)
		}
		stored := ""
		if p.ItemsStored > 0 {
			stored = ", " + thousands(p.ItemsStored) + " items stored"
		}
		text = fmt.Sprintf("Reading %s: %s%s rows%s…", p.File, thousands(p.RowsRead), of, stored)
	default:
		return
	}
	fmt.Fprint(l.w, "\r"+text+"\x1b[K")
	l.shown = true
}

// thousands writes n with comma separators: 120000 → "120,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
