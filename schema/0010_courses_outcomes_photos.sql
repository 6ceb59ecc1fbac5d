-- Needlebook schema, version 10: treatment courses, outcome scores and standard photos.
--  * A course is the plan a patient is treated under (indication, sessions planned, interval);
--    a session revision may name the course it belongs to (session_course).
--  * An assessment is one outcome score on a scale of the catalogue (outcome_scale), per area
--    where the scale is scored per area; the procedure's pain is one too.
--  * A photo record names an image in the clinic's photo store by its SHA-256; the bytes live
--    beside the database, never in it.
--  * Setting course_overdue_days: how many days past its due date a course's next session is
--    listed as overdue.
--
-- Unlike the records of version 1, a course, assessment or photo revision names its patient
-- itself: a merge moves it with a revision, no owner table needed.
--
-- Runs with foreign keys off (the migration runner checks them all before it commits): the
-- setting table is rebuilt to allow the new key, as schema 9 did. temp.migration_context holds
-- the time and actor of the migration.

-- The scales the database accepts scores on, and the values each allows. The program's catalogue
-- (model/outcome_scale) holds names, labels and sources; a unit test keeps the two equal.
CREATE TABLE outcome_scale (
    key      TEXT PRIMARY KEY CHECK (key IN ('goodman-baron', 'goodman-baron-quant', 'mmasi',
                                             'lemperle', 'glogau', 'gais-clinician',
                                             'gais-patient', 'pain-nrs')),
    low      REAL NOT NULL,
    high     REAL NOT NULL CHECK (high > low),
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 2),
    per_area INTEGER NOT NULL CHECK (per_area IN (0, 1))
) STRICT;

INSERT INTO outcome_scale (key, low, high, decimals, per_area) VALUES
    ('goodman-baron', 1, 4, 0, 1),
    ('goodman-baron-quant', 0, 84, 0, 0),
    ('mmasi', 0, 24, 2, 0),
    ('lemperle', 0, 5, 0, 1),
    ('glogau', 1, 4, 0, 0),
    ('gais-clinician', 1, 5, 0, 0),
    ('gais-patient', 1, 5, 0, 0),
    ('pain-nrs', 0, 10, 0, 0);

CREATE TRIGGER outcome_scale_no_update BEFORE UPDATE ON outcome_scale
BEGIN SELECT RAISE(ABORT, 'outcome scales are part of the schema'); END;
CREATE TRIGGER outcome_scale_no_delete BEFORE DELETE ON outcome_scale
BEGIN SELECT RAISE(ABORT, 'outcome scales are part of the schema'); END;
CREATE TRIGGER outcome_scale_no_insert BEFORE INSERT ON outcome_scale
BEGIN SELECT RAISE(ABORT, 'outcome scales are part of the schema'); END;

-- Courses

CREATE TABLE course (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE course_revision (
    id           INTEGER PRIMARY KEY,
    course_id    INTEGER NOT NULL REFERENCES course (id),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    patient_id   INTEGER NOT NULL REFERENCES patient (id),
    indication   TEXT NOT NULL CHECK (indication IN ('rejuvenation', 'acne-scars',
                 'surgical-scar', 'stretch-marks', 'hyperpigmentation', 'melasma', 'other')),
    planned      INTEGER NOT NULL CHECK (planned BETWEEN 1 AND 30),
    every_days   INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 365),
    -- Area codes (treatment_area) separated by single spaces; empty: not restricted.
    areas        TEXT NOT NULL DEFAULT '' CHECK (length(areas) <= 300),
    goal         TEXT NOT NULL DEFAULT '' CHECK (length(goal) <= 1000),
    started_on   TEXT NOT NULL CHECK (started_on IS date(started_on, '+0 days')),
    -- Closed: completed as planned or stopped early, with why.
    closed_on    TEXT CHECK (closed_on IS NULL OR (closed_on IS date(closed_on, '+0 days')
                                                   AND closed_on >= started_on)),
    outcome      TEXT CHECK (outcome IS NULL OR outcome IN ('completed', 'stopped')),
    close_reason TEXT NOT NULL DEFAULT '' CHECK (length(close_reason) <= 2000),
    voided       INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author       TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at  TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    CHECK ((closed_on IS NULL) = (outcome IS NULL)),
    CHECK (closed_on IS NULL OR length(trim(close_reason)) >= 1),
    UNIQUE (course_id, revision)
) STRICT;

CREATE INDEX course_revision_by_patient ON course_revision (patient_id);

-- The course a session revision belongs to; each later revision of the session repeats it.
CREATE TABLE session_course (
    id                  INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL UNIQUE REFERENCES session_revision (id),
    course_id           INTEGER NOT NULL REFERENCES course (id)
) STRICT;

CREATE INDEX session_course_by_course ON session_course (course_id);

-- Outcome scores

CREATE TABLE assessment (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE assessment_revision (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id),
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    patient_id    INTEGER NOT NULL REFERENCES patient (id),
    scale         TEXT NOT NULL REFERENCES outcome_scale (key),
    score         REAL NOT NULL,
    area          TEXT REFERENCES treatment_area (area),
    side          TEXT CHECK (side IS NULL OR (area IS NOT NULL AND side IN ('left', 'right'))),
    assessed_on   TEXT NOT NULL CHECK (assessed_on IS date(assessed_on, '+0 days')),
    session_id    INTEGER REFERENCES session (id),
    course_id     INTEGER REFERENCES course (id),
    -- Who scored it when not the one who recorded it (the patient, for gais-patient).
    assessor      TEXT NOT NULL DEFAULT '' CHECK (length(assessor) <= 100),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided        INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author        TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at   TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (assessment_id, revision)
) STRICT;

CREATE INDEX assessment_revision_by_patient ON assessment_revision (patient_id);
CREATE INDEX assessment_revision_by_session ON assessment_revision (session_id);

-- The database refuses a score the scale does not allow, whatever wrote it: within its range,
-- no more decimals than it has, an area exactly when it is scored per area.
CREATE TRIGGER assessment_revision_score BEFORE INSERT ON assessment_revision
WHEN NOT coalesce((SELECT NEW.score BETWEEN s.low AND s.high
                          AND round(NEW.score, s.decimals) = NEW.score
                          AND (NEW.area IS NOT NULL) = (s.per_area = 1)
                   FROM outcome_scale s WHERE s.key = NEW.scale), 0)
BEGIN SELECT RAISE(ABORT, 'score not allowed on its scale'); END;

-- Photos

-- The image, named by the SHA-256 of its bytes (lowercase hex): the store keeps it as
-- <sha256>.jpg or .png, and `check` hashes it again.
CREATE TABLE photo (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    bytes      INTEGER NOT NULL CHECK (bytes > 0),
    media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    -- The file name it was added from, for people; never used to find it.
    file_name  TEXT NOT NULL DEFAULT '' CHECK (length(file_name) <= 255),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX photo_by_sha256 ON photo (sha256);

CREATE TABLE photo_revision (
    id              INTEGER PRIMARY KEY,
    photo_id        INTEGER NOT NULL REFERENCES photo (id),
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    patient_id      INTEGER NOT NULL REFERENCES patient (id),
    view            TEXT NOT NULL CHECK (view IN ('front', 'left-45', 'right-45',
                                                  'left-profile', 'right-profile', 'other')),
    taken_on        TEXT NOT NULL CHECK (taken_on IS date(taken_on, '+0 days')),
    session_id      INTEGER REFERENCES session (id),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    -- Why it was stored without a consent covering photos; empty when one covered it.
    override_reason TEXT NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author          TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at     TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (photo_id, revision)
) STRICT;

CREATE INDEX photo_revision_by_patient ON photo_revision (patient_id);

-- Insert-only, as every record since version 1.
CREATE TRIGGER course_no_update BEFORE UPDATE ON course
BEGIN SELECT RAISE(ABORT, 'course rows are never changed; add a revision'); END;
CREATE TRIGGER course_no_delete BEFORE DELETE ON course
BEGIN SELECT RAISE(ABORT, 'course rows are never deleted; void with a revision'); END;
CREATE TRIGGER course_no_replace BEFORE INSERT ON course
WHEN EXISTS (SELECT 1 FROM course WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'course rows are never replaced'); END;
CREATE TRIGGER course_revision_no_update BEFORE UPDATE ON course_revision
BEGIN SELECT RAISE(ABORT, 'course revisions are never changed; add a revision'); END;
CREATE TRIGGER course_revision_no_delete BEFORE DELETE ON course_revision
BEGIN SELECT RAISE(ABORT, 'course revisions are never deleted'); END;
CREATE TRIGGER course_revision_no_replace BEFORE INSERT ON course_revision
WHEN EXISTS (SELECT 1 FROM course_revision WHERE id = NEW.id OR (course_id = NEW.course_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'course_revision rows are never replaced'); END;

CREATE TRIGGER session_course_no_update BEFORE UPDATE ON session_course
BEGIN SELECT RAISE(ABORT, 'session courses are never changed; amend the session'); END;
CREATE TRIGGER session_course_no_delete BEFORE DELETE ON session_course
BEGIN SELECT RAISE(ABORT, 'session courses are never deleted; amend the session'); END;
CREATE TRIGGER session_course_no_replace BEFORE INSERT ON session_course
WHEN EXISTS (SELECT 1 FROM session_course WHERE id = NEW.id OR session_revision_id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_course rows are never replaced'); END;
CREATE TRIGGER session_course_needs_revision BEFORE INSERT ON session_course
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_course rows belong to a stored session revision'); END;

CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment rows are never changed; add a revision'); END;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment rows are never deleted; void with a revision'); END;
CREATE TRIGGER assessment_no_replace BEFORE INSERT ON assessment
WHEN EXISTS (SELECT 1 FROM assessment WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'assessment rows are never replaced'); END;
CREATE TRIGGER assessment_revision_no_update BEFORE UPDATE ON assessment_revision
BEGIN SELECT RAISE(ABORT, 'assessment revisions are never changed; add a revision'); END;
CREATE TRIGGER assessment_revision_no_delete BEFORE DELETE ON assessment_revision
BEGIN SELECT RAISE(ABORT, 'assessment revisions are never deleted'); END;
CREATE TRIGGER assessment_revision_no_replace BEFORE INSERT ON assessment_revision
WHEN EXISTS (SELECT 1 FROM assessment_revision WHERE id = NEW.id OR (assessment_id = NEW.assessment_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'assessment_revision rows are never replaced'); END;

CREATE TRIGGER photo_no_update BEFORE UPDATE ON photo
BEGIN SELECT RAISE(ABORT, 'photo rows are never changed; add a revision'); END;
CREATE TRIGGER photo_no_delete BEFORE DELETE ON photo
BEGIN SELECT RAISE(ABORT, 'photo rows are never deleted; void with a revision'); END;
CREATE TRIGGER photo_no_replace BEFORE INSERT ON photo
WHEN EXISTS (SELECT 1 FROM photo WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'photo rows are never replaced'); END;
CREATE TRIGGER photo_revision_no_update BEFORE UPDATE ON photo_revision
BEGIN SELECT RAISE(ABORT, 'photo revisions are never changed; add a revision'); END;
CREATE TRIGGER photo_revision_no_delete BEFORE DELETE ON photo_revision
BEGIN SELECT RAISE(ABORT, 'photo revisions are never deleted'); END;
CREATE TRIGGER photo_revision_no_replace BEFORE INSERT ON photo_revision
WHEN EXISTS (SELECT 1 FROM photo_revision WHERE id = NEW.id OR (photo_id = NEW.photo_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'photo_revision rows are never replaced'); END;

-- The setting table is rebuilt to allow the new key; ids and keys stay, so every setting's
-- fingerprint stays as it was. What refers to it by name goes first.
DROP VIEW setting_current;
DROP TRIGGER setting_revision_value;

CREATE TABLE setting_v10 (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                            'consent_valid_months', 'interval_warn_days',
                                            'interval_block_days', 'followup_due_days',
                                            'override_min_reason', 'lot_registration',
                                            'minimum_age', 'consent_policy',
                                            'fhir_identifier_system', 'course_overdue_days')
                                    OR key GLOB 'depth_limit.?*' OR key GLOB 'recovery.?*'
                                    OR key GLOB 'condition.?*')
) STRICT;
INSERT INTO setting_v10 (id, key) SELECT id, key FROM setting ORDER BY id;
DROP TABLE setting;
ALTER TABLE setting_v10 RENAME TO setting;

CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never changed; add a revision'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are never deleted'); END;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
WHEN EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'setting rows are never replaced'); END;

-- As in schema 9; course_overdue_days falls under the last case (whole days, 0 to 365).
CREATE TRIGGER setting_revision_value BEFORE INSERT ON setting_revision
WHEN NOT coalesce((SELECT CASE
    WHEN s.key = 'clinic_name' THEN length(NEW.value) <= 200
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

INSERT INTO setting (key) VALUES ('course_overdue_days');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, 1, '14', c.actor, c.now, 'default of schema 10'
FROM setting s CROSS JOIN temp.migration_context c
WHERE s.key = 'course_overdue_days';
