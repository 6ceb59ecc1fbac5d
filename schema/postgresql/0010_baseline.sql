-- Needlebook schema for PostgreSQL 15, version 10: the schema SQLite has after
-- schema/0001_initial.sql … schema/0010_courses_outcomes_photos.sql, in one script.
--
-- No PostgreSQL database existed before version 10, so this is where PostgreSQL starts; each
-- later migration comes as twins with the same number, schema/NNNN_x.sql for SQLite and
-- schema/postgresql/NNNN_x.sql here. The program runs the script in one transaction in an empty
-- database, after CREATE TEMP TABLE migration_context (now text NOT NULL, actor text NOT NULL)
-- holding one row (the time and actor of the migration, as on SQLite).
-- tests/schema/compare_dialects.sh proves both dialects give the same schema.
--
-- How SQLite's schema maps here (same tables, columns and column order, same meaning):
--  * INTEGER is bigint (the program reads 64-bit integers); REAL is double precision; TEXT is
--    text COLLATE "C", which orders by bytes as SQLite's BINARY does, so ORDER BY reads alike.
--    Instants stay text 'YYYY-MM-DDTHH:MM:SSZ' and dates text 'YYYY-MM-DD', checked by
--    needlebook_is_instant and needlebook_is_date, which accept exactly the strings SQLite's
--    `x IS strftime('%Y-%m-%dT%H:%M:%SZ', x, '+0 days')` and `x IS date(x, '+0 days')` accept.
--    Booleans stay integers 0/1 with their checks.
--  * COLLATE NOCASE (patient.code, lot.lot and two lot indexes) folds ASCII letters only; so does
--    lower() on a "C" text, so a NOCASE key is an index on lower(column). A query that compares
--    such a column must compare lower(column) on PostgreSQL, as SQLite compares it NOCASE.
--  * INTEGER PRIMARY KEY is bigint PRIMARY KEY, and the trigger <table>_next_id gives a row
--    without an id max(id) + 1, as SQLite does: an imported record keeps its own id, and a
--    rolled-back insert leaves no gap (a sequence would), so both engines number alike. The
--    program serialises its writers (an advisory lock), so two cannot take the same number; two
--    raw inserts at once would clash on the primary key, not overwrite.
--  * A trigger that refuses a change raises SQLSTATE NB001 with SQLite's message, word for word;
--    TRUNCATE is refused on the same tables with the message that refuses DELETE.
--  * PRAGMA user_version is the one row of needlebook_schema.
--  * Foreign keys are DEFERRABLE (INITIALLY IMMEDIATE, so checked after each statement as on
--    SQLite): SET CONSTRAINTS ALL DEFERRED in a transaction is what PRAGMA foreign_keys = OFF
--    and PRAGMA defer_foreign_keys are on SQLite, with every key checked at COMMIT.

-- Checks and helpers ------------------------------------------------------------------------

-- SQLite's `x IS date(x, '+0 days')`: a real calendar date 0000-01-01 … 9999-12-31, written
-- 'YYYY-MM-DD' (proleptic Gregorian, so 0000 is a leap year as in SQLite).
CREATE FUNCTION needlebook_is_date(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
           substr(value, 6, 2)::int BETWEEN 1 AND 12
           AND substr(value, 9, 2)::int BETWEEN 1 AND
               CASE WHEN substr(value, 6, 2)::int IN (4, 6, 9, 11) THEN 30
                    WHEN substr(value, 6, 2)::int <> 2 THEN 31
                    WHEN substr(value, 1, 4)::int % 4 = 0
                         AND (substr(value, 1, 4)::int % 100 <> 0
                              OR substr(value, 1, 4)::int % 400 = 0) THEN 29
                    ELSE 28 END
       ELSE false END
$$;

-- SQLite's `x IS strftime('%Y-%m-%dT%H:%M:%SZ', x, '+0 days')`: a UTC instant to the second.
CREATE FUNCTION needlebook_is_instant(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' THEN
           needlebook_is_date(substr(value, 1, 10))
           AND substr(value, 12, 2)::int <= 23
           AND substr(value, 15, 2)::int <= 59
           AND substr(value, 18, 2)::int <= 59
       ELSE false END
$$;

-- SQLite's substr(X, Y, Z), which a negative length or a start of 0 does not make an error:
-- the view session_override_keyed reads the same from a detail that lacks what it looks for.
CREATE FUNCTION needlebook_substr(x text, y bigint, z bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    len bigint := length(x);
    p1 bigint := y;
    p2 bigint := z;
    negative boolean := z < 0;
BEGIN
    IF negative THEN
        p2 := -p2;
    END IF;
    IF p1 < 0 THEN
        p1 := p1 + len;
        IF p1 < 0 THEN
            p2 := greatest(p2 + p1, 0);
            p1 := 0;
        END IF;
    ELSIF p1 > 0 THEN
        p1 := p1 - 1;
    ELSIF p2 > 0 THEN
        p2 := p2 - 1;
    END IF;
    IF negative THEN
        p1 := p1 - p2;
        IF p1 < 0 THEN
            p2 := p2 + p1;
            p1 := 0;
        END IF;
    END IF;
    RETURN substr(x, (p1 + 1)::int, least(p2, len)::int);
END
$$;

-- What the program's fold() (src/needlebook/model/fold.cpp) returns, for name search: ASCII
-- capitals lowercased; the letters of Latin-1 Supplement and Latin Extended-A (and Romanian
-- Ș ș Ț ț) as ASCII; combining accents dropped; Greek and Cyrillic capitals lowercased and the
-- Greek accents dropped; everything else kept. The letters that become two go first.
CREATE FUNCTION needlebook_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(
    regexp_replace(
        replace(replace(replace(replace(replace(replace(replace(replace(replace($1,
            'Æ', 'ae'), 'æ', 'ae'), 'Þ', 'th'), 'þ', 'th'), 'ß', 'ss'),
            'Ĳ', 'ij'), 'ĳ', 'ij'), 'Œ', 'oe'), 'œ', 'oe'),
        U&'[\0300-\036F]', '', 'g'),
    -- ASCII
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    -- Latin-1 Supplement (not × ÷)
    || 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿ'
    -- Latin Extended-A
    || 'ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐő'
    || 'ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ'
    -- Romanian, comma below
    || 'ȘșȚț'
    -- Greek
    || 'ΆΈΉΊΌΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰςϊϋόύώ'
    -- Cyrillic
    || 'ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯѐё'
    || 'ѠѢѤѦѨѪѬѮѰѲѴѶѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀӁӃӅӇӉӋӍ'
    || 'ӐӒӔӖӘӚӜӞӠӢӤӦӨӪӬӮӰӲӴӶӸӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮ',
    'abcdefghijklmnopqrstuvwxyz'
    || 'aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyy'
    || 'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooo'
    || 'rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs'
    || 'sstt'
    || 'αεηιουωιαβγδεζηθικλμνξοπρστυφχψωιυαεηιυσιυουω'
    || 'ееђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяее'
    || 'ѡѣѥѧѩѫѭѯѱѳѵѷѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿӏӂӄӆӈӊӌӎ'
    || 'ӑӓӕӗәӛӝӟӡӣӥӧөӫӭӯӱӳӵӷӹӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫԭԯ')
$$;

-- What SQLite's json_each(:ids) gives the queries: one row per element of a JSON array of ids.
CREATE FUNCTION needlebook_ids(text) RETURNS TABLE (value bigint)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT e::bigint FROM json_array_elements_text($1::json) AS e
$$;

-- RAISE(ABORT, message) of SQLite: the trigger's argument is the message.
CREATE FUNCTION needlebook_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = TG_ARGV[0];
END
$$;

-- A row inserted without an id (or with NULL) takes max(id) + 1, as SQLite gives an INTEGER
-- PRIMARY KEY. It runs with the inserting role's rights (every role may read every table): a
-- SECURITY DEFINER function would lend the owner's rights to any login that attaches it to a
-- trigger of its own.
CREATE FUNCTION needlebook_next_id() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO NEW.id;
    END IF;
    RETURN NEW;
END
$$;

-- A whole number of digits only, lo to hi (SQLite: GLOB '[0-9]*', NOT GLOB '*[^0-9]*', then
-- CAST AS INTEGER, which a number too long for 64 bits leaves above any hi).
CREATE FUNCTION needlebook_setting_days(value text, lo int, hi int) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN value ~ '^[0-9]+$' THEN value::numeric BETWEEN lo AND hi ELSE false END
$$;

-- The value a setting may take, by its key (setting_revision_value of schema 10). NULL or false:
-- not allowed. SQLite's CAST takes the longest number a text starts with; so do these.
CREATE FUNCTION needlebook_setting_value_allowed(key text, value text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF key = 'clinic_name' THEN
        RETURN length(value) <= 200;
    ELSIF key = 'fhir_identifier_system' THEN
        -- An absolute URI (http, https, urn:oid:, urn:uuid:), printable ASCII without spaces, at
        -- most 200 characters; empty: unset.
        RETURN value = '' OR (length(value) <= 200
            AND value !~ '[^!-~]'
            AND (value ~ '^http://.' OR value ~ '^https://.'
                 OR (value ~ '^urn:oid:[0-9]' AND substr(value, 9) !~ '[^0-9.]')
                 OR (value ~ '^urn:uuid:.' AND length(value) = 45
                     AND substr(value, 10) !~ '[^0-9a-f-]')));
    ELSIF key = 'time_zone' THEN
        RETURN length(value) <= 64;
    ELSIF key ~ '^depth_limit[.].*[.]' AND value = '' THEN
        RETURN true;
    ELSIF key ~ '^depth_limit[.]' THEN
        RETURN CASE WHEN value ~ '^[0-9][0-9.]*$' THEN
                   substring(value FROM '^[0-9]+(?:[.][0-9]*)?')::double precision > 0
                   AND substring(value FROM '^[0-9]+(?:[.][0-9]*)?')::double precision <= 3.0
               ELSE false END;
    ELSIF key ~ '^recovery[.]' THEN
        RETURN value = 'adverse' OR needlebook_setting_days(value, 0, 365);
    ELSIF key ~ '^condition[.]' THEN
        RETURN value IN ('block', 'warn');
    ELSIF key = 'override_min_reason' THEN
        RETURN needlebook_setting_days(value, 1, 200);
    ELSIF key = 'lot_registration' THEN
        RETURN value IN ('off', 'warn', 'block');
    ELSIF key = 'consent_policy' THEN
        RETURN value IN ('warn', 'block');
    ELSIF key = 'minimum_age' THEN
        RETURN needlebook_setting_days(value, 0, 99);
    ELSE
        RETURN needlebook_setting_days(value, 0, 365);
    END IF;
END
$$;

-- Code lists and catalogues -------------------------------------------------------------------

-- The code lists that records refer to (schema 4 turned the setting tables of schema 1 into
-- these; their values became settings).
CREATE TABLE treatment_area (
    area text COLLATE "C" PRIMARY KEY CHECK (area IN ('forehead', 'glabella', 'temple', 'periorbital',
         'nose', 'cheek', 'perioral', 'chin', 'jawline', 'neck', 'decolletage', 'scalp',
         'hands', 'abdomen', 'thigh', 'arm', 'back', 'scar', 'other'))
);

INSERT INTO treatment_area (area) VALUES
    ('abdomen'), ('arm'), ('back'), ('cheek'), ('chin'), ('decolletage'), ('forehead'),
    ('glabella'), ('hands'), ('jawline'), ('neck'), ('nose'), ('other'), ('perioral'),
    ('periorbital'), ('scalp'), ('scar'), ('temple'), ('thigh');

CREATE TABLE reaction_kind (
    kind text COLLATE "C" PRIMARY KEY CHECK (kind IN ('erythema', 'oedema', 'pinpoint-bleeding',
         'bruising', 'itching', 'burning', 'dryness-peeling', 'acneiform-eruption', 'milia',
         'post-inflammatory-hyperpigmentation', 'infection', 'herpes-reactivation',
         'contact-dermatitis', 'granuloma', 'tram-track-scarring', 'other'))
);

INSERT INTO reaction_kind (kind) VALUES
    ('acneiform-eruption'), ('bruising'), ('burning'), ('contact-dermatitis'),
    ('dryness-peeling'), ('erythema'), ('granuloma'), ('herpes-reactivation'), ('infection'),
    ('itching'), ('milia'), ('oedema'), ('other'), ('pinpoint-bleeding'),
    ('post-inflammatory-hyperpigmentation'), ('tram-track-scarring');

CREATE TABLE condition_code (
    code text COLLATE "C" PRIMARY KEY CHECK (code IN ('active-infection', 'open-wound', 'eczema',
         'psoriasis', 'active-herpes', 'rosacea-flare', 'keloid-tendency', 'isotretinoin',
         'pregnancy', 'anticoagulants', 'bleeding-disorder', 'skin-cancer', 'metal-allergy',
         'anaesthetic-allergy', 'uncontrolled-diabetes'))
);

INSERT INTO condition_code (code) VALUES
    ('active-herpes'), ('active-infection'), ('anaesthetic-allergy'), ('anticoagulants'),
    ('bleeding-disorder'), ('eczema'), ('isotretinoin'), ('keloid-tendency'), ('metal-allergy'),
    ('open-wound'), ('pregnancy'), ('psoriasis'), ('rosacea-flare'), ('skin-cancer'),
    ('uncontrolled-diabetes');

-- Serum catalogue: reference data, not a medical record; the product row is its revision 1.
CREATE TABLE product (
    id    bigint PRIMARY KEY,
    code  text COLLATE "C" NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40 AND code !~ '[^a-z0-9-]'),
    name  text COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind  text COLLATE "C" NOT NULL CHECK (kind IN ('hyaluronic-acid', 'growth-factors', 'peptides',
                                      'vitamin-c', 'exosomes', 'prp', 'anaesthetic', 'other')),
    maker text COLLATE "C" NOT NULL DEFAULT ''
);

-- Numbered as SQLite numbers them (its trigger that numbers new rows comes later).
INSERT INTO product (id, code, name, kind, maker) VALUES
    (1, 'ha-serum', 'Hyaluronic acid serum 1%', 'hyaluronic-acid', ''),
    (2, 'gf-serum', 'Growth factor serum', 'growth-factors', ''),
    (3, 'peptide-serum', 'Copper peptide serum', 'peptides', ''),
    (4, 'vitc-serum', 'Vitamin C serum 10%', 'vitamin-c', ''),
    (5, 'exosome-serum', 'Exosome serum', 'exosomes', ''),
    (6, 'prp', 'Platelet-rich plasma (autologous)', 'prp', '');

-- A product's revisions after the first.
CREATE TABLE product_revision (
    id          bigint PRIMARY KEY,
    product_id  bigint NOT NULL REFERENCES product (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 2),
    name        text COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        text COLLATE "C" NOT NULL CHECK (kind IN ('hyaluronic-acid', 'growth-factors', 'peptides',
                                            'vitamin-c', 'exosomes', 'prp', 'anaesthetic',
                                            'other')),
    maker       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(maker) <= 200),
    -- Retired: no new session may use it; the sessions that did still name it.
    retired     bigint NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL CHECK (length(trim(reason)) >= 1),
    UNIQUE (product_id, revision)
);

-- The scales the database accepts scores on, and the values each allows (schema 10).
CREATE TABLE outcome_scale (
    key      text COLLATE "C" PRIMARY KEY CHECK (key IN ('goodman-baron', 'goodman-baron-quant', 'mmasi',
                                           'lemperle', 'glogau', 'gais-clinician',
                                           'gais-patient', 'pain-nrs')),
    low      double precision NOT NULL,
    high     double precision NOT NULL CHECK (high > low),
    decimals bigint NOT NULL CHECK (decimals BETWEEN 0 AND 2),
    per_area bigint NOT NULL CHECK (per_area IN (0, 1))
);

INSERT INTO outcome_scale (key, low, high, decimals, per_area) VALUES
    ('goodman-baron', 1, 4, 0, 1),
    ('goodman-baron-quant', 0, 84, 0, 0),
    ('mmasi', 0, 24, 2, 0),
    ('lemperle', 0, 5, 0, 1),
    ('glogau', 1, 4, 0, 0),
    ('gais-clinician', 1, 5, 0, 0),
    ('gais-patient', 1, 5, 0, 0),
    ('pain-nrs', 0, 10, 0, 0);

-- Settings: one identity row per key and insert-only revisions (who, when, why).

CREATE TABLE setting (
    id  bigint PRIMARY KEY,
    key text COLLATE "C" NOT NULL UNIQUE CHECK (key IN ('clinic_name', 'time_zone', 'isotretinoin_months',
                                          'consent_valid_months', 'interval_warn_days',
                                          'interval_block_days', 'followup_due_days',
                                          'override_min_reason', 'lot_registration',
                                          'minimum_age', 'consent_policy',
                                          'fhir_identifier_system', 'course_overdue_days')
                                  OR key ~ '^depth_limit[.].' OR key ~ '^recovery[.].'
                                  OR key ~ '^condition[.].')
);

CREATE TABLE setting_revision (
    id          bigint PRIMARY KEY,
    setting_id  bigint NOT NULL REFERENCES setting (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 1),
    value       text COLLATE "C" NOT NULL CHECK (length(value) <= 200),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL DEFAULT '',
    UNIQUE (setting_id, revision)
);

-- Patients

CREATE TABLE patient (
    id         bigint PRIMARY KEY,
    -- UNIQUE COLLATE NOCASE on SQLite: the index patient_code_key below.
    code       text COLLATE "C" NOT NULL CHECK (length(code) BETWEEN 1 AND 32 AND code !~ '[^A-Za-z0-9_-]'),
    created_at text COLLATE "C" NOT NULL
);

CREATE UNIQUE INDEX patient_code_key ON patient (lower(code));
COMMENT ON INDEX patient_code_key IS 'unique constraint: UNIQUE COLLATE NOCASE of SQLite';

CREATE TABLE patient_revision (
    id          bigint PRIMARY KEY,
    patient_id  bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 1),
    family_name text COLLATE "C" NOT NULL CHECK (length(trim(family_name)) BETWEEN 1 AND 100),
    given_name  text COLLATE "C" NOT NULL CHECK (length(trim(given_name)) BETWEEN 1 AND 100),
    birth_date  text COLLATE "C" NOT NULL CHECK (needlebook_is_date(birth_date)),
    fitzpatrick bigint CHECK (fitzpatrick BETWEEN 1 AND 6),
    phone       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    email       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(email) <= 200),
    note        text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (patient_id, revision)
);

-- The duplicate-chart warning of `patient add` looks up birth dates (schema 5).
CREATE INDEX patient_revision_by_birth_date ON patient_revision (birth_date);

-- A duplicate chart's voiding revision names the chart its records were moved into.
CREATE TABLE patient_merge (
    id                  bigint PRIMARY KEY,
    patient_revision_id bigint NOT NULL UNIQUE REFERENCES patient_revision (id) DEFERRABLE,
    into_patient_id     bigint NOT NULL REFERENCES patient (id) DEFERRABLE
);

CREATE INDEX patient_merge_by_target ON patient_merge (into_patient_id);

-- Conditions

CREATE TABLE condition (
    id         bigint PRIMARY KEY,
    patient_id bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    code       text COLLATE "C" NOT NULL REFERENCES condition_code (code) DEFERRABLE,
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX condition_by_patient ON condition (patient_id, code);

CREATE TABLE condition_revision (
    id           bigint PRIMARY KEY,
    condition_id bigint NOT NULL REFERENCES condition (id) DEFERRABLE,
    revision     bigint NOT NULL CHECK (revision >= 1),
    since        text COLLATE "C" CHECK (since IS NULL OR needlebook_is_date(since)),
    resolved_on  text COLLATE "C" CHECK (resolved_on IS NULL OR needlebook_is_date(resolved_on)),
    note         text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided       bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author       text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at  text COLLATE "C" NOT NULL,
    reason       text COLLATE "C" NOT NULL DEFAULT '',
    CHECK (since IS NULL OR resolved_on IS NULL OR resolved_on >= since),
    UNIQUE (condition_id, revision)
);

-- A specialist's clearances, repeated by each later revision of the condition.
CREATE TABLE condition_clearance (
    id                    bigint PRIMARY KEY,
    condition_revision_id bigint NOT NULL REFERENCES condition_revision (id) DEFERRABLE,
    position              bigint NOT NULL CHECK (position >= 1),
    cleared_by            text COLLATE "C" NOT NULL CHECK (length(trim(cleared_by)) BETWEEN 1 AND 200),
    cleared_on            text COLLATE "C" NOT NULL CHECK (needlebook_is_date(cleared_on)),
    until                 text COLLATE "C" NOT NULL CHECK (needlebook_is_date(until)),
    reason                text COLLATE "C" NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
    CHECK (until >= cleared_on),
    UNIQUE (condition_revision_id, position)
);

-- The code a condition revision holds when not the one the condition was entered with.
CREATE TABLE condition_revision_code (
    id                    bigint PRIMARY KEY,
    condition_revision_id bigint NOT NULL UNIQUE REFERENCES condition_revision (id) DEFERRABLE,
    code                  text COLLATE "C" NOT NULL REFERENCES condition_code (code) DEFERRABLE
);

-- The patient a condition revision belongs to when a merge moved it.
CREATE TABLE condition_owner (
    id                    bigint PRIMARY KEY,
    condition_revision_id bigint NOT NULL UNIQUE REFERENCES condition_revision (id) DEFERRABLE,
    patient_id            bigint NOT NULL REFERENCES patient (id) DEFERRABLE
);

-- Consents

CREATE TABLE consent (
    id         bigint PRIMARY KEY,
    patient_id bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX consent_by_patient ON consent (patient_id);

CREATE TABLE consent_revision (
    id          bigint PRIMARY KEY,
    consent_id  bigint NOT NULL REFERENCES consent (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 1),
    signed_on   text COLLATE "C" NOT NULL CHECK (needlebook_is_date(signed_on)),
    covers      text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(covers) <= 1000),
    voided      bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL DEFAULT '',
    UNIQUE (consent_id, revision)
);

-- A consent revision's guardian (who signed for a minor) and withdrawal.
CREATE TABLE consent_terms (
    id                  bigint PRIMARY KEY,
    consent_revision_id bigint NOT NULL UNIQUE REFERENCES consent_revision (id) DEFERRABLE,
    guardian            text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(guardian) <= 200),
    withdrawn_on        text COLLATE "C" CHECK (withdrawn_on IS NULL OR needlebook_is_date(withdrawn_on)),
    withdrawal_reason   text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(withdrawal_reason) <= 2000),
    CHECK ((withdrawn_on IS NULL) = (length(trim(withdrawal_reason)) = 0)),
    CHECK (length(guardian) > 0 OR withdrawn_on IS NOT NULL)
);

CREATE TABLE consent_owner (
    id                  bigint PRIMARY KEY,
    consent_revision_id bigint NOT NULL UNIQUE REFERENCES consent_revision (id) DEFERRABLE,
    patient_id          bigint NOT NULL REFERENCES patient (id) DEFERRABLE
);

-- Lots: an identity row (product and lot number) plus numbered revisions.
CREATE TABLE lot (
    id         bigint PRIMARY KEY,
    -- A serum lot names its catalogue product; a needle cartridge lot has none.
    kind       text COLLATE "C" NOT NULL CHECK (kind IN ('serum', 'cartridge')),
    product_id bigint REFERENCES product (id) DEFERRABLE,
    -- COLLATE NOCASE on SQLite: its indexes are on lower(lot).
    lot        text COLLATE "C" NOT NULL CHECK (length(trim(lot)) BETWEEN 1 AND 60),
    created_at text COLLATE "C" NOT NULL,
    CHECK ((kind = 'cartridge') = (product_id IS NULL))
);

CREATE UNIQUE INDEX lot_once ON lot (coalesce(product_id, 0), lower(lot));
CREATE INDEX lot_by_number ON lot (lower(lot));

CREATE TABLE lot_revision (
    id            bigint PRIMARY KEY,
    lot_id        bigint NOT NULL REFERENCES lot (id) DEFERRABLE,
    revision      bigint NOT NULL CHECK (revision >= 1),
    expires_on    text COLLATE "C" NOT NULL CHECK (needlebook_is_date(expires_on)),
    received_on   text COLLATE "C" CHECK (received_on IS NULL OR needlebook_is_date(received_on)),
    note          text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    recalled_on   text COLLATE "C" CHECK (recalled_on IS NULL OR needlebook_is_date(recalled_on)),
    recall_reason text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(recall_reason) <= 2000),
    voided        bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author        text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at   text COLLATE "C" NOT NULL,
    reason        text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    CHECK ((recalled_on IS NULL) = (length(trim(recall_reason)) = 0)),
    UNIQUE (lot_id, revision)
);

-- Courses: the plan a patient is treated under.

CREATE TABLE course (
    id         bigint PRIMARY KEY,
    created_at text COLLATE "C" NOT NULL
);

CREATE TABLE course_revision (
    id           bigint PRIMARY KEY,
    course_id    bigint NOT NULL REFERENCES course (id) DEFERRABLE,
    revision     bigint NOT NULL CHECK (revision >= 1),
    patient_id   bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    indication   text COLLATE "C" NOT NULL CHECK (indication IN ('rejuvenation', 'acne-scars',
                 'surgical-scar', 'stretch-marks', 'hyperpigmentation', 'melasma', 'other')),
    planned      bigint NOT NULL CHECK (planned BETWEEN 1 AND 30),
    every_days   bigint NOT NULL CHECK (every_days BETWEEN 1 AND 365),
    -- Area codes (treatment_area) separated by single spaces; empty: not restricted.
    areas        text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(areas) <= 300),
    goal         text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(goal) <= 1000),
    started_on   text COLLATE "C" NOT NULL CHECK (needlebook_is_date(started_on)),
    -- Closed: completed as planned or stopped early, with why.
    closed_on    text COLLATE "C" CHECK (closed_on IS NULL OR (needlebook_is_date(closed_on)
                                                 AND closed_on >= started_on)),
    outcome      text COLLATE "C" CHECK (outcome IS NULL OR outcome IN ('completed', 'stopped')),
    close_reason text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(close_reason) <= 2000),
    voided       bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author       text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at  text COLLATE "C" NOT NULL,
    reason       text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    CHECK ((closed_on IS NULL) = (outcome IS NULL)),
    CHECK (closed_on IS NULL OR length(trim(close_reason)) >= 1),
    UNIQUE (course_id, revision)
);

CREATE INDEX course_revision_by_patient ON course_revision (patient_id);

-- Sessions: a revision carries the whole session, areas and serums included.

CREATE TABLE session (
    id         bigint PRIMARY KEY,
    patient_id bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX session_by_patient ON session (patient_id);

CREATE TABLE session_revision (
    id              bigint PRIMARY KEY,
    session_id      bigint NOT NULL REFERENCES session (id) DEFERRABLE,
    revision        bigint NOT NULL CHECK (revision >= 1),
    performed_at    text COLLATE "C" NOT NULL CHECK (needlebook_is_instant(performed_at)),
    practitioner    text COLLATE "C" NOT NULL CHECK (length(trim(practitioner)) BETWEEN 1 AND 100),
    indication      text COLLATE "C" NOT NULL CHECK (indication IN ('rejuvenation', 'acne-scars',
                    'surgical-scar', 'stretch-marks', 'hyperpigmentation', 'melasma', 'other')),
    device          text COLLATE "C" NOT NULL CHECK (device IN ('pen', 'roller', 'stamp', 'rf')),
    model           text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(model) <= 100),
    cartridge       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(cartridge) <= 100),
    cartridge_lot   text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(cartridge_lot) <= 100),
    anaesthetic     text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(anaesthetic) <= 200),
    endpoint        text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(endpoint) <= 200),
    aftercare       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(aftercare) <= 2000),
    note            text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    override_reason text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    voided          bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author          text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at     text COLLATE "C" NOT NULL,
    reason          text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (session_id, revision)
);

CREATE INDEX session_revision_by_time ON session_revision (performed_at);
-- Lot recall: a recall letter may spell a lot in another case than the label was typed.
CREATE INDEX session_revision_by_cartridge_lot
    ON session_revision (lower(cartridge_lot)) WHERE cartridge_lot <> '';

CREATE TABLE session_area (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL REFERENCES session_revision (id) DEFERRABLE,
    position            bigint NOT NULL CHECK (position >= 1),
    area                text COLLATE "C" NOT NULL REFERENCES treatment_area (area) DEFERRABLE,
    side                text COLLATE "C" CHECK (side IS NULL OR side IN ('left', 'right')),
    depth_mm            double precision NOT NULL CHECK (depth_mm > 0 AND depth_mm <= 3.0),
    passes              bigint CHECK (passes IS NULL OR passes BETWEEN 1 AND 20),
    UNIQUE (session_revision_id, position)
);

-- One row per area and side in a session; an unsided area counts as its own side.
CREATE UNIQUE INDEX session_area_once
    ON session_area (session_revision_id, area, coalesce(side, ''));
CREATE INDEX session_area_by_area ON session_area (area);

CREATE TABLE serum_use (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL REFERENCES session_revision (id) DEFERRABLE,
    position            bigint NOT NULL CHECK (position >= 1),
    product_id          bigint NOT NULL REFERENCES product (id) DEFERRABLE,
    lot                 text COLLATE "C" NOT NULL CHECK (length(trim(lot)) BETWEEN 1 AND 60),
    expiry              text COLLATE "C" CHECK (expiry IS NULL OR needlebook_is_date(expiry)),
    phase               text COLLATE "C" NOT NULL CHECK (phase IN ('during', 'after')),
    amount_ml           double precision CHECK (amount_ml IS NULL OR (amount_ml > 0 AND amount_ml <= 100)),
    UNIQUE (session_revision_id, position)
);

CREATE INDEX serum_use_by_lot ON serum_use (lower(lot));

-- The blocking findings a practitioner overrode, as stored before schema 6.
CREATE TABLE session_override (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL REFERENCES session_revision (id) DEFERRABLE,
    rule                text COLLATE "C" NOT NULL CHECK (rule IN ('contraindication', 'depth', 'interval',
                                                    'consent')),
    detail              text COLLATE "C" NOT NULL CHECK (length(detail) >= 1)
);

CREATE INDEX session_override_by_revision ON session_override (session_revision_id);

-- The setting revisions a session revision's clinical checks used.
CREATE TABLE session_setting (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL REFERENCES session_revision (id) DEFERRABLE,
    setting_revision_id bigint NOT NULL REFERENCES setting_revision (id) DEFERRABLE,
    UNIQUE (session_revision_id, setting_revision_id)
);

-- Every finding of the clinical checks, under a stable key (schema 6).
CREATE TABLE session_finding (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL REFERENCES session_revision (id) DEFERRABLE,
    position            bigint NOT NULL CHECK (position >= 1),
    key                 text COLLATE "C" NOT NULL CHECK (length(key) BETWEEN 1 AND 200 AND key ~ '^[a-z]'
                                           AND key !~ '[ =]'),
    level               text COLLATE "C" NOT NULL CHECK (level IN ('warning', 'overridden')),
    message             text COLLATE "C" NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
    override_reason     text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    -- Who accepted an overridden finding, and when.
    overridden_by       text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(overridden_by) <= 200),
    overridden_at       text COLLATE "C" CHECK (overridden_at IS NULL OR needlebook_is_instant(overridden_at)),
    CHECK (CASE level
           WHEN 'overridden' THEN length(trim(override_reason)) >= 1 AND length(overridden_by) >= 1
                                  AND overridden_at IS NOT NULL
           ELSE override_reason = '' AND overridden_by = '' AND overridden_at IS NULL END),
    UNIQUE (session_revision_id, position),
    UNIQUE (session_revision_id, key)
);

CREATE TABLE session_owner (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL UNIQUE REFERENCES session_revision (id) DEFERRABLE,
    patient_id          bigint NOT NULL REFERENCES patient (id) DEFERRABLE
);

-- The course a session revision belongs to.
CREATE TABLE session_course (
    id                  bigint PRIMARY KEY,
    session_revision_id bigint NOT NULL UNIQUE REFERENCES session_revision (id) DEFERRABLE,
    course_id           bigint NOT NULL REFERENCES course (id) DEFERRABLE
);

CREATE INDEX session_course_by_course ON session_course (course_id);

-- Reactions and follow-ups

CREATE TABLE reaction (
    id         bigint PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session (id) DEFERRABLE,
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX reaction_by_session ON reaction (session_id);

CREATE TABLE reaction_revision (
    id          bigint PRIMARY KEY,
    reaction_id bigint NOT NULL REFERENCES reaction (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 1),
    kind        text COLLATE "C" NOT NULL REFERENCES reaction_kind (kind) DEFERRABLE,
    severity    text COLLATE "C" NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
    area        text COLLATE "C" REFERENCES treatment_area (area) DEFERRABLE,
    side        text COLLATE "C" CHECK (side IS NULL OR (area IS NOT NULL AND side IN ('left', 'right'))),
    onset_on    text COLLATE "C" NOT NULL CHECK (needlebook_is_date(onset_on)),
    resolved_on text COLLATE "C" CHECK (resolved_on IS NULL OR (needlebook_is_date(resolved_on)
                                                  AND resolved_on >= onset_on)),
    note        text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL DEFAULT '',
    UNIQUE (reaction_id, revision)
);

CREATE TABLE followup (
    id         bigint PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session (id) DEFERRABLE,
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX followup_by_session ON followup (session_id);

CREATE TABLE followup_revision (
    id          bigint PRIMARY KEY,
    followup_id bigint NOT NULL REFERENCES followup (id) DEFERRABLE,
    revision    bigint NOT NULL CHECK (revision >= 1),
    checked_on  text COLLATE "C" NOT NULL CHECK (needlebook_is_date(checked_on)),
    outcome     text COLLATE "C" NOT NULL CHECK (outcome IN ('none', 'reactions')),
    note        text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided      bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author      text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at text COLLATE "C" NOT NULL,
    reason      text COLLATE "C" NOT NULL DEFAULT '',
    UNIQUE (followup_id, revision)
);

-- Outcome scores

CREATE TABLE assessment (
    id         bigint PRIMARY KEY,
    created_at text COLLATE "C" NOT NULL
);

CREATE TABLE assessment_revision (
    id            bigint PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES assessment (id) DEFERRABLE,
    revision      bigint NOT NULL CHECK (revision >= 1),
    patient_id    bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    scale         text COLLATE "C" NOT NULL REFERENCES outcome_scale (key) DEFERRABLE,
    score         double precision NOT NULL,
    area          text COLLATE "C" REFERENCES treatment_area (area) DEFERRABLE,
    side          text COLLATE "C" CHECK (side IS NULL OR (area IS NOT NULL AND side IN ('left', 'right'))),
    assessed_on   text COLLATE "C" NOT NULL CHECK (needlebook_is_date(assessed_on)),
    session_id    bigint REFERENCES session (id) DEFERRABLE,
    course_id     bigint REFERENCES course (id) DEFERRABLE,
    -- Who scored it when not the one who recorded it (the patient, for gais-patient).
    assessor      text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(assessor) <= 100),
    note          text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    voided        bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author        text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at   text COLLATE "C" NOT NULL,
    reason        text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (assessment_id, revision)
);

CREATE INDEX assessment_revision_by_patient ON assessment_revision (patient_id);
CREATE INDEX assessment_revision_by_session ON assessment_revision (session_id);

-- Photos: the image is named by the SHA-256 of its bytes (lowercase hex); the bytes live in the
-- clinic's photo store beside the database, never in it.

CREATE TABLE photo (
    id         bigint PRIMARY KEY,
    sha256     text COLLATE "C" NOT NULL CHECK (length(sha256) = 64 AND sha256 !~ '[^0-9a-f]'),
    bytes      bigint NOT NULL CHECK (bytes > 0),
    media_type text COLLATE "C" NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    -- The file name it was added from, for people; never used to find it.
    file_name  text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(file_name) <= 255),
    created_at text COLLATE "C" NOT NULL
);

CREATE INDEX photo_by_sha256 ON photo (sha256);

CREATE TABLE photo_revision (
    id              bigint PRIMARY KEY,
    photo_id        bigint NOT NULL REFERENCES photo (id) DEFERRABLE,
    revision        bigint NOT NULL CHECK (revision >= 1),
    patient_id      bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    view            text COLLATE "C" NOT NULL CHECK (view IN ('front', 'left-45', 'right-45',
                                                'left-profile', 'right-profile', 'other')),
    taken_on        text COLLATE "C" NOT NULL CHECK (needlebook_is_date(taken_on)),
    session_id      bigint REFERENCES session (id) DEFERRABLE,
    note            text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    -- Why it was stored without a consent covering photos; empty when one covered it.
    override_reason text COLLATE "C" NOT NULL DEFAULT '' CHECK (length(override_reason) <= 2000),
    voided          bigint NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    author          text COLLATE "C" NOT NULL CHECK (length(author) >= 1),
    recorded_at     text COLLATE "C" NOT NULL,
    reason          text COLLATE "C" NOT NULL DEFAULT '' CHECK (revision = 1 OR length(trim(reason)) >= 1),
    UNIQUE (photo_id, revision)
);

CREATE INDEX photo_revision_by_patient ON photo_revision (patient_id);

-- Audit log: one row per write, in the same transaction; prev_hash and hash hold the SHA-256
-- chain (hex). record_hash (schema 3): the digest of the record revision the row describes.
-- os_user and clock_fixed (schema 4): the operating-system account behind the declared actor,
-- and whether the clock was fixed by NEEDLEBOOK_NOW.
CREATE TABLE audit_log (
    id          bigint PRIMARY KEY,
    at          text COLLATE "C" NOT NULL,
    actor       text COLLATE "C" NOT NULL CHECK (length(actor) >= 1),
    action      text COLLATE "C" NOT NULL,
    patient_id  bigint REFERENCES patient (id) DEFERRABLE,
    record_kind text COLLATE "C",
    record_id   bigint,
    revision    bigint,
    reason      text COLLATE "C" NOT NULL DEFAULT '',
    prev_hash   text COLLATE "C",
    hash        text COLLATE "C",
    record_hash text COLLATE "C",
    os_user     text COLLATE "C",
    clock_fixed bigint CHECK (clock_fixed IN (0, 1))
);

CREATE INDEX audit_by_patient ON audit_log (patient_id);
-- `check` looks up the audit row of every record revision.
CREATE INDEX audit_by_record ON audit_log (record_kind, record_id, revision);

-- A read that disclosed many patients' data names each of them.
CREATE TABLE audit_disclosure (
    audit_id   bigint NOT NULL REFERENCES audit_log (id) DEFERRABLE,
    patient_id bigint NOT NULL REFERENCES patient (id) DEFERRABLE,
    PRIMARY KEY (audit_id, patient_id)
);

CREATE INDEX audit_disclosure_by_patient ON audit_disclosure (patient_id);

-- Seals: the chain head (row id and hash) signed with an Ed25519 key kept outside the database.
CREATE TABLE audit_seal (
    id              bigint PRIMARY KEY,
    sealed_id       bigint NOT NULL REFERENCES audit_log (id) DEFERRABLE,
    sealed_hash     text COLLATE "C" NOT NULL CHECK (length(sealed_hash) = 64),
    public_key      text COLLATE "C" NOT NULL CHECK (length(public_key) = 64),  -- raw Ed25519 key, hex
    key_fingerprint text COLLATE "C" NOT NULL CHECK (length(key_fingerprint) = 64),
    signature       text COLLATE "C" NOT NULL CHECK (length(signature) = 128)
);

-- Current state: the newest revision of each record ---------------------------------------------

-- SQLite names the revision's id "id:1" (the view selects p.id and r.*); so does this view.
CREATE VIEW patient_current AS
SELECT p.id, p.code, r.id AS "id:1", r.patient_id, r.revision, r.family_name, r.given_name,
       r.birth_date, r.fitzpatrick, r.phone, r.email, r.note, r.voided, r.author, r.recorded_at,
       r.reason
FROM patient p
JOIN patient_revision r ON r.patient_id = p.id
WHERE r.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id);

-- session_current names the patient the session belongs to now (a merge may have moved it).
CREATE VIEW session_current AS
SELECT coalesce(o.patient_id, s.patient_id) AS patient_id, r.*
FROM session s
JOIN session_revision r ON r.session_id = s.id
LEFT JOIN session_owner o ON o.session_revision_id = r.id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id);

CREATE VIEW setting_current AS
SELECT s.key, r.*
FROM setting s
JOIN setting_revision r ON r.setting_id = s.id
WHERE r.revision = (SELECT max(revision) FROM setting_revision WHERE setting_id = s.id);

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

-- Overrides stored before schema 6, each with the key of the finding it overrode, read from the
-- detail it recorded, and its revision's one reason, author and time. SQLite's LIKE ignores the
-- case of ASCII letters: ILIKE on "C" text does the same; instr is strpos, substr SQLite's.
CREATE VIEW session_override_keyed AS
SELECT o.id,
       o.session_revision_id,
       CASE o.rule
       WHEN 'depth' THEN 'depth:' || needlebook_substr(o.detail, strpos(o.detail, ' on ') + 4,
                                   strpos(o.detail, ' exceeds ') - strpos(o.detail, ' on ') - 4)
       WHEN 'interval' THEN 'interval:' || needlebook_substr(o.detail, 1,
                                                             strpos(o.detail, ' was also') - 1)
       WHEN 'consent' THEN 'consent'
       ELSE 'condition:' || CASE
           WHEN o.detail ILIKE 'isotretinoin%' THEN 'isotretinoin'
           WHEN o.detail ILIKE 'active skin infection on file%' THEN 'active-infection'
           WHEN o.detail ILIKE 'open wound on file%' THEN 'open-wound'
           WHEN o.detail ILIKE 'eczema on file%' THEN 'eczema'
           WHEN o.detail ILIKE 'psoriasis on file%' THEN 'psoriasis'
           WHEN o.detail ILIKE 'active herpes simplex on file%' THEN 'active-herpes'
           WHEN o.detail ILIKE 'rosacea flare on file%' THEN 'rosacea-flare'
           WHEN o.detail ILIKE 'keloid tendency on file%' THEN 'keloid-tendency'
           WHEN o.detail ILIKE 'pregnancy or nursing on file%' THEN 'pregnancy'
           WHEN o.detail ILIKE 'anticoagulants on file%' THEN 'anticoagulants'
           WHEN o.detail ILIKE 'bleeding disorder on file%' THEN 'bleeding-disorder'
           WHEN o.detail ILIKE 'skin cancer in the area on file%' THEN 'skin-cancer'
           WHEN o.detail ILIKE 'allergy to steel on file%' THEN 'metal-allergy'
           WHEN o.detail ILIKE 'allergy to anaesthetic on file%' THEN 'anaesthetic-allergy'
           WHEN o.detail ILIKE 'uncontrolled diabetes on file%' THEN 'uncontrolled-diabetes'
           ELSE 'unknown' END
       END AS key,
       o.detail AS message,
       r.override_reason,
       r.author AS overridden_by,
       r.recorded_at AS overridden_at
FROM session_override o
JOIN session_revision r ON r.id = o.session_revision_id;

-- History cannot be rewritten --------------------------------------------------------------
--
-- As on SQLite, per table: UPDATE and DELETE are refused (and here TRUNCATE too); an insert that
-- collides with a stored row is refused as "never replaced" (SQLite's INSERT OR REPLACE would
-- otherwise delete it unseen; here it keeps the message the program expects); a row that
-- belongs to a revision needs that revision stored first. <table>_next_id keeps the id sequence
-- past explicit ids. PostgreSQL fires a table's triggers in name order; where SQLite's order
-- (newest first) gives another message for a row refused twice, the functions say so.

-- treatment_area
CREATE TRIGGER treatment_area_no_update BEFORE UPDATE ON treatment_area
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER treatment_area_no_delete BEFORE DELETE ON treatment_area
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER treatment_area_no_truncate BEFORE TRUNCATE ON treatment_area
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('code lists are never changed');

-- reaction_kind
CREATE TRIGGER reaction_kind_no_update BEFORE UPDATE ON reaction_kind
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER reaction_kind_no_delete BEFORE DELETE ON reaction_kind
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER reaction_kind_no_truncate BEFORE TRUNCATE ON reaction_kind
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('code lists are never changed');

-- condition_code
CREATE TRIGGER condition_code_no_update BEFORE UPDATE ON condition_code
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER condition_code_no_delete BEFORE DELETE ON condition_code
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('code lists are never changed');
CREATE TRIGGER condition_code_no_truncate BEFORE TRUNCATE ON condition_code
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('code lists are never changed');

-- product
CREATE TRIGGER product_no_update BEFORE UPDATE ON product FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('catalogue products are never changed; add a new product');
CREATE TRIGGER product_no_delete BEFORE DELETE ON product
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('catalogue products are never deleted');
CREATE FUNCTION product_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM product WHERE id = NEW.id OR code = NEW.code) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'product rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER product_no_replace BEFORE INSERT ON product
    FOR EACH ROW EXECUTE FUNCTION product_no_replace();
CREATE TRIGGER product_no_truncate BEFORE TRUNCATE ON product
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('catalogue products are never deleted');
CREATE TRIGGER product_next_id BEFORE INSERT ON product
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- product_revision
CREATE TRIGGER product_revision_no_update BEFORE UPDATE ON product_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('product revisions are never changed; add a revision');
CREATE TRIGGER product_revision_no_delete BEFORE DELETE ON product_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('product revisions are never deleted');
CREATE FUNCTION product_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM product_revision
               WHERE id = NEW.id OR (product_id = NEW.product_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'product_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER product_revision_no_replace BEFORE INSERT ON product_revision
    FOR EACH ROW EXECUTE FUNCTION product_revision_no_replace();
CREATE TRIGGER product_revision_no_truncate BEFORE TRUNCATE ON product_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('product revisions are never deleted');
CREATE TRIGGER product_revision_next_id BEFORE INSERT ON product_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- outcome_scale
CREATE TRIGGER outcome_scale_no_update BEFORE UPDATE ON outcome_scale
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('outcome scales are part of the schema');
CREATE TRIGGER outcome_scale_no_delete BEFORE DELETE ON outcome_scale
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('outcome scales are part of the schema');
CREATE TRIGGER outcome_scale_no_insert BEFORE INSERT ON outcome_scale
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('outcome scales are part of the schema');
CREATE TRIGGER outcome_scale_no_truncate BEFORE TRUNCATE ON outcome_scale
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('outcome scales are part of the schema');

-- setting
CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('settings are never changed; add a revision');
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('settings are never deleted');
CREATE FUNCTION setting_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM setting WHERE id = NEW.id OR key = NEW.key) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'setting rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER setting_no_replace BEFORE INSERT ON setting
    FOR EACH ROW EXECUTE FUNCTION setting_no_replace();
CREATE TRIGGER setting_no_truncate BEFORE TRUNCATE ON setting
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('settings are never deleted');
CREATE TRIGGER setting_next_id BEFORE INSERT ON setting
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- setting_revision
CREATE TRIGGER setting_revision_no_update BEFORE UPDATE ON setting_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('setting revisions are never changed; add a revision');
CREATE TRIGGER setting_revision_no_delete BEFORE DELETE ON setting_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('setting revisions are never deleted');
CREATE FUNCTION setting_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- SQLite fires setting_revision_value first: a value it refuses gets that message.
    IF coalesce((SELECT needlebook_setting_value_allowed(s.key, NEW.value)
                 FROM setting s WHERE s.id = NEW.setting_id), false)
       AND EXISTS (SELECT 1 FROM setting_revision
                   WHERE id = NEW.id OR (setting_id = NEW.setting_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'setting_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER setting_revision_no_replace BEFORE INSERT ON setting_revision
    FOR EACH ROW EXECUTE FUNCTION setting_revision_no_replace();
-- The database refuses a value the program refuses, whatever wrote it (see
-- needlebook_setting_value_allowed). A depth limit for one device may be empty: cleared.
CREATE FUNCTION setting_revision_value() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coalesce((SELECT needlebook_setting_value_allowed(s.key, NEW.value)
                     FROM setting s WHERE s.id = NEW.setting_id), false) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'setting value not allowed for its key';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER setting_revision_value BEFORE INSERT ON setting_revision
    FOR EACH ROW EXECUTE FUNCTION setting_revision_value();
CREATE TRIGGER setting_revision_no_truncate BEFORE TRUNCATE ON setting_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('setting revisions are never deleted');
CREATE TRIGGER setting_revision_next_id BEFORE INSERT ON setting_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- patient
CREATE TRIGGER patient_no_update BEFORE UPDATE ON patient FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('patient rows are never changed; add a revision');
CREATE TRIGGER patient_no_delete BEFORE DELETE ON patient FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('patient rows are never deleted; void with a revision');
CREATE FUNCTION patient_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM patient
               WHERE id = NEW.id OR lower(code) = lower(NEW.code COLLATE "C")) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'patient rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER patient_no_replace BEFORE INSERT ON patient
    FOR EACH ROW EXECUTE FUNCTION patient_no_replace();
CREATE TRIGGER patient_no_truncate BEFORE TRUNCATE ON patient FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('patient rows are never deleted; void with a revision');
CREATE TRIGGER patient_next_id BEFORE INSERT ON patient
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- patient_revision
CREATE TRIGGER patient_revision_no_update BEFORE UPDATE ON patient_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('patient revisions are never changed; add a revision');
CREATE TRIGGER patient_revision_no_delete BEFORE DELETE ON patient_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('patient revisions are never deleted');
CREATE FUNCTION patient_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM patient_revision
               WHERE id = NEW.id OR (patient_id = NEW.patient_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'patient_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER patient_revision_no_replace BEFORE INSERT ON patient_revision
    FOR EACH ROW EXECUTE FUNCTION patient_revision_no_replace();
CREATE TRIGGER patient_revision_no_truncate BEFORE TRUNCATE ON patient_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('patient revisions are never deleted');
CREATE TRIGGER patient_revision_next_id BEFORE INSERT ON patient_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- patient_merge
CREATE TRIGGER patient_merge_no_update BEFORE UPDATE ON patient_merge
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('merges are never changed');
CREATE TRIGGER patient_merge_no_delete BEFORE DELETE ON patient_merge
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('merges are never deleted');
CREATE FUNCTION patient_merge_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM patient_merge
               WHERE id = NEW.id OR patient_revision_id = NEW.patient_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'patient_merge rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER patient_merge_no_replace BEFORE INSERT ON patient_merge
    FOR EACH ROW EXECUTE FUNCTION patient_merge_no_replace();
CREATE FUNCTION patient_merge_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM patient_revision WHERE id = NEW.patient_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'patient_merge rows belong to a stored patient revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER patient_merge_needs_revision BEFORE INSERT ON patient_merge
    FOR EACH ROW EXECUTE FUNCTION patient_merge_needs_revision();
CREATE TRIGGER patient_merge_no_truncate BEFORE TRUNCATE ON patient_merge
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('merges are never deleted');
CREATE TRIGGER patient_merge_next_id BEFORE INSERT ON patient_merge
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- condition
CREATE TRIGGER condition_no_update BEFORE UPDATE ON condition FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('condition rows are never changed; add a revision');
CREATE TRIGGER condition_no_delete BEFORE DELETE ON condition FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('condition rows are never deleted; void with a revision');
CREATE FUNCTION condition_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM condition WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'condition rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_no_replace BEFORE INSERT ON condition
    FOR EACH ROW EXECUTE FUNCTION condition_no_replace();
CREATE TRIGGER condition_no_truncate BEFORE TRUNCATE ON condition FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('condition rows are never deleted; void with a revision');
CREATE TRIGGER condition_next_id BEFORE INSERT ON condition
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- condition_revision
CREATE TRIGGER condition_revision_no_update BEFORE UPDATE ON condition_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('condition revisions are never changed; add a revision');
CREATE TRIGGER condition_revision_no_delete BEFORE DELETE ON condition_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('condition revisions are never deleted');
CREATE FUNCTION condition_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM condition_revision
               WHERE id = NEW.id
                  OR (condition_id = NEW.condition_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_revision_no_replace BEFORE INSERT ON condition_revision
    FOR EACH ROW EXECUTE FUNCTION condition_revision_no_replace();
CREATE TRIGGER condition_revision_no_truncate BEFORE TRUNCATE ON condition_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('condition revisions are never deleted');
CREATE TRIGGER condition_revision_next_id BEFORE INSERT ON condition_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- condition_clearance
CREATE TRIGGER condition_clearance_no_update BEFORE UPDATE ON condition_clearance
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('clearances are never changed; add a revision');
CREATE TRIGGER condition_clearance_no_delete BEFORE DELETE ON condition_clearance
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('clearances are never deleted');
CREATE FUNCTION condition_clearance_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM condition_clearance
               WHERE id = NEW.id
                  OR (condition_revision_id = NEW.condition_revision_id AND position = NEW.position)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_clearance rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_clearance_no_replace BEFORE INSERT ON condition_clearance
    FOR EACH ROW EXECUTE FUNCTION condition_clearance_no_replace();
CREATE FUNCTION condition_clearance_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_clearance rows belong to a stored condition revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_clearance_needs_revision BEFORE INSERT ON condition_clearance
    FOR EACH ROW EXECUTE FUNCTION condition_clearance_needs_revision();
CREATE TRIGGER condition_clearance_no_truncate BEFORE TRUNCATE ON condition_clearance
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('clearances are never deleted');
CREATE TRIGGER condition_clearance_next_id BEFORE INSERT ON condition_clearance
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- condition_revision_code
CREATE TRIGGER condition_revision_code_no_update BEFORE UPDATE ON condition_revision_code FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('condition codes are never changed; amend the condition');
CREATE TRIGGER condition_revision_code_no_delete BEFORE DELETE ON condition_revision_code FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('condition codes are never deleted; amend the condition');
CREATE FUNCTION condition_revision_code_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM condition_revision_code
               WHERE id = NEW.id OR condition_revision_id = NEW.condition_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_revision_code rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_revision_code_no_replace BEFORE INSERT ON condition_revision_code
    FOR EACH ROW EXECUTE FUNCTION condition_revision_code_no_replace();
CREATE FUNCTION condition_revision_code_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_revision_code rows belong to a stored condition revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_revision_code_needs_revision BEFORE INSERT ON condition_revision_code
    FOR EACH ROW EXECUTE FUNCTION condition_revision_code_needs_revision();
CREATE TRIGGER condition_revision_code_no_truncate BEFORE TRUNCATE ON condition_revision_code
    FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('condition codes are never deleted; amend the condition');
CREATE TRIGGER condition_revision_code_next_id BEFORE INSERT ON condition_revision_code
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- condition_owner
CREATE TRIGGER condition_owner_no_update BEFORE UPDATE ON condition_owner FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('record owners are never changed; add a revision');
CREATE TRIGGER condition_owner_no_delete BEFORE DELETE ON condition_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE FUNCTION condition_owner_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM condition_owner
               WHERE id = NEW.id OR condition_revision_id = NEW.condition_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_owner rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_owner_no_replace BEFORE INSERT ON condition_owner
    FOR EACH ROW EXECUTE FUNCTION condition_owner_no_replace();
CREATE FUNCTION condition_owner_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM condition_revision WHERE id = NEW.condition_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'condition_owner rows belong to a stored condition revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER condition_owner_needs_revision BEFORE INSERT ON condition_owner
    FOR EACH ROW EXECUTE FUNCTION condition_owner_needs_revision();
CREATE TRIGGER condition_owner_no_truncate BEFORE TRUNCATE ON condition_owner
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE TRIGGER condition_owner_next_id BEFORE INSERT ON condition_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- consent
CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('consent rows are never changed; add a revision');
CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('consent rows are never deleted; void with a revision');
CREATE FUNCTION consent_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM consent WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'consent rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_no_replace BEFORE INSERT ON consent
    FOR EACH ROW EXECUTE FUNCTION consent_no_replace();
CREATE TRIGGER consent_no_truncate BEFORE TRUNCATE ON consent FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('consent rows are never deleted; void with a revision');
CREATE TRIGGER consent_next_id BEFORE INSERT ON consent
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- consent_revision
CREATE TRIGGER consent_revision_no_update BEFORE UPDATE ON consent_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('consent revisions are never changed; add a revision');
CREATE TRIGGER consent_revision_no_delete BEFORE DELETE ON consent_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('consent revisions are never deleted');
CREATE FUNCTION consent_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM consent_revision
               WHERE id = NEW.id OR (consent_id = NEW.consent_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'consent_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_revision_no_replace BEFORE INSERT ON consent_revision
    FOR EACH ROW EXECUTE FUNCTION consent_revision_no_replace();
CREATE TRIGGER consent_revision_no_truncate BEFORE TRUNCATE ON consent_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('consent revisions are never deleted');
CREATE TRIGGER consent_revision_next_id BEFORE INSERT ON consent_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- consent_terms
CREATE TRIGGER consent_terms_no_update BEFORE UPDATE ON consent_terms FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('consent terms are never changed; add a revision');
CREATE TRIGGER consent_terms_no_delete BEFORE DELETE ON consent_terms
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('consent terms are never deleted');
CREATE FUNCTION consent_terms_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM consent_terms
               WHERE id = NEW.id OR consent_revision_id = NEW.consent_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'consent_terms rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_terms_no_replace BEFORE INSERT ON consent_terms
    FOR EACH ROW EXECUTE FUNCTION consent_terms_no_replace();
CREATE FUNCTION consent_terms_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM consent_revision WHERE id = NEW.consent_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'consent_terms rows belong to a stored consent revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_terms_needs_revision BEFORE INSERT ON consent_terms
    FOR EACH ROW EXECUTE FUNCTION consent_terms_needs_revision();
CREATE TRIGGER consent_terms_no_truncate BEFORE TRUNCATE ON consent_terms
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('consent terms are never deleted');
CREATE TRIGGER consent_terms_next_id BEFORE INSERT ON consent_terms
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- consent_owner
CREATE TRIGGER consent_owner_no_update BEFORE UPDATE ON consent_owner FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('record owners are never changed; add a revision');
CREATE TRIGGER consent_owner_no_delete BEFORE DELETE ON consent_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE FUNCTION consent_owner_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM consent_owner
               WHERE id = NEW.id OR consent_revision_id = NEW.consent_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'consent_owner rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_owner_no_replace BEFORE INSERT ON consent_owner
    FOR EACH ROW EXECUTE FUNCTION consent_owner_no_replace();
CREATE FUNCTION consent_owner_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM consent_revision WHERE id = NEW.consent_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'consent_owner rows belong to a stored consent revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER consent_owner_needs_revision BEFORE INSERT ON consent_owner
    FOR EACH ROW EXECUTE FUNCTION consent_owner_needs_revision();
CREATE TRIGGER consent_owner_no_truncate BEFORE TRUNCATE ON consent_owner
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE TRIGGER consent_owner_next_id BEFORE INSERT ON consent_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- lot
CREATE TRIGGER lot_no_update BEFORE UPDATE ON lot
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('lot rows are never changed; add a revision');
CREATE TRIGGER lot_no_delete BEFORE DELETE ON lot FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('lot rows are never deleted; void with a revision');
CREATE FUNCTION lot_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM lot WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'lot rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER lot_no_replace BEFORE INSERT ON lot
    FOR EACH ROW EXECUTE FUNCTION lot_no_replace();
CREATE TRIGGER lot_no_truncate BEFORE TRUNCATE ON lot FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('lot rows are never deleted; void with a revision');
CREATE TRIGGER lot_next_id BEFORE INSERT ON lot
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- lot_revision
CREATE TRIGGER lot_revision_no_update BEFORE UPDATE ON lot_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('lot revisions are never changed; add a revision');
CREATE TRIGGER lot_revision_no_delete BEFORE DELETE ON lot_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('lot revisions are never deleted');
CREATE FUNCTION lot_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM lot_revision
               WHERE id = NEW.id OR (lot_id = NEW.lot_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'lot_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER lot_revision_no_replace BEFORE INSERT ON lot_revision
    FOR EACH ROW EXECUTE FUNCTION lot_revision_no_replace();
CREATE TRIGGER lot_revision_no_truncate BEFORE TRUNCATE ON lot_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('lot revisions are never deleted');
CREATE TRIGGER lot_revision_next_id BEFORE INSERT ON lot_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- course
CREATE TRIGGER course_no_update BEFORE UPDATE ON course FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('course rows are never changed; add a revision');
CREATE TRIGGER course_no_delete BEFORE DELETE ON course FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('course rows are never deleted; void with a revision');
CREATE FUNCTION course_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM course WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'course rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER course_no_replace BEFORE INSERT ON course
    FOR EACH ROW EXECUTE FUNCTION course_no_replace();
CREATE TRIGGER course_no_truncate BEFORE TRUNCATE ON course FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('course rows are never deleted; void with a revision');
CREATE TRIGGER course_next_id BEFORE INSERT ON course
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- course_revision
CREATE TRIGGER course_revision_no_update BEFORE UPDATE ON course_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('course revisions are never changed; add a revision');
CREATE TRIGGER course_revision_no_delete BEFORE DELETE ON course_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('course revisions are never deleted');
CREATE FUNCTION course_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM course_revision
               WHERE id = NEW.id OR (course_id = NEW.course_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'course_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER course_revision_no_replace BEFORE INSERT ON course_revision
    FOR EACH ROW EXECUTE FUNCTION course_revision_no_replace();
CREATE TRIGGER course_revision_no_truncate BEFORE TRUNCATE ON course_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('course revisions are never deleted');
CREATE TRIGGER course_revision_next_id BEFORE INSERT ON course_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session
CREATE TRIGGER session_no_update BEFORE UPDATE ON session FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session rows are never changed; add a revision');
CREATE TRIGGER session_no_delete BEFORE DELETE ON session FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session rows are never deleted; void with a revision');
CREATE FUNCTION session_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'session rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_no_replace BEFORE INSERT ON session
    FOR EACH ROW EXECUTE FUNCTION session_no_replace();
CREATE TRIGGER session_no_truncate BEFORE TRUNCATE ON session FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('session rows are never deleted; void with a revision');
CREATE TRIGGER session_next_id BEFORE INSERT ON session
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_revision
CREATE TRIGGER session_revision_no_update BEFORE UPDATE ON session_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session revisions are never changed; add a revision');
CREATE TRIGGER session_revision_no_delete BEFORE DELETE ON session_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('session revisions are never deleted');
CREATE FUNCTION session_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_revision
               WHERE id = NEW.id OR (session_id = NEW.session_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_revision_no_replace BEFORE INSERT ON session_revision
    FOR EACH ROW EXECUTE FUNCTION session_revision_no_replace();
CREATE TRIGGER session_revision_no_truncate BEFORE TRUNCATE ON session_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('session revisions are never deleted');
CREATE TRIGGER session_revision_next_id BEFORE INSERT ON session_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_area
CREATE TRIGGER session_area_no_update BEFORE UPDATE ON session_area FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session areas are never changed; amend the session');
CREATE TRIGGER session_area_no_delete BEFORE DELETE ON session_area FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session areas are never deleted; amend the session');
CREATE FUNCTION session_area_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_area
               WHERE id = NEW.id
                  OR (session_revision_id = NEW.session_revision_id
                      AND (position = NEW.position
                           OR (area = NEW.area AND coalesce(side, '') = coalesce(NEW.side, ''))))) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'session_area rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_area_no_replace BEFORE INSERT ON session_area
    FOR EACH ROW EXECUTE FUNCTION session_area_no_replace();
CREATE FUNCTION session_area_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_area rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_area_needs_revision BEFORE INSERT ON session_area
    FOR EACH ROW EXECUTE FUNCTION session_area_needs_revision();
CREATE TRIGGER session_area_no_truncate BEFORE TRUNCATE ON session_area FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('session areas are never deleted; amend the session');
CREATE TRIGGER session_area_next_id BEFORE INSERT ON session_area
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- serum_use
CREATE TRIGGER serum_use_no_update BEFORE UPDATE ON serum_use FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('serum uses are never changed; amend the session');
CREATE TRIGGER serum_use_no_delete BEFORE DELETE ON serum_use FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('serum uses are never deleted; amend the session');
CREATE FUNCTION serum_use_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM serum_use
               WHERE id = NEW.id
                  OR (session_revision_id = NEW.session_revision_id AND position = NEW.position)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'serum_use rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER serum_use_no_replace BEFORE INSERT ON serum_use
    FOR EACH ROW EXECUTE FUNCTION serum_use_no_replace();
CREATE FUNCTION serum_use_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'serum_use rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER serum_use_needs_revision BEFORE INSERT ON serum_use
    FOR EACH ROW EXECUTE FUNCTION serum_use_needs_revision();
CREATE TRIGGER serum_use_no_truncate BEFORE TRUNCATE ON serum_use FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('serum uses are never deleted; amend the session');
CREATE TRIGGER serum_use_next_id BEFORE INSERT ON serum_use
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_override
CREATE TRIGGER session_override_no_update BEFORE UPDATE ON session_override
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('session overrides are never changed');
CREATE TRIGGER session_override_no_delete BEFORE DELETE ON session_override
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('session overrides are never deleted');
CREATE FUNCTION session_override_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_override WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_override rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_override_no_replace BEFORE INSERT ON session_override
    FOR EACH ROW EXECUTE FUNCTION session_override_no_replace();
CREATE FUNCTION session_override_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_override rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_override_needs_revision BEFORE INSERT ON session_override
    FOR EACH ROW EXECUTE FUNCTION session_override_needs_revision();
CREATE TRIGGER session_override_no_truncate BEFORE TRUNCATE ON session_override
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('session overrides are never deleted');
CREATE TRIGGER session_override_next_id BEFORE INSERT ON session_override
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_setting
CREATE TRIGGER session_setting_no_update BEFORE UPDATE ON session_setting FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('the settings a session used are never changed');
CREATE TRIGGER session_setting_no_delete BEFORE DELETE ON session_setting FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('the settings a session used are never deleted');
CREATE FUNCTION session_setting_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_setting
               WHERE id = NEW.id
                  OR (session_revision_id = NEW.session_revision_id
                      AND setting_revision_id = NEW.setting_revision_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_setting rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_setting_no_replace BEFORE INSERT ON session_setting
    FOR EACH ROW EXECUTE FUNCTION session_setting_no_replace();
CREATE FUNCTION session_setting_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_setting rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_setting_needs_revision BEFORE INSERT ON session_setting
    FOR EACH ROW EXECUTE FUNCTION session_setting_needs_revision();
CREATE TRIGGER session_setting_no_truncate BEFORE TRUNCATE ON session_setting FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('the settings a session used are never deleted');
CREATE TRIGGER session_setting_next_id BEFORE INSERT ON session_setting
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_finding
CREATE TRIGGER session_finding_no_update BEFORE UPDATE ON session_finding FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session findings are never changed; amend the session');
CREATE TRIGGER session_finding_no_delete BEFORE DELETE ON session_finding FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session findings are never deleted; amend the session');
CREATE FUNCTION session_finding_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_finding
               WHERE id = NEW.id
                  OR (session_revision_id = NEW.session_revision_id
                      AND (position = NEW.position OR key = NEW.key))) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_finding rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_finding_no_replace BEFORE INSERT ON session_finding
    FOR EACH ROW EXECUTE FUNCTION session_finding_no_replace();
CREATE FUNCTION session_finding_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_finding rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_finding_needs_revision BEFORE INSERT ON session_finding
    FOR EACH ROW EXECUTE FUNCTION session_finding_needs_revision();
CREATE TRIGGER session_finding_no_truncate BEFORE TRUNCATE ON session_finding FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('session findings are never deleted; amend the session');
CREATE TRIGGER session_finding_next_id BEFORE INSERT ON session_finding
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_owner
CREATE TRIGGER session_owner_no_update BEFORE UPDATE ON session_owner FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('record owners are never changed; add a revision');
CREATE TRIGGER session_owner_no_delete BEFORE DELETE ON session_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE FUNCTION session_owner_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_owner
               WHERE id = NEW.id OR session_revision_id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'session_owner rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_owner_no_replace BEFORE INSERT ON session_owner
    FOR EACH ROW EXECUTE FUNCTION session_owner_no_replace();
CREATE FUNCTION session_owner_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_owner rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_owner_needs_revision BEFORE INSERT ON session_owner
    FOR EACH ROW EXECUTE FUNCTION session_owner_needs_revision();
CREATE TRIGGER session_owner_no_truncate BEFORE TRUNCATE ON session_owner
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('record owners are never deleted');
CREATE TRIGGER session_owner_next_id BEFORE INSERT ON session_owner
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- session_course
CREATE TRIGGER session_course_no_update BEFORE UPDATE ON session_course FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session courses are never changed; amend the session');
CREATE TRIGGER session_course_no_delete BEFORE DELETE ON session_course FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('session courses are never deleted; amend the session');
CREATE FUNCTION session_course_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM session_course
               WHERE id = NEW.id OR session_revision_id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'session_course rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_course_no_replace BEFORE INSERT ON session_course
    FOR EACH ROW EXECUTE FUNCTION session_course_no_replace();
CREATE FUNCTION session_course_needs_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM session_revision WHERE id = NEW.session_revision_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'session_course rows belong to a stored session revision';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_course_needs_revision BEFORE INSERT ON session_course
    FOR EACH ROW EXECUTE FUNCTION session_course_needs_revision();
CREATE TRIGGER session_course_no_truncate BEFORE TRUNCATE ON session_course FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('session courses are never deleted; amend the session');
CREATE TRIGGER session_course_next_id BEFORE INSERT ON session_course
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- reaction
CREATE TRIGGER reaction_no_update BEFORE UPDATE ON reaction FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('reaction rows are never changed; add a revision');
CREATE TRIGGER reaction_no_delete BEFORE DELETE ON reaction FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('reaction rows are never deleted; void with a revision');
CREATE FUNCTION reaction_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM reaction WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'reaction rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER reaction_no_replace BEFORE INSERT ON reaction
    FOR EACH ROW EXECUTE FUNCTION reaction_no_replace();
CREATE TRIGGER reaction_no_truncate BEFORE TRUNCATE ON reaction FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('reaction rows are never deleted; void with a revision');
CREATE TRIGGER reaction_next_id BEFORE INSERT ON reaction
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- reaction_revision
CREATE TRIGGER reaction_revision_no_update BEFORE UPDATE ON reaction_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('reaction revisions are never changed; add a revision');
CREATE TRIGGER reaction_revision_no_delete BEFORE DELETE ON reaction_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('reaction revisions are never deleted');
CREATE FUNCTION reaction_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM reaction_revision
               WHERE id = NEW.id
                  OR (reaction_id = NEW.reaction_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'reaction_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER reaction_revision_no_replace BEFORE INSERT ON reaction_revision
    FOR EACH ROW EXECUTE FUNCTION reaction_revision_no_replace();
CREATE TRIGGER reaction_revision_no_truncate BEFORE TRUNCATE ON reaction_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('reaction revisions are never deleted');
CREATE TRIGGER reaction_revision_next_id BEFORE INSERT ON reaction_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- followup
CREATE TRIGGER followup_no_update BEFORE UPDATE ON followup FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('follow-up rows are never changed; add a revision');
CREATE TRIGGER followup_no_delete BEFORE DELETE ON followup FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('follow-up rows are never deleted; void with a revision');
CREATE FUNCTION followup_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM followup WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'followup rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER followup_no_replace BEFORE INSERT ON followup
    FOR EACH ROW EXECUTE FUNCTION followup_no_replace();
CREATE TRIGGER followup_no_truncate BEFORE TRUNCATE ON followup FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('follow-up rows are never deleted; void with a revision');
CREATE TRIGGER followup_next_id BEFORE INSERT ON followup
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- followup_revision
CREATE TRIGGER followup_revision_no_update BEFORE UPDATE ON followup_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('follow-up revisions are never changed; add a revision');
CREATE TRIGGER followup_revision_no_delete BEFORE DELETE ON followup_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('follow-up revisions are never deleted');
CREATE FUNCTION followup_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM followup_revision
               WHERE id = NEW.id
                  OR (followup_id = NEW.followup_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'followup_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER followup_revision_no_replace BEFORE INSERT ON followup_revision
    FOR EACH ROW EXECUTE FUNCTION followup_revision_no_replace();
CREATE TRIGGER followup_revision_no_truncate BEFORE TRUNCATE ON followup_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('follow-up revisions are never deleted');
CREATE TRIGGER followup_revision_next_id BEFORE INSERT ON followup_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- assessment
CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('assessment rows are never changed; add a revision');
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('assessment rows are never deleted; void with a revision');
CREATE FUNCTION assessment_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessment WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'assessment rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER assessment_no_replace BEFORE INSERT ON assessment
    FOR EACH ROW EXECUTE FUNCTION assessment_no_replace();
CREATE TRIGGER assessment_no_truncate BEFORE TRUNCATE ON assessment FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('assessment rows are never deleted; void with a revision');
CREATE TRIGGER assessment_next_id BEFORE INSERT ON assessment
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- assessment_revision
-- The database refuses a score the scale does not allow, whatever wrote it: within its range,
-- no more decimals than it has, an area exactly when it is scored per area.
CREATE FUNCTION assessment_revision_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coalesce((SELECT NEW.score BETWEEN s.low AND s.high
                            AND round(NEW.score::numeric, s.decimals::int)::double precision
                                = NEW.score
                            AND (NEW.area IS NOT NULL) = (s.per_area = 1)
                     FROM outcome_scale s WHERE s.key = NEW.scale), false) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'score not allowed on its scale';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER assessment_revision_score BEFORE INSERT ON assessment_revision
    FOR EACH ROW EXECUTE FUNCTION assessment_revision_score();
CREATE TRIGGER assessment_revision_no_update BEFORE UPDATE ON assessment_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('assessment revisions are never changed; add a revision');
CREATE TRIGGER assessment_revision_no_delete BEFORE DELETE ON assessment_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('assessment revisions are never deleted');
CREATE FUNCTION assessment_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessment_revision
               WHERE id = NEW.id
                  OR (assessment_id = NEW.assessment_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'assessment_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER assessment_revision_no_replace BEFORE INSERT ON assessment_revision
    FOR EACH ROW EXECUTE FUNCTION assessment_revision_no_replace();
CREATE TRIGGER assessment_revision_no_truncate BEFORE TRUNCATE ON assessment_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('assessment revisions are never deleted');
CREATE TRIGGER assessment_revision_next_id BEFORE INSERT ON assessment_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- photo
CREATE TRIGGER photo_no_update BEFORE UPDATE ON photo
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('photo rows are never changed; add a revision');
CREATE TRIGGER photo_no_delete BEFORE DELETE ON photo FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('photo rows are never deleted; void with a revision');
CREATE FUNCTION photo_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM photo WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'photo rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER photo_no_replace BEFORE INSERT ON photo
    FOR EACH ROW EXECUTE FUNCTION photo_no_replace();
CREATE TRIGGER photo_no_truncate BEFORE TRUNCATE ON photo FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('photo rows are never deleted; void with a revision');
CREATE TRIGGER photo_next_id BEFORE INSERT ON photo
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- photo_revision
CREATE TRIGGER photo_revision_no_update BEFORE UPDATE ON photo_revision FOR EACH ROW
    EXECUTE FUNCTION needlebook_refuse('photo revisions are never changed; add a revision');
CREATE TRIGGER photo_revision_no_delete BEFORE DELETE ON photo_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('photo revisions are never deleted');
CREATE FUNCTION photo_revision_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM photo_revision
               WHERE id = NEW.id OR (photo_id = NEW.photo_id AND revision = NEW.revision)) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'photo_revision rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER photo_revision_no_replace BEFORE INSERT ON photo_revision
    FOR EACH ROW EXECUTE FUNCTION photo_revision_no_replace();
CREATE TRIGGER photo_revision_no_truncate BEFORE TRUNCATE ON photo_revision
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('photo revisions are never deleted');
CREATE TRIGGER photo_revision_next_id BEFORE INSERT ON photo_revision
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');
CREATE FUNCTION audit_log_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'audit_log rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_no_replace();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_next_id BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- audit_disclosure
CREATE TRIGGER audit_disclosure_no_update BEFORE UPDATE ON audit_disclosure
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');
CREATE TRIGGER audit_disclosure_no_delete BEFORE DELETE ON audit_disclosure
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');
CREATE FUNCTION audit_disclosure_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_disclosure
               WHERE audit_id = NEW.audit_id AND patient_id = NEW.patient_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001',
            MESSAGE = 'audit_disclosure rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_disclosure_no_replace BEFORE INSERT ON audit_disclosure
    FOR EACH ROW EXECUTE FUNCTION audit_disclosure_no_replace();
CREATE TRIGGER audit_disclosure_no_truncate BEFORE TRUNCATE ON audit_disclosure
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('the audit log is append-only');

-- audit_seal
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('seals are never changed');
CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('seals are never deleted');
CREATE FUNCTION audit_seal_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_seal WHERE id = NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'audit_seal rows are never replaced';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_seal_no_replace BEFORE INSERT ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_seal_no_replace();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION needlebook_refuse('seals are never deleted');
CREATE TRIGGER audit_seal_next_id BEFORE INSERT ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- Seeded settings ----------------------------------------------------------------------------

-- The settings SQLite holds after schema 10, with the same ids: the defaults of schema 1 (in
-- force when schema 4 made them settings, in key order within each group), then the keys
-- schemas 6, 7, 9 and 10 added. Revision 1 of each has the time and actor of the migration.
INSERT INTO setting (id, key) VALUES
    (1, 'clinic_name'), (2, 'consent_valid_months'), (3, 'followup_due_days'),
    (4, 'interval_block_days'), (5, 'interval_warn_days'), (6, 'isotretinoin_months'),
    (7, 'time_zone'), (8, 'depth_limit.abdomen'), (9, 'depth_limit.arm'),
    (10, 'depth_limit.back'), (11, 'depth_limit.cheek'), (12, 'depth_limit.chin'),
    (13, 'depth_limit.decolletage'), (14, 'depth_limit.forehead'), (15, 'depth_limit.glabella'),
    (16, 'depth_limit.hands'), (17, 'depth_limit.jawline'), (18, 'depth_limit.neck'),
    (19, 'depth_limit.nose'), (20, 'depth_limit.other'), (21, 'depth_limit.perioral'),
    (22, 'depth_limit.periorbital'), (23, 'depth_limit.scalp'), (24, 'depth_limit.scar'),
    (25, 'depth_limit.temple'), (26, 'depth_limit.thigh'), (27, 'recovery.acneiform-eruption'),
    (28, 'recovery.bruising'), (29, 'recovery.burning'), (30, 'recovery.contact-dermatitis'),
    (31, 'recovery.dryness-peeling'), (32, 'recovery.erythema'), (33, 'recovery.granuloma'),
    (34, 'recovery.herpes-reactivation'), (35, 'recovery.infection'), (36, 'recovery.itching'),
    (37, 'recovery.milia'), (38, 'recovery.oedema'), (39, 'recovery.other'),
    (40, 'recovery.pinpoint-bleeding'), (41, 'recovery.post-inflammatory-hyperpigmentation'),
    (42, 'recovery.tram-track-scarring'), (43, 'condition.active-herpes'),
    (44, 'condition.active-infection'), (45, 'condition.anaesthetic-allergy'),
    (46, 'condition.anticoagulants'), (47, 'condition.bleeding-disorder'),
    (48, 'condition.eczema'), (49, 'condition.isotretinoin'), (50, 'condition.keloid-tendency'),
    (51, 'condition.metal-allergy'), (52, 'condition.open-wound'), (53, 'condition.pregnancy'),
    (54, 'condition.psoriasis'), (55, 'condition.rosacea-flare'), (56, 'condition.skin-cancer'),
    (57, 'condition.uncontrolled-diabetes'), (58, 'override_min_reason'),
    (59, 'lot_registration'), (60, 'minimum_age'), (61, 'consent_policy'),
    (62, 'fhir_identifier_system'), (63, 'course_overdue_days');

INSERT INTO setting_revision (id, setting_id, revision, value, author, recorded_at, reason)
SELECT s.id, s.id, 1, v.value, c.actor, c.now, v.reason
FROM (VALUES
    ('clinic_name', '', 'in force when schema 4 was applied'),
    ('consent_valid_months', '12', 'in force when schema 4 was applied'),
    ('followup_due_days', '7', 'in force when schema 4 was applied'),
    ('interval_block_days', '14', 'in force when schema 4 was applied'),
    ('interval_warn_days', '28', 'in force when schema 4 was applied'),
    ('isotretinoin_months', '6', 'in force when schema 4 was applied'),
    ('time_zone', '', 'in force when schema 4 was applied'),
    ('depth_limit.abdomen', '2.50', 'in force when schema 4 was applied'),
    ('depth_limit.arm', '2.50', 'in force when schema 4 was applied'),
    ('depth_limit.back', '2.50', 'in force when schema 4 was applied'),
    ('depth_limit.cheek', '1.50', 'in force when schema 4 was applied'),
    ('depth_limit.chin', '1.50', 'in force when schema 4 was applied'),
    ('depth_limit.decolletage', '1.00', 'in force when schema 4 was applied'),
    ('depth_limit.forehead', '0.50', 'in force when schema 4 was applied'),
    ('depth_limit.glabella', '0.50', 'in force when schema 4 was applied'),
    ('depth_limit.hands', '1.00', 'in force when schema 4 was applied'),
    ('depth_limit.jawline', '1.50', 'in force when schema 4 was applied'),
    ('depth_limit.neck', '1.00', 'in force when schema 4 was applied'),
    ('depth_limit.nose', '0.75', 'in force when schema 4 was applied'),
    ('depth_limit.other', '2.50', 'in force when schema 4 was applied'),
    ('depth_limit.perioral', '0.50', 'in force when schema 4 was applied'),
    ('depth_limit.periorbital', '0.50', 'in force when schema 4 was applied'),
    ('depth_limit.scalp', '1.00', 'in force when schema 4 was applied'),
    ('depth_limit.scar', '2.50', 'in force when schema 4 was applied'),
    ('depth_limit.temple', '0.50', 'in force when schema 4 was applied'),
    ('depth_limit.thigh', '2.50', 'in force when schema 4 was applied'),
    ('recovery.acneiform-eruption', '14', 'in force when schema 4 was applied'),
    ('recovery.bruising', '10', 'in force when schema 4 was applied'),
    ('recovery.burning', '7', 'in force when schema 4 was applied'),
    ('recovery.contact-dermatitis', 'adverse', 'in force when schema 4 was applied'),
    ('recovery.dryness-peeling', '7', 'in force when schema 4 was applied'),
    ('recovery.erythema', '3', 'in force when schema 4 was applied'),
    ('recovery.granuloma', 'adverse', 'in force when schema 4 was applied'),
    ('recovery.herpes-reactivation', 'adverse', 'in force when schema 4 was applied'),
    ('recovery.infection', 'adverse', 'in force when schema 4 was applied'),
    ('recovery.itching', '7', 'in force when schema 4 was applied'),
    ('recovery.milia', '14', 'in force when schema 4 was applied'),
    ('recovery.oedema', '3', 'in force when schema 4 was applied'),
    ('recovery.other', '14', 'in force when schema 4 was applied'),
    ('recovery.pinpoint-bleeding', '1', 'in force when schema 4 was applied'),
    ('recovery.post-inflammatory-hyperpigmentation', 'adverse', 'in force when schema 4 was applied'),
    ('recovery.tram-track-scarring', 'adverse', 'in force when schema 4 was applied'),
    ('condition.active-herpes', 'warn', 'in force when schema 4 was applied'),
    ('condition.active-infection', 'block', 'in force when schema 4 was applied'),
    ('condition.anaesthetic-allergy', 'block', 'in force when schema 4 was applied'),
    ('condition.anticoagulants', 'warn', 'in force when schema 4 was applied'),
    ('condition.bleeding-disorder', 'block', 'in force when schema 4 was applied'),
    ('condition.eczema', 'block', 'in force when schema 4 was applied'),
    ('condition.isotretinoin', 'block', 'in force when schema 4 was applied'),
    ('condition.keloid-tendency', 'warn', 'in force when schema 4 was applied'),
    ('condition.metal-allergy', 'block', 'in force when schema 4 was applied'),
    ('condition.open-wound', 'block', 'in force when schema 4 was applied'),
    ('condition.pregnancy', 'block', 'in force when schema 4 was applied'),
    ('condition.psoriasis', 'block', 'in force when schema 4 was applied'),
    ('condition.rosacea-flare', 'warn', 'in force when schema 4 was applied'),
    ('condition.skin-cancer', 'block', 'in force when schema 4 was applied'),
    ('condition.uncontrolled-diabetes', 'warn', 'in force when schema 4 was applied'),
    ('override_min_reason', '10', 'default of schema 6'),
    ('lot_registration', 'warn', 'default of schema 7'),
    ('minimum_age', '18', 'default of schema 7'),
    ('consent_policy', 'warn', 'default of schema 7'),
    ('fhir_identifier_system', '', 'default of schema 9'),
    ('course_overdue_days', '14', 'default of schema 10')
) AS v (key, value, reason)
JOIN setting s ON s.key = v.key
CROSS JOIN pg_temp.migration_context c
ORDER BY s.id;

-- On a server a record names who logged in, not a name the caller typed. Only the owner of the
-- tables (the clinic's administrator, who creates and copies clinics) and superusers may write
-- rows in other names, as a copy of a clinic must. PostgreSQL only: a SQLite file has no logins.
CREATE FUNCTION needlebook_is_administrator() RETURNS boolean
LANGUAGE sql STABLE AS $$
SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass),
                   'MEMBER')
       OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
$$;

-- The column named by the trigger's argument (audit_log.actor, a revision's author) must be the
-- session's database user.
CREATE FUNCTION needlebook_actor_is_login() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    named text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
    IF named IS DISTINCT FROM session_user AND NOT needlebook_is_administrator() THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('permission denied for table %s: its %s must be the database user '
                             'logged in (%s), not %s', TG_TABLE_NAME, TG_ARGV[0], session_user,
                             named);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_actor_is_login BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION needlebook_actor_is_login('actor');
DO $$
DECLARE
    revision_table text;
BEGIN
    FOR revision_table IN SELECT c.table_name FROM information_schema.columns c
                          JOIN information_schema.tables t ON t.table_schema = c.table_schema
                           AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                          WHERE c.table_schema = 'public' AND c.column_name = 'author'
                          ORDER BY c.table_name LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION '
                       'needlebook_actor_is_login(''author'')', revision_table || '_author_is_login',
                       revision_table);
    END LOOP;
END
$$;

-- A new audit row must follow the chain: the next id, the last row's hash as its prev_hash, and
-- not dated after the server's clock (a row dated ahead would refuse every later write as
-- "written into the past"). The program writes its rows so; a raw INSERT by a role that may
-- append (every role: reads are audited) is held to the same. The row's own hash is recomputed
-- by 'check'. The administrator is not held: a copy of a clinic brings its rows as they are.
CREATE FUNCTION needlebook_audit_follows_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint;
    last_hash text;
BEGIN
    IF needlebook_is_administrator() THEN
        RETURN NEW;
    END IF;
    SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    IF NEW.id IS NOT NULL AND NEW.id <> coalesce(last_id, 0) + 1 THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('permission denied for table audit_log: a new row''s id must be %s, '
                             'the next after the last, not %s', coalesce(last_id, 0) + 1, NEW.id);
    END IF;
    IF NEW.prev_hash IS DISTINCT FROM last_hash THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'permission denied for table audit_log: a new row''s prev_hash must be the '
                      'hash of the last row';
    END IF;
    IF NEW.at > to_char(now() AT TIME ZONE 'UTC' + interval '5 minutes',
                        'YYYY-MM-DD"T"HH24:MI:SS"Z"') THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('permission denied for table audit_log: a new row cannot be dated '
                             'after the server''s clock (%s is ahead of it)', NEW.at);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_follows_chain BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION needlebook_audit_follows_chain();

-- Every function that reads the clinic's tables (the trigger functions, and the administrator
-- test) finds them in this schema whatever the caller's search_path: a temporary table of the
-- same name, or a schema named after a login, would otherwise come first and could, for one,
-- make a practitioner look like the administrator. (A function that reads no table needs no
-- setting, and keeps being inlined.) Later migrations set it on each function they add.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
             WHERE p.pronamespace = current_schema()::regnamespace AND p.proconfig IS NULL
               AND (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
                    OR p.proname = 'needlebook_is_administrator') LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- The schema version (PRAGMA user_version on SQLite): one row.
CREATE TABLE needlebook_schema (version integer NOT NULL);
CREATE UNIQUE INDEX needlebook_schema_one_row ON needlebook_schema ((true));
INSERT INTO needlebook_schema (version) VALUES (10);
