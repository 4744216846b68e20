package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

// uniqueID identifies Throughline for the single-instance lock: a second
// launch focuses the first window instead of opening the portfolio twice.
const uniqueID = "8f0d7c52-3a5e-4f7e-9a61-throughline-desktop"

// Run opens the desktop window on the built frontend and blocks until it is
// closed.
func (s *Shell) Run(assets fs.FS, onShutdown func()) error {
	return wails.Run(&options.App{
		Title:     "Throughline",
		Width:     1280,
		Height:    800,
		MinWidth:  1024,
		MinHeight: 640,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: s.Middleware,
		},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 251, A: 255},
		Menu:             s.Menu(),
		OnStartup:        s.startup,
		OnShutdown:       func(context.Context) { onShutdown() },
		Bind:             []any{s},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               uniqueID,
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { s.focus() },
		},
		Linux: &linux.Options{ProgramName: "throughline"},
	})
}
