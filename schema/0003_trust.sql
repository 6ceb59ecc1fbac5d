-- Needlebook schema, version 3: records that can be proved unchanged.

-- The SHA-256 of the record revision an audit row describes, as stored when the row was written
-- (see src/needlebook/storage/record_digest.cpp). `check` recomputes it, so a record edited
-- behind the program's back (triggers dropped in a raw sqlite3 session) is found and named.
-- Rows written before version 3 keep NULL here: their records are checked for presence only.
ALTER TABLE audit_log ADD COLUMN record_hash TEXT;

-- `check` looks up the audit row of every record revision.
CREATE INDEX audit_by_record ON audit_log (record_kind, record_id, revision);
