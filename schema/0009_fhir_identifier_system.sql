-- Needlebook schema, version 9: the FHIR export names the clinic's chart codes.
--  * Setting fhir_identifier_system: the URI under which the clinic's chart codes are
--    identifiers in FHIR (Patient.identifier.system). Seeded empty (unset): the FHIR export
--    refuses until the clinic sets it, as no default could name this clinic.
--
-- Runs with foreign keys off (the migration runner checks them all before it commits): the
-- setting table is rebuilt to allow the new key, as schema 7 did. temp.migration_context holds
-- the time and actor of the migration.

-- The setting table is rebuilt to allow the new key; ids and keys stay, so every setting's
-- fingerprint stays as it was. What refers to it by name goes first.
DROP VIEW setting_current;
DROP TRIGGER setting_revision_value;

CREATE TABLE setting_v9 (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                            'consent_valid_months', 'interval_warn_days',
                                            'interval_block_days', 'followup_due_days',
                                            'override_min_reason', 'lot_registration',
                                            'minimum_age', 'consent_policy',
                                            'fhir_identifier_system')
                                    OR key GLOB 'depth_limit.?*' OR key GLOB 'recovery.?*'
                                    OR key GLOB 'condition.?*')
) STRICT;
INSERT INTO setting_v9 (id, key) SELECT id, key FROM setting ORDER BY id;
DROP TABLE setting;
ALTER TABLE setting_v9 RENAME TO setting;

CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never changed; add a revision'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never deleted'); END;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
WHEN EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'setting rows are never replaced'); END;

-- The database refuses a value the program refuses, whatever wrote it (as in schema 7, and the
-- new key). A depth limit for one device (depth_limit.AREA.DEVICE) may be empty: cleared, the
-- area's own limit applies again.
CREATE TRIGGER setting_revision_value BEFORE INSERT ON setting_revision
WHEN NOT coalesce((SELECT CASE
    WHEN s.key = 'clinic_name' THEN length(NEW.value) <= 200
    -- An absolute URI (http, https, urn:oid:, urn:uuid:), printable ASCII without spaces, at
    -- most 200 characters; empty: unset.
    WHEN s.key = 'fhir_identifier_system' THEN NEW.value = '' OR (length(NEW.value) <= 200
         AND NEW.value NOT GLOB '*[^!-~]*'
         AND (NEW.value GLOB 'http://?*' OR NEW.value GLOB 'https://?*'
              OR (NEW.value GLOB 'urn:oid:[0-9]*' AND substr(NEW.value, 9) NOT GLOB '*[^0-9.]*')
              OR (NEW.value GLOB 'urn:uuid:?*' AND length(NEW.value) = 45
                  AND substr(NEW.value, 10) NOT GLOB '*[^0-9a-f-]*')))
    WHEN s.key = 'time_zone' THEN length(NEW.value) <= 64
    WHEN s.key GLOB 'depth_limit.*.*' AND NEW.value = '' THEN 1
    WHEN s.key GLOB 'depth_limit.*' THEN NEW.value GLOB '[0-9]*' AND NEW.value NOT GLOB '*[^0-9.]*'
         AND CAST(NEW.value AS REAL) > 0 AND CAST(NEW.value AS REAL) <= 3.0
    WHEN s.key GLOB 'recovery.*' THEN NEW.value = 'adverse' OR (NEW.value GLOB '[0-9]*'
         AND NEW.value NOT GLOB '*[^0-9]*' AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 365)
    WHEN s.key GLOB 'condition.*' THEN NEW.value IN ('block', 'warn')
    WHEN s.key = 'override_min_reason' THEN NEW.value GLOB '[0-9]*'
         AND NEW.value NOT GLOB '*[^0-9]*' AND CAST(NEW.value AS INTEGER) BETWEEN 1 AND 200
    WHEN s.key = 'lot_registration' THEN NEW.value IN ('off', 'warn', 'block')
    WHEN s.key = 'consent_policy' THEN NEW.value IN ('warn', 'block')
    WHEN s.key = 'minimum_age' THEN NEW.value GLOB '[0-9]*'
         AND NEW.value NOT GLOB '*[^0-9]*' AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 99
    ELSE NEW.value GLOB '[0-9]*' AND NEW.value NOT GLOB '*[^0-9]*'
         AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 365
    END FROM setting s WHERE s.id = NEW.setting_id), 0)
BEGIN SELECT RAISE(ABORT, 'setting value not allowed for its key'); END;

CREATE VIEW setting_current AS
SELECT s.key, r.*
FROM setting s
JOIN setting_revision r ON r.setting_id = s.id
WHERE r.revision = (SELECT max(revision) FROM setting_revision WHERE setting_id = s.id);

-- Unset until the clinic sets it.
INSERT INTO setting (key) VALUES ('fhir_identifier_system');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, 1, '', c.actor, c.now, 'default of schema 9'
FROM setting s CROSS JOIN temp.migration_context c
WHERE s.key = 'fhir_identifier_system';
