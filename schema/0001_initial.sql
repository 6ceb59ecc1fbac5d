-- Needlebook schema, version 1.
--
-- Medical records are never overwritten: every record has a stable identity row and
-- insert-only revision rows (who, when, why). A "delete" is a revision with voided = 1.
-- Triggers at the end refuse UPDATE and DELETE on every record table, so even a raw
-- sqlite3 session cannot rewrite history. The CHECK constraints repeat the validation in
-- src/needlebook/model, so the database refuses what the program refuses.
-- Instants are UTC text 'YYYY-MM-DDTHH:MM:SSZ'; calendar dates are 'YYYY-MM-DD'.

-- Clinic settings: the defaults of docs/clinical-defaults.md, changeable by a clinic.

CREATE TABLE clinic_setting (
    key   TEXT PRIMARY KEY CHECK (key IN ('time_zone', 'isotretinoin_months',
                                          'consent_valid_months', 'interval_warn_days',
                                          'interval_block_days', 'followup_due_days')),
    value TEXT NOT NULL
) STRICT;

INSERT INTO clinic_setting (key, value) VALUES
    ('time_zone', ''),              -- empty: the system's zone ($TZ, else /etc/localtime)
    ('isotretinoin_months', '6'),
    ('consent_valid_months', '12'),
    ('interval_warn_days', '28'),
    ('interval_block_days', '14'),
    ('followup_due_days', '7');

CREATE TABLE depth_limit (
    area     TEXT PRIMARY KEY CHECK (area IN ('forehead', 'glabella', 'temple', 'periorbital',
             'nose', 'cheek', 'perioral', 'chin', 'jawline', 'neck', 'decolletage', 'scalp',
             'hands', 'abdomen', 'thigh', 'arm', 'back', 'scar', 'other')),
    limit_mm REAL NOT NULL CHECK (limit_mm > 0 AND limit_mm <= 3.0)
) STRICT;

INSERT INTO depth_limit (area, limit_mm) VALUES
    ('periorbital', 0.5), ('forehead', 0.5), ('glabella', 0.5), ('temple', 0.5),
    ('nose', 0.75), ('perioral', 0.5), ('cheek', 1.5), ('chin', 1.5), ('jawline', 1.5),
    ('neck', 1.0), ('decolletage', 1.0), ('scalp', 1.0), ('hands', 1.0),
    ('abdomen', 2.5), ('thigh', 2.5), ('arm', 2.5), ('back', 2.5), ('scar', 2.5),
    ('other', 2.5);

-- expected_days NULL: the kind has no norm because it is always an adverse event.
CREATE TABLE reaction_norm (
    kind           TEXT PRIMARY KEY CHECK (kind IN ('erythema', 'oedema', 'pinpoint-bleeding',
                   'bruising', 'itching', 'burning', 'dryness-peeling', 'acneiform-eruption',
                   'milia', 'post-inflammatory-hyperpigmentation', 'infection',
                   'herpes-reactivation', 'contact-dermatitis', 'granuloma', 'tram-track-scarring',
                   'other')),
    expected_days  INTEGER CHECK (expected_days IS NULL OR expected_days BETWEEN 0 AND 365),
    always_adverse INTEGER NOT NULL CHECK (always_adverse IN (0, 1)),
    CHECK (expected_days IS NOT NULL OR always_adverse = 1)
) STRICT;

INSERT INTO reaction_norm (kind, expected_days, always_adverse) VALUES
    ('erythema', 3, 0), ('oedema', 3, 0), ('pinpoint-bleeding', 1, 0), ('bruising', 10, 0),
    ('dryness-peeling', 7, 0), ('itching', 7, 0), ('burning', 7, 0),
    ('acneiform-eruption', 14, 0), ('milia', 14, 0),
    ('post-inflammatory-hyperpigmentation', NULL, 1), ('infection', NULL, 1),
    ('herpes-reactivation', NULL, 1), ('contact-dermatitis', NULL, 1), ('granuloma', NULL, 1),
    ('tram-track-scarring', NULL, 1), ('other', 14, 0);

CREATE TABLE condition_policy (
    code   TEXT PRIMARY KEY CHECK (code IN ('active-infection', 'open-wound', 'eczema',
           'psoriasis', 'active-herpes', 'rosacea-flare', 'keloid-tendency', 'isotretinoin',
           'pregnancy', 'anticoagulants', 'bleeding-disorder', 'skin-cancer',
           'metal-allergy', 'anaesthetic-allergy', 'uncontrolled-diabetes')),
    action TEXT NOT NULL CHECK (action IN ('block', 'warn'))
) STRICT;

INSERT INTO condition_policy (code, action) VALUES
    ('active-infection', 'block'), ('open-wound', 'block'), ('eczema', 'block'),
    ('psoriasis', 'block'), ('skin-cancer', 'block'), ('bleeding-disorder', 'block'),
    ('pregnancy', 'block'), ('metal-allergy', 'block'), ('anaesthetic-allergy', 'block'),
    ('isotretinoin', 'block'), ('active-herpes', 'warn'), ('rosacea-flare', 'warn'),
    ('keloid-tendency', 'warn'), ('anticoagulants', 'warn'), ('uncontrolled-diabetes', 'warn');

-- Serum catalogue: reference data, not a medical record.
CREATE TABLE product (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40
                                      AND code NOT GLOB '*[^a-z0-9-]*'),
    name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind  TEXT NOT NULL CHECK (kind IN ('hyaluronic-acid', 'growth-factors', 'peptides',
                                        'vitamin-c', 'exosomes', 'prp', 'anaesthetic', 'other')),
    maker TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO product (code, name, kind, maker) VALUES
    ('ha-serum', 'Hyaluronic acid serum 1%', 'hyaluronic-acid', ''),
    ('gf-serum', 'Growth factor serum', 'growth-factors', ''),
    ('peptide-serum', 'Copper peptide serum', 'peptides', ''),
    ('vitc-serum', 'Vitamin C serum 10%', 'vitamin-c', ''),
    ('exosome-serum', 'Exosome serum', 'exosomes', ''),
    ('prp', 'Platelet-rich plasma (autologous)', 'prp', '');

-- Patients

CREATE TABLE patient (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 32
                                           AND code NOT GLOB '*[^A-Za-z0-9_-]*'),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE patient_revision (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patient (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    family_name TEXT NOT NULL CHECK (length(trim(family_name)) BETWEEN 1 AND 100),
    given_name  TEXT NOT NULL CHECK (length(trim(given_name)) BETWEEN 1 AND 100),
    birth_date  TEXT NOT NULL CHECK (birth_date IS date(birth_date, '+0 days')),
    fitzpatrick INTEGER CHECK (fitzpatrick BETWEEN 1 AND 6),
    phone       TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    email       TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 200),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (patient_id, revision)
) STRICT;

CREATE TABLE condition (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    code       TEXT NOT NULL REFERENCES condition_policy (code),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX condition_by_patient ON condition (patient_id, code);

CREATE TABLE condition_revision (
    id           INTEGER PRIMARY KEY,
    condition_id INTEGER NOT NULL REFERENCES condition (id),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    since        TEXT CHECK (since IS NULL OR since IS date(since, '+0 days')),
    resolved_on  TEXT CHECK (resolved_on IS NULL OR resolved_on IS date(resolved_on, '+0 days')),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided       INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author       TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at  TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    CHECK (since IS NULL OR resolved_on IS NULL OR resolved_on >= since),
    UNIQUE (condition_id, revision)
) STRICT;

CREATE TABLE consent (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX consent_by_patient ON consent (patient_id);

CREATE TABLE consent_revision (
    id          INTEGER PRIMARY KEY,
    consent_id  INTEGER NOT NULL REFERENCES consent (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    signed_on   TEXT NOT NULL CHECK (signed_on IS date(signed_on, '+0 days')),
    covers      TEXT NOT NULL DEFAULT '' CHECK (length(covers) <= 1000),
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    UNIQUE (consent_id, revision)
) STRICT;

-- Sessions: a revision carries the whole session, areas and serums included, so an
-- amendment shows exactly what the session looked like before and after.

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX session_by_patient ON session (patient_id);

CREATE TABLE session_revision (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES session (id),
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    performed_at    TEXT NOT NULL CHECK (performed_at IS
                    strftime('%Y-%m-%dT%H:%M:%SZ', performed_at, '+0 days')),
    practitioner    TEXT NOT NULL CHECK (length(trim(practitioner)) BETWEEN 1 AND 100),
    indication      TEXT NOT NULL CHECK (indication IN ('rejuvenation', 'acne-scars',
                    'surgical-scar', 'stretch-marks', 'hyperpigmentation', 'melasma', 'other')),
    device          TEXT NOT NULL CHECK (device IN ('pen', 'roller', 'stamp', 'rf')),
    model           TEXT NOT NULL DEFAULT '' CHECK (length(model) <= 100),
    cartridge       TEXT NOT NULL DEFAULT '' CHECK (length(cartridge) <= 100),
    cartridge_lot   TEXT NOT NULL DEFAULT '' CHECK (length(cartridge_lot) <= 100),
    anaesthetic     TEXT NOT NULL DEFAULT '' CHECK (length(anaesthetic) <= 200),
    endpoint        TEXT NOT NULL DEFAULT '' CHECK (length(endpoint) <= 200),
    aftercare       TEXT NOT NULL DEFAULT '' CHECK (length(aftercare) <= 2000),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    override_reason TEXT NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author          TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at     TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (session_id, revision)
) STRICT;

CREATE INDEX session_revision_by_time ON session_revision (performed_at);

CREATE TABLE session_area (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL REFERENCES session_revision (id),
    position            INTEGER NOT NULL CHECK (position >= 1),
    area                TEXT NOT NULL REFERENCES depth_limit (area),
    side                TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
    depth_mm            REAL NOT NULL CHECK (depth_mm > 0 AND depth_mm <= 3.0),
    passes              INTEGER CHECK (passes IS NULL OR passes BETWEEN 1 AND 20),
    UNIQUE (session_revision_id, position)
) STRICT;

-- One row per area and side in a session; an unsided area counts as its own side.
CREATE UNIQUE INDEX session_area_once
    ON session_area (session_revision_id, area, coalesce(side, ''));
CREATE INDEX session_area_by_area ON session_area (area);

CREATE TABLE serum_use (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL REFERENCES session_revision (id),
    position            INTEGER NOT NULL CHECK (position >= 1),
    product_id          INTEGER NOT NULL REFERENCES product (id),
    lot                 TEXT NOT NULL CHECK (length(trim(lot)) BETWEEN 1 AND 60),
    expiry              TEXT CHECK (expiry IS NULL OR expiry IS date(expiry, '+0 days')),
    phase               TEXT NOT NULL CHECK (phase IN ('during', 'after')),
    amount_ml           REAL CHECK (amount_ml IS NULL OR (amount_ml > 0 AND amount_ml <= 100)),
    UNIQUE (session_revision_id, position)
) STRICT;

CREATE INDEX serum_use_by_lot ON serum_use (lot);

-- The blocking findings a practitioner overrode, stored with the revision they allowed.
CREATE TABLE session_override (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL REFERENCES session_revision (id),
    rule                TEXT NOT NULL CHECK (rule IN ('contraindication', 'depth', 'interval',
                                                      'consent')),
    detail              TEXT NOT NULL CHECK (length(detail) >= 1)
) STRICT;

CREATE INDEX session_override_by_revision ON session_override (session_revision_id);

-- Reactions and follow-ups

CREATE TABLE reaction (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX reaction_by_session ON reaction (session_id);

CREATE TABLE reaction_revision (
    id          INTEGER PRIMARY KEY,
    reaction_id INTEGER NOT NULL REFERENCES reaction (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    kind        TEXT NOT NULL REFERENCES reaction_norm (kind),
    severity    TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
    area        TEXT REFERENCES depth_limit (area),
    side        TEXT CHECK (side IS NULL OR (area IS NOT NULL AND side IN ('left', 'right'))),
    onset_on    TEXT NOT NULL CHECK (onset_on IS date(onset_on, '+0 days')),
    resolved_on TEXT CHECK (resolved_on IS NULL OR (resolved_on IS date(resolved_on, '+0 days')
                                                    AND resolved_on >= onset_on)),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    UNIQUE (reaction_id, revision)
) STRICT;

CREATE TABLE followup (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX followup_by_session ON followup (session_id);

CREATE TABLE followup_revision (
    id          INTEGER PRIMARY KEY,
    followup_id INTEGER NOT NULL REFERENCES followup (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    checked_on  TEXT NOT NULL CHECK (checked_on IS date(checked_on, '+0 days')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('none', 'reactions')),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    UNIQUE (followup_id, revision)
) STRICT;

-- Audit log: one row per write, in the same transaction. prev_hash and hash hold the
-- SHA-256 chain (hex) that makes tampering detectable.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL CHECK (length(actor) >= 1),
    action      TEXT NOT NULL,
    patient_id  INTEGER REFERENCES patient (id),
    record_kind TEXT,
    record_id   INTEGER,
    revision    INTEGER,
    reason      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT,
    hash        TEXT
) STRICT;

CREATE INDEX audit_by_patient ON audit_log (patient_id);

-- Current state: the newest revision of each record.

CREATE VIEW patient_current AS
SELECT p.id, p.code, r.*
FROM patient p
JOIN patient_revision r ON r.patient_id = p.id
WHERE r.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id);

CREATE VIEW session_current AS
SELECT s.patient_id, r.*
FROM session s
JOIN session_revision r ON r.session_id = s.id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id);

-- History cannot be rewritten, not even from a raw sqlite3 session.

CREATE TRIGGER patient_no_update BEFORE UPDATE ON patient
BEGIN SELECT RAISE(ABORT, 'patient rows are never changed; add a revision'); END;
CREATE TRIGGER patient_no_delete BEFORE DELETE ON patient
BEGIN SELECT RAISE(ABORT, 'patient rows are never deleted; void with a revision'); END;
CREATE TRIGGER patient_revision_no_update BEFORE UPDATE ON patient_revision
BEGIN SELECT RAISE(ABORT, 'patient revisions are never changed; add a revision'); END;
CREATE TRIGGER patient_revision_no_delete BEFORE DELETE ON patient_revision
BEGIN SELECT RAISE(ABORT, 'patient revisions are never deleted'); END;

CREATE TRIGGER condition_no_update BEFORE UPDATE ON condition
BEGIN SELECT RAISE(ABORT, 'condition rows are never changed; add a revision'); END;
CREATE TRIGGER condition_no_delete BEFORE DELETE ON condition
BEGIN SELECT RAISE(ABORT, 'condition rows are never deleted; void with a revision'); END;
CREATE TRIGGER condition_revision_no_update BEFORE UPDATE ON condition_revision
BEGIN SELECT RAISE(ABORT, 'condition revisions are never changed; add a revision'); END;
CREATE TRIGGER condition_revision_no_delete BEFORE DELETE ON condition_revision
BEGIN SELECT RAISE(ABORT, 'condition revisions are never deleted'); END;

CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
BEGIN SELECT RAISE(ABORT, 'consent rows are never changed; add a revision'); END;
CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN SELECT RAISE(ABORT, 'consent rows are never deleted; void with a revision'); END;
CREATE TRIGGER consent_revision_no_update BEFORE UPDATE ON consent_revision
BEGIN SELECT RAISE(ABORT, 'consent revisions are never changed; add a revision'); END;
CREATE TRIGGER consent_revision_no_delete BEFORE DELETE ON consent_revision
BEGIN SELECT RAISE(ABORT, 'consent revisions are never deleted'); END;

CREATE TRIGGER session_no_update BEFORE UPDATE ON session
BEGIN SELECT RAISE(ABORT, 'session rows are never changed; add a revision'); END;
CREATE TRIGGER session_no_delete BEFORE DELETE ON session
BEGIN SELECT RAISE(ABORT, 'session rows are never deleted; void with a revision'); END;
CREATE TRIGGER session_revision_no_update BEFORE UPDATE ON session_revision
BEGIN SELECT RAISE(ABORT, 'session revisions are never changed; add a revision'); END;
CREATE TRIGGER session_revision_no_delete BEFORE DELETE ON session_revision
BEGIN SELECT RAISE(ABORT, 'session revisions are never deleted'); END;
CREATE TRIGGER session_area_no_update BEFORE UPDATE ON session_area
BEGIN SELECT RAISE(ABORT, 'session areas are never changed; amend the session'); END;
CREATE TRIGGER session_area_no_delete BEFORE DELETE ON session_area
BEGIN SELECT RAISE(ABORT, 'session areas are never deleted; amend the session'); END;
CREATE TRIGGER serum_use_no_update BEFORE UPDATE ON serum_use
BEGIN SELECT RAISE(ABORT, 'serum uses are never changed; amend the session'); END;
CREATE TRIGGER serum_use_no_delete BEFORE DELETE ON serum_use
BEGIN SELECT RAISE(ABORT, 'serum uses are never deleted; amend the session'); END;
CREATE TRIGGER session_override_no_update BEFORE UPDATE ON session_override
BEGIN SELECT RAISE(ABORT, 'session overrides are never changed'); END;
CREATE TRIGGER session_override_no_delete BEFORE DELETE ON session_override
BEGIN SELECT RAISE(ABORT, 'session overrides are never deleted'); END;

CREATE TRIGGER reaction_no_update BEFORE UPDATE ON reaction
BEGIN SELECT RAISE(ABORT, 'reaction rows are never changed; add a revision'); END;
CREATE TRIGGER reaction_no_delete BEFORE DELETE ON reaction
BEGIN SELECT RAISE(ABORT, 'reaction rows are never deleted; void with a revision'); END;
CREATE TRIGGER reaction_revision_no_update BEFORE UPDATE ON reaction_revision
BEGIN SELECT RAISE(ABORT, 'reaction revisions are never changed; add a revision'); END;
CREATE TRIGGER reaction_revision_no_delete BEFORE DELETE ON reaction_revision
BEGIN SELECT RAISE(ABORT, 'reaction revisions are never deleted'); END;

CREATE TRIGGER followup_no_update BEFORE UPDATE ON followup
BEGIN SELECT RAISE(ABORT, 'follow-up rows are never changed; add a revision'); END;
CREATE TRIGGER followup_no_delete BEFORE DELETE ON followup
BEGIN SELECT RAISE(ABORT, 'follow-up rows are never deleted; void with a revision'); END;
CREATE TRIGGER followup_revision_no_update BEFORE UPDATE ON followup_revision
BEGIN SELECT RAISE(ABORT, 'follow-up revisions are never changed; add a revision'); END;
CREATE TRIGGER followup_revision_no_delete BEFORE DELETE ON followup_revision
BEGIN SELECT RAISE(ABORT, 'follow-up revisions are never deleted'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- INSERT OR REPLACE would delete the row it collides with without firing the DELETE triggers:
-- refuse any insert that collides with a stored row instead.

CREATE TRIGGER patient_no_replace BEFORE INSERT ON patient
WHEN EXISTS (SELECT 1 FROM patient WHERE id = NEW.id OR code = NEW.code)
BEGIN SELECT RAISE(ABORT, 'patient rows are never replaced'); END;
CREATE TRIGGER patient_revision_no_replace BEFORE INSERT ON patient_revision
WHEN EXISTS (SELECT 1 FROM patient_revision WHERE id = NEW.id OR (patient_id = NEW.patient_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'patient_revision rows are never replaced'); END;
CREATE TRIGGER condition_no_replace BEFORE INSERT ON condition
WHEN EXISTS (SELECT 1 FROM condition WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'condition rows are never replaced'); END;
CREATE TRIGGER condition_revision_no_replace BEFORE INSERT ON condition_revision
WHEN EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.id OR (condition_id = NEW.condition_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'condition_revision rows are never replaced'); END;
CREATE TRIGGER consent_no_replace BEFORE INSERT ON consent
WHEN EXISTS (SELECT 1 FROM consent WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'consent rows are never replaced'); END;
CREATE TRIGGER consent_revision_no_replace BEFORE INSERT ON consent_revision
WHEN EXISTS (SELECT 1 FROM consent_revision WHERE id = NEW.id OR (consent_id = NEW.consent_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'consent_revision rows are never replaced'); END;
CREATE TRIGGER session_no_replace BEFORE INSERT ON session
WHEN EXISTS (SELECT 1 FROM session WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'session rows are never replaced'); END;
CREATE TRIGGER session_revision_no_replace BEFORE INSERT ON session_revision
WHEN EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.id OR (session_id = NEW.session_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'session_revision rows are never replaced'); END;
CREATE TRIGGER session_area_no_replace BEFORE INSERT ON session_area
WHEN EXISTS (SELECT 1 FROM session_area WHERE id = NEW.id OR (session_revision_id = NEW.session_revision_id AND (position = NEW.position OR (area = NEW.area AND coalesce(side, '') = coalesce(NEW.side, '')))))
BEGIN SELECT RAISE(ABORT, 'session_area rows are never replaced'); END;
CREATE TRIGGER serum_use_no_replace BEFORE INSERT ON serum_use
WHEN EXISTS (SELECT 1 FROM serum_use WHERE id = NEW.id OR (session_revision_id = NEW.session_revision_id AND position = NEW.position))
BEGIN SELECT RAISE(ABORT, 'serum_use rows are never replaced'); END;
CREATE TRIGGER session_override_no_replace BEFORE INSERT ON session_override
WHEN EXISTS (SELECT 1 FROM session_override WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'session_override rows are never replaced'); END;
CREATE TRIGGER reaction_no_replace BEFORE INSERT ON reaction
WHEN EXISTS (SELECT 1 FROM reaction WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'reaction rows are never replaced'); END;
CREATE TRIGGER reaction_revision_no_replace BEFORE INSERT ON reaction_revision
WHEN EXISTS (SELECT 1 FROM reaction_revision WHERE id = NEW.id OR (reaction_id = NEW.reaction_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'reaction_revision rows are never replaced'); END;
CREATE TRIGGER followup_no_replace BEFORE INSERT ON followup
WHEN EXISTS (SELECT 1 FROM followup WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'followup rows are never replaced'); END;
CREATE TRIGGER followup_revision_no_replace BEFORE INSERT ON followup_revision
WHEN EXISTS (SELECT 1 FROM followup_revision WHERE id = NEW.id OR (followup_id = NEW.followup_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'followup_revision rows are never replaced'); END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log rows are never replaced'); END;
