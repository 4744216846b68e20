-- Sprint memberships are added by imports (an item names its sprints): the
-- batch that added a row, so undo removes exactly those.
ALTER TABLE item_sprints ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
CREATE INDEX item_sprints_batch ON item_sprints(batch_id);
