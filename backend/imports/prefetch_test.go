package imports

import (
	"errors"
	"io"
	"testing"
)

// countingSource yields n rows, then err.
type countingSource struct {
	n, read int
	err     error
	closed  bool
}

func (s *countingSource) next() (rawRow, error) {
	if s.read == s.n {
		return rawRow{}, s.err
	}
	s.read++
	return rawRow{number: s.read}, nil
}

func (s *countingSource) close() error { s.closed = true; return nil }

// TestPrefetchKeepsOrderAndErrors: rows come out in order across batches,
// the source's error follows the last row and repeats, and closing early
// stops the goroutine before the source is closed.
func TestPrefetchKeepsOrderAndErrors(t *testing.T) {
	for _, tc := range []struct {
		n   int
		err error
	}{{0, io.EOF}, {1, io.EOF}, {prefetchBatch, io.EOF}, {3*prefetchBatch + 7, io.EOF}, {prefetchBatch + 1, errors.New("damaged")}} {
		src := &countingSource{n: tc.n, err: tc.err}
		p := prefetch(src)
		for i := 1; i <= tc.n; i++ {
			r, err := p.next()
			if err != nil || r.number != i {
				t.Fatalf("n=%d: row %d = %d, %v", tc.n, i, r.number, err)
			}
		}
		for range 2 {
			if _, err := p.next(); err != tc.err {
				t.Fatalf("n=%d: after the rows %v, want %v", tc.n, err, tc.err)
			}
		}
		if err := p.close(); err != nil || !src.closed {
			t.Fatalf("close: %v, source closed %v", err, src.closed)
		}
	}
	// Closed after one row of a long source: the goroutine stops.
	src := &countingSource{n: 1 << 30, err: io.EOF}
	p := prefetch(src)
	if r, err := p.next(); err != nil || r.number != 1 {
		t.Fatalf("first row %d, %v", r.number, err)
	}
	if err := p.close(); err != nil || !src.closed || src.read >= 1<<30 {
		t.Fatalf("close: %v, closed %v after %d rows", err, src.closed, src.read)
	}
}
