-- 0004: status history remembers whether it was rebuilt from an items
-- export's date columns (created, started, resolved… or one date per stage)
-- or read from a changelog. A changelog then replaces the rebuilt entries
-- of its items instead of being stored beside them, and a rebuilt history
-- is not added to an item that already has a real one.
ALTER TABLE status_changes ADD COLUMN reconstructed INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1));

-- Rows stored before this version: every items format (Jira CSV, Azure
-- DevOps, Rally, stage dates, templates, saved column mappings) has always
-- rebuilt its history from date columns, and only the changelog format
-- ("jira_history", alone or in a workbook's "a+b" format) brings real
-- changes. So rows added by an import without a changelog sheet were
-- rebuilt. Rows of an import that had one, and rows loaded without an import
-- (the demo portfolio, whose generator writes whole histories), stay real:
-- they cannot be told apart, and real is what leaves them untouched.
UPDATE status_changes SET reconstructed = 1
WHERE batch_id IN (SELECT id FROM import_batches WHERE format <> '' AND instr(format, 'history') = 0);

-- The rebuilt status changes an import removed because real ones arrived for
-- their item, as they were, so that undo puts them back (with their ID when
-- it is still free). Rows the same import had added are not kept: undo
-- removes them anyway.
CREATE TABLE import_removed_changes (
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    change_id   INTEGER NOT NULL, -- status_changes.id before removal
    item_id     INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    added_by    INTEGER, -- the import that had added the row (status_changes.batch_id)
    PRIMARY KEY (batch_id, change_id)
) WITHOUT ROWID;

-- Which items have a real history, for an import deciding whether an
-- item's rebuilt changes are added. Rebuilt rows, most of the table, are
-- not in it: writing them costs nothing more.
CREATE INDEX status_changes_real ON status_changes(item_id) WHERE reconstructed = 0;
