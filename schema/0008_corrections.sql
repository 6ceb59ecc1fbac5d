-- Needlebook schema, version 8: every record can be corrected, and every correction shows.
--  * A condition entered under the wrong code is amended, not entered again: a condition
--    revision may name the code it holds (condition_revision_code).
--  * Catalogue products get revisions: a misspelt name, a wrong kind or maker is amended, and a
--    product the clinic no longer uses is retired (past sessions still name it).
--  * A duplicate chart is merged into the patient's real chart: the duplicate's conditions,
--    consents and sessions get a revision that names their new patient (*_owner), and the
--    duplicate's voiding revision names the chart it was merged into (patient_merge).
--
-- Revisions stored before version 8 have no rows in these tables, so their fingerprints stay as
-- they were.

-- The code a condition revision holds when it is not the code the condition was entered with
-- (condition.code). A revision holds the whole record, so each later revision repeats it.
CREATE TABLE condition_revision_code (
    id                    INTEGER PRIMARY KEY,
    condition_revision_id INTEGER NOT NULL UNIQUE REFERENCES condition_revision (id),
    code                  TEXT NOT NULL REFERENCES condition_code (code)
) STRICT;

CREATE TRIGGER condition_revision_code_no_update BEFORE UPDATE ON condition_revision_code
BEGIN SELECT RAISE(ABORT, 'condition codes are never changed; amend the condition'); END;
CREATE TRIGGER condition_revision_code_no_delete BEFORE DELETE ON condition_revision_code
BEGIN SELECT RAISE(ABORT, 'condition codes are never deleted; amend the condition'); END;
CREATE TRIGGER condition_revision_code_no_replace BEFORE INSERT ON condition_revision_code
WHEN EXISTS (SELECT 1 FROM condition_revision_code WHERE id = NEW.id OR condition_revision_id = NEW.condition_revision_id)
BEGIN SELECT RAISE(ABORT, 'condition_revision_code rows are never replaced'); END;

-- A product's revisions after the first: the product row itself is revision 1 (products were
-- written once before version 8, and their audit rows fingerprint that row).
CREATE TABLE product_revision (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES product (id),
    revision    INTEGER NOT NULL CHECK (revision >= 2),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        TEXT NOT NULL CHECK (kind IN ('hyaluronic-acid', 'growth-factors', 'peptides',
                                              'vitamin-c', 'exosomes', 'prp', 'anaesthetic',
                                              'other')),
    maker       TEXT NOT NULL DEFAULT '' CHECK (length(maker) <= 200),
    -- Retired: no new session may use it; the sessions that did still name it.
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    author      TEXT NOT NULL CHECK (length(author) >= 1),
    recorded_at TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) >= 1),
    UNIQUE (product_id, revision)
) STRICT;

CREATE TRIGGER product_revision_no_update BEFORE UPDATE ON product_revision
BEGIN SELECT RAISE(ABORT, 'product revisions are never changed; add a revision'); END;
CREATE TRIGGER product_revision_no_delete BEFORE DELETE ON product_revision
BEGIN SELECT RAISE(ABORT, 'product revisions are never deleted'); END;
CREATE TRIGGER product_revision_no_replace BEFORE INSERT ON product_revision
WHEN EXISTS (SELECT 1 FROM product_revision WHERE id = NEW.id OR (product_id = NEW.product_id AND revision = NEW.revision))
BEGIN SELECT RAISE(ABORT, 'product_revision rows are never replaced'); END;

-- Each product as it reads now: its newest revision, else the product row.
CREATE VIEW product_current AS
SELECT p.id, p.code,
       coalesce(r.name, p.name) AS name,
       coalesce(r.kind, p.kind) AS kind,
       coalesce(r.maker, p.maker) AS maker,
       coalesce(r.retired, 0) AS retired,
       coalesce(r.revision, 1) AS revision
FROM product p
LEFT JOIN product_revision r ON r.product_id = p.id
     AND r.revision = (SELECT max(revision) FROM product_revision WHERE product_id = p.id);

-- A duplicate chart's voiding revision names the chart its records were moved into. A voided
-- chart is never amended again, so a merge is final.
CREATE TABLE patient_merge (
    id                  INTEGER PRIMARY KEY,
    patient_revision_id INTEGER NOT NULL UNIQUE REFERENCES patient_revision (id),
    into_patient_id     INTEGER NOT NULL REFERENCES patient (id)
) STRICT;

CREATE INDEX patient_merge_by_target ON patient_merge (into_patient_id);

CREATE TRIGGER patient_merge_no_update BEFORE UPDATE ON patient_merge
BEGIN SELECT RAISE(ABORT, 'merges are never changed'); END;
CREATE TRIGGER patient_merge_no_delete BEFORE DELETE ON patient_merge
BEGIN SELECT RAISE(ABORT, 'merges are never deleted'); END;
CREATE TRIGGER patient_merge_no_replace BEFORE INSERT ON patient_merge
WHEN EXISTS (SELECT 1 FROM patient_merge WHERE id = NEW.id OR patient_revision_id = NEW.patient_revision_id)
BEGIN SELECT RAISE(ABORT, 'patient_merge rows are never replaced'); END;

-- The patient a condition, consent or session revision belongs to when a merge moved the record
-- from the chart it was entered on (the identity row's patient_id). Each later revision of the
-- record repeats it, as a revision holds the whole record.
CREATE TABLE condition_owner (
    id                   INTEGER PRIMARY KEY,
    condition_revision_id INTEGER NOT NULL UNIQUE REFERENCES condition_revision (id),
    patient_id           INTEGER NOT NULL REFERENCES patient (id)
) STRICT;

CREATE TRIGGER condition_owner_no_update BEFORE UPDATE ON condition_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never changed; add a revision'); END;
CREATE TRIGGER condition_owner_no_delete BEFORE DELETE ON condition_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never deleted'); END;
CREATE TRIGGER condition_owner_no_replace BEFORE INSERT ON condition_owner
WHEN EXISTS (SELECT 1 FROM condition_owner WHERE id = NEW.id OR condition_revision_id = NEW.condition_revision_id)
BEGIN SELECT RAISE(ABORT, 'condition_owner rows are never replaced'); END;

CREATE TABLE consent_owner (
    id                 INTEGER PRIMARY KEY,
    consent_revision_id INTEGER NOT NULL UNIQUE REFERENCES consent_revision (id),
    patient_id         INTEGER NOT NULL REFERENCES patient (id)
) STRICT;

CREATE TRIGGER consent_owner_no_update BEFORE UPDATE ON consent_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never changed; add a revision'); END;
CREATE TRIGGER consent_owner_no_delete BEFORE DELETE ON consent_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never deleted'); END;
CREATE TRIGGER consent_owner_no_replace BEFORE INSERT ON consent_owner
WHEN EXISTS (SELECT 1 FROM consent_owner WHERE id = NEW.id OR consent_revision_id = NEW.consent_revision_id)
BEGIN SELECT RAISE(ABORT, 'consent_owner rows are never replaced'); END;

CREATE TABLE session_owner (
    id                 INTEGER PRIMARY KEY,
    session_revision_id INTEGER NOT NULL UNIQUE REFERENCES session_revision (id),
    patient_id         INTEGER NOT NULL REFERENCES patient (id)
) STRICT;

CREATE TRIGGER session_owner_no_update BEFORE UPDATE ON session_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never changed; add a revision'); END;
CREATE TRIGGER session_owner_no_delete BEFORE DELETE ON session_owner
BEGIN SELECT RAISE(ABORT, 'record owners are never deleted'); END;
CREATE TRIGGER session_owner_no_replace BEFORE INSERT ON session_owner
WHEN EXISTS (SELECT 1 FROM session_owner WHERE id = NEW.id OR session_revision_id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_owner rows are never replaced'); END;

-- A row that belongs to a revision (its areas, findings, owner, …) is written after the revision
-- it names, in the same transaction. One put in by hand ahead of a revision not yet stored would
-- otherwise become part of the next revision stored under that id, and of its fingerprint: the
-- database refuses it, whatever wrote it (the foreign keys are not enforced by every client).
CREATE TRIGGER session_area_needs_revision BEFORE INSERT ON session_area
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_area rows belong to a stored session revision'); END;
CREATE TRIGGER serum_use_needs_revision BEFORE INSERT ON serum_use
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'serum_use rows belong to a stored session revision'); END;
CREATE TRIGGER session_override_needs_revision BEFORE INSERT ON session_override
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_override rows belong to a stored session revision'); END;
CREATE TRIGGER session_finding_needs_revision BEFORE INSERT ON session_finding
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_finding rows belong to a stored session revision'); END;
CREATE TRIGGER session_setting_needs_revision BEFORE INSERT ON session_setting
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_setting rows belong to a stored session revision'); END;
CREATE TRIGGER session_owner_needs_revision BEFORE INSERT ON session_owner
WHEN NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id)
BEGIN SELECT RAISE(ABORT, 'session_owner rows belong to a stored session revision'); END;
CREATE TRIGGER condition_clearance_needs_revision BEFORE INSERT ON condition_clearance
WHEN NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id)
BEGIN SELECT RAISE(ABORT, 'condition_clearance rows belong to a stored condition revision'); END;
CREATE TRIGGER condition_revision_code_needs_revision BEFORE INSERT ON condition_revision_code
WHEN NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id)
BEGIN SELECT RAISE(ABORT, 'condition_revision_code rows belong to a stored condition revision'); END;
CREATE TRIGGER condition_owner_needs_revision BEFORE INSERT ON condition_owner
WHEN NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id)
BEGIN SELECT RAISE(ABORT, 'condition_owner rows belong to a stored condition revision'); END;
CREATE TRIGGER consent_terms_needs_revision BEFORE INSERT ON consent_terms
WHEN NOT EXISTS (SELECT 1 FROM consent_revision WHERE id = NEW.consent_revision_id)
BEGIN SELECT RAISE(ABORT, 'consent_terms rows belong to a stored consent revision'); END;
CREATE TRIGGER consent_owner_needs_revision BEFORE INSERT ON consent_owner
WHEN NOT EXISTS (SELECT 1 FROM consent_revision WHERE id = NEW.consent_revision_id)
BEGIN SELECT RAISE(ABORT, 'consent_owner rows belong to a stored consent revision'); END;
CREATE TRIGGER patient_merge_needs_revision BEFORE INSERT ON patient_merge
WHEN NOT EXISTS (SELECT 1 FROM patient_revision WHERE id = NEW.patient_revision_id)
BEGIN SELECT RAISE(ABORT, 'patient_merge rows belong to a stored patient revision'); END;

-- session_current names the patient the session belongs to now (a merge may have moved it).
DROP VIEW session_current;
CREATE VIEW session_current AS
SELECT coalesce(o.patient_id, s.patient_id) AS patient_id, r.*
FROM session s
JOIN session_revision r ON r.session_id = s.id
LEFT JOIN session_owner o ON o.session_revision_id = r.id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id);
