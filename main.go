// Throughline's desktop app: the composition root. It opens the last
// portfolio (or, on first launch, creates the demo portfolio in the user's
// data folder), builds the API over it and hands both to the Wails shell.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	_ "time/tzdata" // reporting time zones must resolve on machines without a tz database

	"github.com/throughline/throughline/app"
	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/api"
	"github.com/throughline/throughline/backend/workspace"
	"github.com/throughline/throughline/frontend"
)

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(logger); err != nil {
		logger.Error("throughline", "err", err)
		fmt.Fprintln(os.Stderr, "Throughline could not start:", backend.ErrorMessage(err))
		os.Exit(1)
	}
}

func run(logger *slog.Logger) error {
	ctx := context.Background()
	dirs, err := workspace.DefaultDirs()
	if err != nil {
		return err
	}
	ws := workspace.New(dirs)
	if err := ws.OpenDefault(ctx); err != nil {
		return fmt.Errorf("open the portfolio: %w", err)
	}
	shell := app.NewShell(ws, api.New(ws, backend.Version, logger), logger)
	return shell.Run(frontend.Dist(), func() {
		if err := ws.Close(); err != nil {
			logger.Error("close portfolio", "err", err)
		}
	})
}
