-- The entries of one import are written together, one after the other, and import ids are time-ordered (UUIDv7), so
-- the blocks an import's entries fill are found from each block range's smallest and largest import id: a BRIN index
-- finds them for the import's proof bundle, while a B-tree cost one more index insert for every entry (all of an
-- import's entries share one key). Ranges are summarised as they fill (autosummarize); until then a lookup also reads
-- the last, unsummarised range of the table.
DROP INDEX consent_record_by_import;
CREATE INDEX consent_record_by_import ON consent_record USING brin (import_id)
    WITH (pages_per_range = 16, autosummarize = on) WHERE import_id IS NOT NULL;
