package api_test

import (
	"io/fs"
	"testing/fstest"
)

func fstestMap() fs.FS {
	return fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><div id="root"></div>`)}}
}
