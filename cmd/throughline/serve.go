package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/api"
	"github.com/throughline/throughline/backend/workspace"
	"github.com/throughline/throughline/frontend"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	dbPath := fs.String("db", "", "portfolio file to serve (created empty when missing)")
	addr := fs.String("addr", "127.0.0.1:8765", "address to listen on; keep it on loopback")
	if err := parse(fs, args, "db"); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %q: %v", *addr, err)}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: %s is not a loopback address; anyone who can reach it can read this portfolio\n", host)
	}
	dirs, err := workspace.DefaultDirs()
	if err != nil {
		return err
	}
	ws := workspace.New(dirs)
	defer ws.Close()
	if err := ws.Open(ctx, *dbPath); workspace.IsNotExist(err) {
		err = ws.Create(ctx, *dbPath, "")
		if err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	handler := api.WithFrontend(api.New(ws, backend.Version, logger), frontend.Dist())
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	// Tests and scripts wait for this line to learn the port.
	fmt.Fprintf(stdout, "LISTENING http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}
