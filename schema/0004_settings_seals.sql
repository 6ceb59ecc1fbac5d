-- Needlebook schema, version 4: settings and the catalogue are records too; audit rows name the
-- operating-system account and a fixed clock; seals anchor the audit chain outside the file;
-- reads that disclose many patients name each of them.
--
-- Runs with foreign keys off (the migration runner checks them all before it commits), because
-- the three setting tables become plain code lists and SQLite rebuilds a table to drop columns
-- used by a CHECK. temp.migration_context holds the time and actor of the migration.

-- The settings: one identity row per key and insert-only revisions (who, when, why), so a
-- change made with raw SQL has no audit row and `check` names it.
CREATE TABLE setting (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                            'consent_valid_months', 'interval_warn_days',
                                            'interval_block_days', 'followup_due_days')
                                    OR key GLOB 'depth_limit.?*' OR key GLOB 'recovery.?*'
                                    OR key GLOB 'condition.?*')
) STRICT;

CREATE TABLE setting_revision (
    id          INTEGER PRIMARY KEY,
    setting_id  INTEGER NOT NULL REFERENCES setting (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    value       TEXT NOT NULL CHECK (length(value) <= 200),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    UNIQUE (setting_id, revision)
) STRICT;

-- The values in force when this migration ran, as revision 1 of each key.
INSERT INTO setting (key) SELECT key FROM clinic_setting ORDER BY key;
INSERT INTO setting (key) SELECT 'depth_limit.' || area FROM depth_limit ORDER BY area;
INSERT INTO setting (key) SELECT 'recovery.' || kind FROM reaction_norm ORDER BY kind;
INSERT INTO setting (key) SELECT 'condition.' || code FROM condition_policy ORDER BY code;

INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, 1, v.value, c.actor, c.now, 'in force when schema 4 was applied'
FROM (SELECT key, value FROM clinic_setting
      UNION ALL SELECT 'depth_limit.' || area, printf('%.2f', limit_mm) FROM depth_limit
      UNION ALL SELECT 'recovery.' || kind, CASE WHEN always_adverse = 1 THEN 'adverse'
                                                 ELSE CAST(expected_days AS TEXT) END
                FROM reaction_norm
      UNION ALL SELECT 'condition.' || code, action FROM condition_policy) v
JOIN setting s ON s.key = v.key
CROSS JOIN temp.migration_context c
ORDER BY s.id;

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
    ELSE NEW.value GLOB '[0-9]*' AND NEW.value NOT GLOB '*[^0-9]*'
         AND CAST(NEW.value AS INTEGER) BETWEEN 0 AND 365
    END FROM setting s WHERE s.id = NEW.setting_id), 0)
BEGIN SELECT RAISE(ABORT, 'setting value not allowed for its key'); END;

CREATE VIEW setting_current AS
SELECT s.key, r.*
FROM setting s
JOIN setting_revision r ON r.setting_id = s.id
WHERE r.revision = (SELECT max(revision) FROM setting_revision WHERE setting_id = s.id);

-- The old setting tables become the code lists that records refer to. Renaming first makes
-- SQLite rewrite the REFERENCES clauses of session_area, reaction_revision and condition.
DROP TABLE clinic_setting;

ALTER TABLE depth_limit RENAME TO treatment_area;
CREATE TABLE treatment_area_v4 (
    area TEXT PRIMARY KEY CHECK (area IN ('forehead', 'glabella', 'temple', 'periorbital',
         'nose', 'cheek', 'perioral', 'chin', 'jawline', 'neck', 'decolletage', 'scalp',
         'hands', 'abdomen', 'thigh', 'arm', 'back', 'scar', 'other'))
) STRICT;
INSERT INTO treatment_area_v4 (area) SELECT area FROM treatment_area;
DROP TABLE treatment_area;
ALTER TABLE treatment_area_v4 RENAME TO treatment_area;

ALTER TABLE reaction_norm RENAME TO reaction_kind;
CREATE TABLE reaction_kind_v4 (
    kind TEXT PRIMARY KEY CHECK (kind IN ('erythema', 'oedema', 'pinpoint-bleeding',
         'bruising', 'itching', 'burning', 'dryness-peeling', 'acneiform-eruption', 'milia',
         'post-inflammatory-hyperpigmentation', 'infection', 'herpes-reactivation',
         'contact-dermatitis', 'granuloma', 'tram-track-scarring', 'other'))
) STRICT;
INSERT INTO reaction_kind_v4 (kind) SELECT kind FROM reaction_kind;
DROP TABLE reaction_kind;
ALTER TABLE reaction_kind_v4 RENAME TO reaction_kind;

ALTER TABLE condition_policy RENAME TO condition_code;
CREATE TABLE condition_code_v4 (
    code TEXT PRIMARY KEY CHECK (code IN ('active-infection', 'open-wound', 'eczema',
         'psoriasis', 'active-herpes', 'rosacea-flare', 'keloid-tendency', 'isotretinoin',
         'pregnancy', 'anticoagulants', 'bleeding-disorder', 'skin-cancer', 'metal-allergy',
         'anaesthetic-allergy', 'uncontrolled-diabetes'))
) STRICT;
INSERT INTO condition_code_v4 (code) SELECT code FROM condition_code;
DROP TABLE condition_code;
ALTER TABLE condition_code_v4 RENAME TO condition_code;

-- A session revision names the setting revisions its clinical checks used, so a history can
-- say which limit applied at the time.
CREATE TABLE session_setting (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL REFERENCES session_revision (id),
    setting_revision_id INTEGER NOT NULL REFERENCES setting_revision (id),
    UNIQUE (session_revision_id, setting_revision_id)
) STRICT;

-- Audit rows: the operating-system account behind the declared actor, and whether the clock
-- was fixed by NEEDLEBOOK_NOW. Rows from before version 4 keep NULL.
ALTER TABLE audit_log ADD COLUMN os_user TEXT;
ALTER TABLE audit_log ADD COLUMN clock_fixed INTEGER CHECK (clock_fixed IN (0, 1));

-- A read that disclosed many patients' data (a list, a report, an export) names each of them,
-- so `audit --patient P` finds it.
CREATE TABLE audit_disclosure (
    audit_id   INTEGER NOT NULL REFERENCES audit_log (id),
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    PRIMARY KEY (audit_id, patient_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_disclosure_by_patient ON audit_disclosure (patient_id);

-- Seals: the chain head (row id and hash) signed with an Ed25519 key kept outside the file.
CREATE TABLE audit_seal (
    id              INTEGER PRIMARY KEY,
    sealed_id       INTEGER NOT NULL REFERENCES audit_log (id),
    sealed_hash     TEXT NOT NULL CHECK (length(sealed_hash) = 64),
    public_key      TEXT NOT NULL CHECK (length(public_key) = 64),  -- raw Ed25519 key, hex
    key_fingerprint TEXT NOT NULL CHECK (length(key_fingerprint) = 64),
    signature       TEXT NOT NULL CHECK (length(signature) = 128)
) STRICT;

-- Insert-only, like every record table.
CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never changed; add a revision'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never deleted'); END;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
WHEN EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'setting rows are never replaced'); END;
CREATE TRIGGER setting_revision_no_update BEFORE UPDATE ON setting_revision
BEGIN SELECT RAISE(ABORT, 'setting revisions are never changed; add a revision'); END;
CREATE TRIGGER setting_revision_no_delete BEFORE DELETE ON setting_revision
BEGIN SELECT RAISE(ABORT, 'setting revisions are never deleted'); END;
CREATE TRIGGER setting_revision_no_replace BEFORE INSERT ON setting_revision
WHEN EXISTS (SELECT 1 FROM setting_revision WHERE id = NEW.id OR (setting_id = NEW.setting_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'setting_revision rows are never replaced'); END;

CREATE TRIGGER treatment_area_no_update BEFORE UPDATE ON treatment_area
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;
CREATE TRIGGER treatment_area_no_delete BEFORE DELETE ON treatment_area
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;
CREATE TRIGGER reaction_kind_no_update BEFORE UPDATE ON reaction_kind
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;
CREATE TRIGGER reaction_kind_no_delete BEFORE DELETE ON reaction_kind
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;
CREATE TRIGGER condition_code_no_update BEFORE UPDATE ON condition_code
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;
CREATE TRIGGER condition_code_no_delete BEFORE DELETE ON condition_code
BEGIN SELECT RAISE(ABORT, 'code lists are never changed'); END;

CREATE TRIGGER product_no_update BEFORE UPDATE ON product
BEGIN SELECT RAISE(ABORT, 'catalogue products are never changed; add a new product'); END;
CREATE TRIGGER product_no_delete BEFORE DELETE ON product
BEGIN SELECT RAISE(ABORT, 'catalogue products are never deleted'); END;
CREATE TRIGGER product_no_replace BEFORE INSERT ON product
WHEN EXISTS (SELECT 1 FROM product WHERE id = NEW.id OR code = NEW.code)
BEGIN SELECT RAISE(ABORT, 'product rows are never replaced'); END;

CREATE TRIGGER session_setting_no_update BEFORE UPDATE ON session_setting
BEGIN SELECT RAISE(ABORT, 'the settings a session used are never changed'); END;
CREATE TRIGGER session_setting_no_delete BEFORE DELETE ON session_setting
BEGIN SELECT RAISE(ABORT, 'the settings a session used are never deleted'); END;
CREATE TRIGGER session_setting_no_replace BEFORE INSERT ON session_setting
WHEN EXISTS (SELECT 1 FROM session_setting WHERE id = NEW.id OR (session_revision_id = NEW.session_revision_id AND setting_revision_id = NEW.setting_revision_id))
BEGIN SELECT RAISE(ABORT, 'session_setting rows are never replaced'); END;

CREATE TRIGGER audit_disclosure_no_update BEFORE UPDATE ON audit_disclosure
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_disclosure_no_delete BEFORE DELETE ON audit_disclosure
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_disclosure_no_replace BEFORE INSERT ON audit_disclosure
WHEN EXISTS (SELECT 1 FROM audit_disclosure WHERE audit_id = NEW.audit_id AND patient_id = NEW.patient_id)
BEGIN SELECT RAISE(ABORT, 'audit_disclosure rows are never replaced'); END;

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
BEGIN SELECT RAISE(ABORT, 'seals are never changed'); END;
CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
BEGIN SELECT RAISE(ABORT, 'seals are never deleted'); END;
CREATE TRIGGER audit_seal_no_replace BEFORE INSERT ON audit_seal
WHEN EXISTS (SELECT 1 FROM audit_seal WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_seal rows are never replaced'); END;
