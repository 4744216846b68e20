-- 0003: importing the non-item sheets (team register, epics list, deployments,
-- incidents, PI objectives, OKR updates, benefits, CSAT/NPS, dependencies) as
-- undoable import batches.

-- What an import did to any row other than a work item's imported columns
-- (those stay in import_item_changes): created rows are deleted by undo,
-- updated rows get before_json back (the imported columns only). Services,
-- themes and business cases an import created are listed here too; undo
-- removes them only when nothing uses them. Teams, programs and PIs stay in
-- import_created_refs.
CREATE TABLE import_row_changes (
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created','updated')),
    before_json TEXT, -- the row's imported columns before an update; NULL for created
    PRIMARY KEY (batch_id, table_name, row_id)
) WITHOUT ROWID;
CREATE INDEX import_row_changes_row ON import_row_changes(table_name, row_id);

-- What a records import counted, per kind, for the import history.
ALTER TABLE import_batches ADD COLUMN counts_json TEXT NOT NULL DEFAULT '{}';

-- The epics list carries an owner and a start date; work items had neither.
ALTER TABLE work_items ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE work_items ADD COLUMN start_date TEXT; -- YYYY-MM-DD as the epics list says

-- Commits are appended like status history: the batch that added them.
ALTER TABLE deployment_commits ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);

-- Provenance of imported rows (PRODUCT §3: import batch, file, sheet, row).
ALTER TABLE deployments ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pi_objectives ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE pi_objectives ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE pi_objectives ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE key_result_updates ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE key_result_updates ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE key_result_updates ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE benefit_measurements ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE benefit_measurements ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE benefit_measurements ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer_feedback ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_feedback ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_feedback ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dependencies ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE dependencies ADD COLUMN source_sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE dependencies ADD COLUMN source_row INTEGER NOT NULL DEFAULT 0;

-- Natural-key lookups of re-imports, and the batch columns undo filters on.
CREATE INDEX deployments_key ON deployments(external_key) WHERE external_key <> '';
CREATE INDEX deployments_service_time ON deployments(service_id, deployed_at);
CREATE INDEX deployments_change_request ON deployments(change_request) WHERE change_request <> '';
CREATE INDEX deployment_commits_batch ON deployment_commits(batch_id);
CREATE INDEX incidents_key ON incidents(external_key) WHERE external_key <> '';
CREATE INDEX dependencies_key ON dependencies(external_key) WHERE external_key <> '';
CREATE INDEX work_items_key ON work_items(external_key);
