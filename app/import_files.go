package app

import (
	"context"
	"fmt"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/throughline/throughline/backend/api"
)

// EventImportFiles hands files picked with File › Import Files… to the
// page: its data is the []api.StagedFile of the pick. The page fetches each
// file's bytes from /api/import/staged/{id} and adds them to the Import
// screen as if they had been dropped.
const EventImportFiles = "import:files"

// importFilters are the file types an import reads (PRODUCT §7).
var importFilters = []runtime.FileFilter{
	{DisplayName: "Spreadsheets and exports (*.xlsx, *.xlsm, *.csv, *.tsv, *.txt)", Pattern: "*.xlsx;*.xlsm;*.csv;*.tsv;*.txt"},
	{DisplayName: "All files", Pattern: "*"},
}

// fileStager is the API's registry of picked files (api.Server.StageFiles).
type fileStager interface {
	StageFiles(paths []string) []api.StagedFile
}

// ImportFilesDialog shows the native dialog for files to import and stages
// the chosen ones for the page; bound, for the Import screen's button. It
// returns an empty list when the user cancelled. The paths never come from
// the page, and the page never sees them.
func (s *Shell) ImportFilesDialog() ([]api.StagedFile, error) {
	stager, ok := s.api.(fileStager)
	if !ok {
		return nil, fmt.Errorf("this window cannot hand picked files to the Import screen; drop them on the window instead")
	}
	paths, err := s.pickFiles(s.context(), runtime.OpenDialogOptions{Title: "Import files", Filters: importFilters})
	if err != nil {
		return nil, fmt.Errorf("the file dialog failed: %w", err)
	}
	if len(paths) == 0 {
		return []api.StagedFile{}, nil
	}
	return stager.StageFiles(paths), nil
}

// menuImportFiles is File › Import Files…: the dialog, then the event that
// takes the page to the Import screen with the files.
func (s *Shell) menuImportFiles() {
	files, err := s.ImportFilesDialog()
	if err != nil {
		s.showError(err)
		return
	}
	if len(files) > 0 {
		s.emit(s.context(), EventImportFiles, files)
	}
}

// Wails' runtime calls, replaceable in tests (they need a running window).
var (
	wailsPickFiles = func(ctx context.Context, o runtime.OpenDialogOptions) ([]string, error) {
		return runtime.OpenMultipleFilesDialog(ctx, o)
	}
	wailsEmit = func(ctx context.Context, name string, data ...any) { runtime.EventsEmit(ctx, name, data...) }
)
