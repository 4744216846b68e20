-- 0002: what each import changed, so it can be undone exactly.
-- An import that updates existing items keeps each item's previous row as
-- JSON; undo restores it. Teams and programs the import created are listed
-- so undo can remove them when nothing else uses them.

CREATE TABLE import_item_changes (
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created','updated')),
    before_json TEXT, -- the item's row before an update; NULL for created
    PRIMARY KEY (batch_id, item_id)
) WITHOUT ROWID;
CREATE INDEX import_item_changes_item ON import_item_changes(item_id);

CREATE TABLE import_created_refs (
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('team','program','pi')),
    ref_id   INTEGER NOT NULL,
    PRIMARY KEY (batch_id, kind, ref_id)
) WITHOUT ROWID;
