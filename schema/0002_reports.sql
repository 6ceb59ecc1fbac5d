-- Needlebook schema, version 2: what the manager's reports need.

-- The clinic's name, printed in the header of every history page. SQLite cannot change a
-- CHECK in place, so the settings table is rebuilt with the new key allowed.
CREATE TABLE clinic_setting_v2 (
    key   TEXT PRIMARY KEY CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                          'consent_valid_months', 'interval_warn_days',
                                          'interval_block_days', 'followup_due_days')),
    value TEXT NOT NULL
) STRICT;

INSERT INTO clinic_setting_v2 (key, value) SELECT key, value FROM clinic_setting;
INSERT INTO clinic_setting_v2 (key, value) VALUES ('clinic_name', '');
DROP TABLE clinic_setting;
ALTER TABLE clinic_setting_v2 RENAME TO clinic_setting;

-- Lot recall: a recall letter may spell a lot in another case than the label was typed.
DROP INDEX serum_use_by_lot;
CREATE INDEX serum_use_by_lot ON serum_use (lot COLLATE NOCASE);
CREATE INDEX session_revision_by_cartridge_lot
    ON session_revision (cartridge_lot COLLATE NOCASE) WHERE cartridge_lot <> '';
