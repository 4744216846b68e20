package main

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

func breakForeignKey(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE work_items SET team_id = 999999 WHERE id = (SELECT min(id) FROM work_items WHERE team_id IS NOT NULL)"); err != nil {
		t.Fatal(err)
	}
}
