-- Needlebook schema, version 6: every finding of the clinical checks is kept with the session
-- revision it was raised for, under a stable key (depth:periorbital, condition:eczema, …):
-- warnings as well as overridden blocks, each override with its own reason. A clinic setting
-- says how long such a reason must be.
--
-- Runs with foreign keys off (the migration runner checks them all before it commits): the
-- setting table is rebuilt to allow the new key. temp.migration_context holds the time and
-- actor of the migration.

CREATE TABLE session_finding (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL REFERENCES session_revision (id),
    position            INTEGER NOT NULL CHECK (position >= 1),
    key                 TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200 AND key GLOB '[a-z]*'
                                             AND key NOT GLOB '*[ =]*'),
    level               TEXT NOT NULL CHECK (level IN ('warning', 'overridden')),
    message             TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
    override_reason     TEXT NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    -- Who accepted an overridden finding, and when: the author and time of the revision that
    -- first stored it with this reason (an amendment carries it over unchanged).
    overridden_by       TEXT NOT NULL DEFAULT '' CHECK (length(overridden_by) <= 200),
    overridden_at       TEXT CHECK (overridden_at IS NULL OR overridden_at IS
                                    strftime('%Y-%m-%dT%H:%M:%SZ', overridden_at, '+0 days')),
    CHECK (CASE level
           WHEN 'overridden' THEN length(trim(override_reason)) >= 1 AND length(overridden_by) >= 1
                                  AND overridden_at IS NOT NULL
           ELSE override_reason = '' AND overridden_by = '' AND overridden_at IS NULL END),
    UNIQUE (session_revision_id, position),
    UNIQUE (session_revision_id, key)
) STRICT;

CREATE TRIGGER session_finding_no_update BEFORE UPDATE ON session_finding
BEGIN SELECT RAISE(ABORT, 'session findings are never changed; amend the session'); END;
CREATE TRIGGER session_finding_no_delete BEFORE DELETE ON session_finding
BEGIN SELECT RAISE(ABORT, 'session findings are never deleted; amend the session'); END;
CREATE TRIGGER session_finding_no_replace BEFORE INSERT ON session_finding
WHEN EXISTS (SELECT 1 FROM session_finding WHERE id = NEW.id OR (session_revision_id = NEW.session_revision_id AND (position = NEW.position OR key = NEW.key)))
BEGIN SELECT RAISE(ABORT, 'session_finding rows are never replaced'); END;

-- Revisions stored before schema 6 keep their overrides in session_override as written (their
-- fingerprints stay valid). This view gives each the key of the finding it overrode, read from
-- the detail it recorded, and its revision's one reason, author and time.
CREATE VIEW session_override_keyed AS
SELECT o.id,
       o.session_revision_id,
       CASE o.rule
       WHEN 'depth' THEN 'depth:' || substr(o.detail, instr(o.detail, ' on ') + 4,
                                            instr(o.detail, ' exceeds ') - instr(o.detail, ' on ') - 4)
       WHEN 'interval' THEN 'interval:' || substr(o.detail, 1, instr(o.detail, ' was also') - 1)
       WHEN 'consent' THEN 'consent'
       ELSE 'condition:' || CASE
           WHEN o.detail LIKE 'isotretinoin%' THEN 'isotretinoin'
           WHEN o.detail LIKE 'active skin infection on file%' THEN 'active-infection'
           WHEN o.detail LIKE 'open wound on file%' THEN 'open-wound'
           WHEN o.detail LIKE 'eczema on file%' THEN 'eczema'
           WHEN o.detail LIKE 'psoriasis on file%' THEN 'psoriasis'
           WHEN o.detail LIKE 'active herpes simplex on file%' THEN 'active-herpes'
           WHEN o.detail LIKE 'rosacea flare on file%' THEN 'rosacea-flare'
           WHEN o.detail LIKE 'keloid tendency on file%' THEN 'keloid-tendency'
           WHEN o.detail LIKE 'pregnancy or nursing on file%' THEN 'pregnancy'
           WHEN o.detail LIKE 'anticoagulants on file%' THEN 'anticoagulants'
           WHEN o.detail LIKE 'bleeding disorder on file%' THEN 'bleeding-disorder'
           WHEN o.detail LIKE 'skin cancer in the area on file%' THEN 'skin-cancer'
           WHEN o.detail LIKE 'allergy to steel on file%' THEN 'metal-allergy'
           WHEN o.detail LIKE 'allergy to anaesthetic on file%' THEN 'anaesthetic-allergy'
           WHEN o.detail LIKE 'uncontrolled diabetes on file%' THEN 'uncontrolled-diabetes'
           ELSE 'unknown' END
       END AS key,
       o.detail AS message,
       r.override_reason,
       r.author AS overridden_by,
       r.recorded_at AS overridden_at
FROM session_override o
JOIN session_revision r ON r.id = o.session_revision_id;

-- The setting table is rebuilt to allow the key override_min_reason; ids and keys stay, so
-- every setting's fingerprint stays as it was. What refers to it by name goes first.
DROP VIEW setting_current;
DROP TRIGGER setting_revision_value;

CREATE TABLE setting_v6 (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                            'consent_valid_months', 'interval_warn_days',
                                            'interval_block_days', 'followup_due_days',
                                            'override_min_reason')
                                    OR key GLOB 'depth_limit.?*' OR key GLOB 'recovery.?*'
                                    OR key GLOB 'condition.?*')
) STRICT;
INSERT INTO setting_v6 (id, key) SELECT id, key FROM setting ORDER BY id;
DROP TABLE setting;
ALTER TABLE setting_v6 RENAME TO setting;

CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never changed; add a revision'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never deleted'); END;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
WHEN EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'setting rows are never replaced'); END;

-- The database refuses a value the program refuses, whatever wrote it.
CREATE TRIGGER setting_revision_value BEFORE INSERT ON setting_revision
WHEN NOT coalesce((SELECT CASE
    WHEN s.key = 'clinic_name' THEN length(NEW.value) <= 200
    WHEN s.key = 'time_zone' THEN length(NEW.value) <= 64
    WHEN s.key GLOB 'depth_limit.*' THEN NEW.value GLOB '[0-9]*' AND NEW.value NOT GLOB '*[^0-9.]*'
         AND CAST(NEW.value AS REAL) > 0 AND CAST(NEW.value AS REAL) <= 3.0
    WHEN s.key GLOB 'recovery.*' THEN NEW.value = 'adverse' OR (NEW.value GLOB '[0-9]*'
         AND NEW.value NOT GLOB '*[^0-9]*' AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 365)
    WHEN s.key GLOB 'condition.*' THEN NEW.value IN ('block', 'warn')
    WHEN s.key = 'override_min_reason' THEN NEW.value GLOB '[0-9]*'
         AND NEW.value NOT GLOB '*[^0-9]*' AND CAST(NEW.value AS INTEGER) BETWEEN 1 AND 200
    ELSE NEW.value GLOB '[0-9]*' AND NEW.value NOT GLOB '*[^0-9]*'
         AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 365
    END FROM setting s WHERE s.id = NEW.setting_id), 0)
BEGIN SELECT RAISE(ABORT, 'setting value not allowed for its key'); END;

CREATE VIEW setting_current AS
SELECT s.key, r.*
FROM setting s
JOIN setting_revision r ON r.setting_id = s.id
WHERE r.revision = (SELECT max(revision) FROM setting_revision WHERE setting_id = s.id);

-- An override must say why; ten characters rule out "ok" and "test" (docs/clinical-defaults.md).
INSERT INTO setting (key) VALUES ('override_min_reason');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, 1, '10', c.actor, c.now, 'default of schema 6'
FROM setting s CROSS JOIN temp.migration_context c
WHERE s.key = 'override_min_reason';
