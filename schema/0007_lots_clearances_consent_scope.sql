-- Needlebook schema, version 7: what the clinical checks need to know besides the session.
--  * Serum and cartridge lots are registered with their expiry and can be recalled.
--  * A specialist's clearance of a condition is kept with the condition's revision.
--  * A consent names the guardian who signed it for a minor, and can be withdrawn.
--  * Settings for the new checks: lot_registration, minimum_age, consent_policy, and depth
--    limits per area and device (depth_limit.AREA.DEVICE), which can be cleared again.
--
-- Runs with foreign keys off (the migration runner checks them all before it commits): the
-- setting table is rebuilt to allow the new keys. temp.migration_context holds the time and
-- actor of the migration.

-- Lots: an identity row (product and lot number) plus numbered revisions, like every record.
CREATE TABLE lot (
    id         INTEGER PRIMARY KEY,
    -- A serum lot names its catalogue product; a needle cartridge lot has none.
    kind       TEXT NOT NULL CHECK (kind IN ('serum', 'cartridge')),
    product_id INTEGER REFERENCES product (id),
    lot        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(lot)) BETWEEN 1 AND 60),
    created_at TEXT NOT NULL,
    CHECK ((kind = 'cartridge') = (product_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX lot_once ON lot (coalesce(product_id, 0), lot);
CREATE INDEX lot_by_number ON lot (lot);

CREATE TABLE lot_revision (
    id            INTEGER PRIMARY KEY,
    lot_id        INTEGER NOT NULL REFERENCES lot (id),
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    expires_on    TEXT NOT NULL CHECK (expires_on IS date(expires_on, '+0 days')),
    received_on   TEXT CHECK (received_on IS NULL OR received_on IS date(received_on, '+0 days')),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    recalled_on   TEXT CHECK (recalled_on IS NULL OR recalled_on IS date(recalled_on, '+0 days')),
    recall_reason TEXT NOT NULL DEFAULT '' CHECK (length(recall_reason) <= 2000),
    voided        INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author        TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at   TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    CHECK ((recalled_on IS NULL) = (length(trim(recall_reason)) = 0)),
    UNIQUE (lot_id, revision)
) STRICT;

CREATE TRIGGER lot_no_update BEFORE UPDATE ON lot
BEGIN SELECT RAISE(ABORT, 'lot rows are never changed; add a revision'); END;
CREATE TRIGGER lot_no_delete BEFORE DELETE ON lot
BEGIN SELECT RAISE(ABORT, 'lot rows are never deleted; void with a revision'); END;
CREATE TRIGGER lot_no_replace BEFORE INSERT ON lot
WHEN EXISTS (SELECT 1 FROM lot WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'lot rows are never replaced'); END;
CREATE TRIGGER lot_revision_no_update BEFORE UPDATE ON lot_revision
BEGIN SELECT RAISE(ABORT, 'lot revisions are never changed; add a revision'); END;
CREATE TRIGGER lot_revision_no_delete BEFORE DELETE ON lot_revision
BEGIN SELECT RAISE(ABORT, 'lot revisions are never deleted'); END;
CREATE TRIGGER lot_revision_no_replace BEFORE INSERT ON lot_revision
WHEN EXISTS (SELECT 1 FROM lot_revision WHERE id = NEW.id OR (lot_id = NEW.lot_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'lot_revision rows are never replaced'); END;

-- A condition revision carries the specialists' clearances given so far: from cleared_on until
-- `until` the condition's block is a warning. Each later revision repeats them all (a revision
-- holds the whole record), so a new clearance or a resolution keeps the earlier ones on file.
CREATE TABLE condition_clearance (
    id                    INTEGER PRIMARY KEY,
    condition_revision_id INTEGER NOT NULL REFERENCES condition_revision (id),
    position              INTEGER NOT NULL CHECK (position >= 1),
    cleared_by            TEXT NOT NULL CHECK (length(trim(cleared_by)) BETWEEN 1 AND 200),
    cleared_on            TEXT NOT NULL CHECK (cleared_on IS date(cleared_on, '+0 days')),
    until                 TEXT NOT NULL CHECK (until IS date(until, '+0 days')),
    reason                TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
    CHECK (until >= cleared_on),
    UNIQUE (condition_revision_id, position)
) STRICT;

CREATE TRIGGER condition_clearance_no_update BEFORE UPDATE ON condition_clearance
BEGIN SELECT RAISE(ABORT, 'clearances are never changed; add a revision'); END;
CREATE TRIGGER condition_clearance_no_delete BEFORE DELETE ON condition_clearance
BEGIN SELECT RAISE(ABORT, 'clearances are never deleted'); END;
CREATE TRIGGER condition_clearance_no_replace BEFORE INSERT ON condition_clearance
WHEN EXISTS (SELECT 1 FROM condition_clearance WHERE id = NEW.id OR (condition_revision_id = NEW.condition_revision_id AND position = NEW.position))
BEGIN SELECT RAISE(ABORT, 'condition_clearance rows are never replaced'); END;

-- A consent revision's guardian (who signed for a minor) and withdrawal. Revisions stored
-- before version 7 have no row: no guardian, not withdrawn.
CREATE TABLE consent_terms (
    id                  INTEGER PRIMARY KEY,
    consent_revision_id INTEGER NOT NULL UNIQUE REFERENCES consent_revision (id),
    guardian            TEXT NOT NULL DEFAULT '' CHECK (length(guardian) <= 200),
    withdrawn_on        TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on IS date(withdrawn_on, '+0 days')),
    withdrawal_reason   TEXT NOT NULL DEFAULT '' CHECK (length(withdrawal_reason) <= 2000),
    CHECK ((withdrawn_on IS NULL) = (length(trim(withdrawal_reason)) = 0)),
    CHECK (length(guardian) > 0 OR withdrawn_on IS NOT NULL)
) STRICT;

CREATE TRIGGER consent_terms_no_update BEFORE UPDATE ON consent_terms
BEGIN SELECT RAISE(ABORT, 'consent terms are never changed; add a revision'); END;
CREATE TRIGGER consent_terms_no_delete BEFORE DELETE ON consent_terms
BEGIN SELECT RAISE(ABORT, 'consent terms are never deleted'); END;
CREATE TRIGGER consent_terms_no_replace BEFORE INSERT ON consent_terms
WHEN EXISTS (SELECT 1 FROM consent_terms WHERE id = NEW.id OR consent_revision_id = NEW.consent_revision_id)
BEGIN SELECT RAISE(ABORT, 'consent_terms rows are never replaced'); END;

-- The setting table is rebuilt to allow the new keys; ids and keys stay, so every setting's
-- fingerprint stays as it was. What refers to it by name goes first.
DROP VIEW setting_current;
DROP TRIGGER setting_revision_value;

CREATE TABLE setting_v7 (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                            'consent_valid_months', 'interval_warn_days',
                                            'interval_block_days', 'followup_due_days',
                                            'override_min_reason', 'lot_registration',
                                            'minimum_age', 'consent_policy')
                                    OR key GLOB 'depth_limit.?*' OR key GLOB 'recovery.?*'
                                    OR key GLOB 'condition.?*')
) STRICT;
INSERT INTO setting_v7 (id, key) SELECT id, key FROM setting ORDER BY id;
DROP TABLE setting;
ALTER TABLE setting_v7 RENAME TO setting;

CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never changed; add a revision'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never deleted'); END;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
WHEN EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'setting rows are never replaced'); END;

-- The database refuses a value the program refuses, whatever wrote it. A depth limit for one
-- device (depth_limit.AREA.DEVICE) may be empty: cleared, the area's own limit applies again.
CREATE TRIGGER setting_revision_value BEFORE INSERT ON setting_revision
WHEN NOT coalesce((SELECT CASE
    WHEN s.key = 'clinic_name' THEN length(NEW.value) <= 200
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

-- Defaults, with their reasons in docs/clinical-defaults.md: an unregistered lot is a warning,
-- patients under 18 need a guardian's consent, and a consent that does not cover what was done
-- (PRP, radiofrequency, …) is a warning.
INSERT INTO setting (key) VALUES ('lot_registration'), ('minimum_age'), ('consent_policy');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, 1, CASE s.key WHEN 'lot_registration' THEN 'warn' WHEN 'minimum_age' THEN '18'
                           ELSE 'warn' END,
       c.actor, c.now, 'default of schema 7'
FROM setting s CROSS JOIN temp.migration_context c
WHERE s.key IN ('lot_registration', 'minimum_age', 'consent_policy')
ORDER BY s.id;
