package imports

import "io"

// Parsing a workbook's XML is most of an xlsx import's work, and it runs in
// one goroutine inside excelize. prefetch moves it to a goroutine of its
// own, a few batches of rows ahead of the reader, so that on a machine with
// more than one core the rows are parsed while the previous ones are
// classified, mapped and stored.

const (
	prefetchBatch   = 256 // rows per hand-over
	prefetchBatches = 4   // batches parsed ahead
)

type rowBatch struct {
	rows []rawRow
	err  error // after the rows: io.EOF at the end, or why the source stopped
}

// prefetchSource reads another source ahead on its own goroutine. The
// source is used by that goroutine only, and closed once it has stopped.
type prefetchSource struct {
	src     rowSource
	batches chan rowBatch
	stop    chan struct{}
	stopped chan struct{}
	cur     []rawRow
	err     error
}

func prefetch(src rowSource) *prefetchSource {
	p := &prefetchSource{src: src, batches: make(chan rowBatch, prefetchBatches), stop: make(chan struct{}), stopped: make(chan struct{})}
	go p.run()
	return p
}

func (p *prefetchSource) run() {
	defer close(p.stopped)
	for {
		b := rowBatch{rows: make([]rawRow, 0, prefetchBatch)}
		for len(b.rows) < prefetchBatch {
			r, err := p.src.next()
			if err != nil {
				b.err = err
				break
			}
			b.rows = append(b.rows, r)
		}
		select {
		case p.batches <- b:
		case <-p.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

func (p *prefetchSource) next() (rawRow, error) {
	for len(p.cur) == 0 {
		if p.err != nil {
			return rawRow{}, p.err
		}
		b, ok := <-p.batches
		if !ok {
			return rawRow{}, io.EOF
		}
		p.cur, p.err = b.rows, b.err
	}
	r := p.cur[0]
	p.cur[0] = rawRow{}
	p.cur = p.cur[1:]
	return r, nil
}

// close stops the goroutine (it may be parsing a batch nobody will read),
// then closes the source.
func (p *prefetchSource) close() error {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.stopped
	return p.src.close()
}
