-- Needlebook schema for PostgreSQL, version 11: the twin of schema/0011_photo_images.sql.
-- photo_image holds each photo's image under the SHA-256 its records name: on a server the
-- images live in the database, where every workstation reaches them.
--
-- Also, for the server's planner alone: needlebook_ids() (SQLite's json_each) yields the few ids
-- one command reads (a patient's sessions, say). Left at PostgreSQL's default estimate of 1,000
-- rows, the planner scanned whole tables to join them (a patient's history at 20,000 patients
-- read every session area); told 10, it looks each id up in its index.
ALTER FUNCTION needlebook_ids(text) ROWS 10;

CREATE TABLE photo_image (
    id      bigint PRIMARY KEY,
    sha256  text COLLATE "C" NOT NULL UNIQUE
            CHECK (length(sha256) = 64 AND sha256 !~ '[^0-9a-f]'),
    content bytea NOT NULL CHECK (length(content) > 0),
    -- The server itself refuses an image under another image's name. (SQLite has no SHA-256
    -- function, and a database file keeps this table empty.)
    CHECK (sha256 = encode(sha256(content), 'hex'))
);

CREATE TRIGGER photo_image_no_update BEFORE UPDATE ON photo_image
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('photo images are never changed');
CREATE TRIGGER photo_image_no_delete BEFORE DELETE ON photo_image
    FOR EACH ROW EXECUTE FUNCTION needlebook_refuse('photo images are never deleted');
CREATE FUNCTION photo_image_no_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM photo_image WHERE id = NEW.id OR sha256 = NEW.sha256) THEN
        RAISE EXCEPTION USING ERRCODE = 'NB001', MESSAGE = 'photo images are never replaced';
    END IF;
    RETURN NEW;
END
$$;
-- Reads the clinic's table in this schema whatever the caller's search_path (see 0010).
DO $$ BEGIN
    EXECUTE format('ALTER FUNCTION photo_image_no_replace() SET search_path = %I, pg_temp',
                   current_schema());
END $$;
CREATE TRIGGER photo_image_no_replace BEFORE INSERT ON photo_image
    FOR EACH ROW EXECUTE FUNCTION photo_image_no_replace();
CREATE TRIGGER photo_image_no_truncate BEFORE TRUNCATE ON photo_image FOR EACH STATEMENT
    EXECUTE FUNCTION needlebook_refuse('photo images are never deleted');
CREATE TRIGGER photo_image_next_id BEFORE INSERT ON photo_image
    FOR EACH ROW EXECUTE FUNCTION needlebook_next_id();

-- A clinic whose roles exist already (needlebook pg-roles) gets their grants on the new table
-- here; pg-roles run later grants them too.
DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'needlebook_auditor') THEN
        REVOKE ALL ON photo_image FROM PUBLIC;
        GRANT SELECT ON photo_image TO needlebook_auditor;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'needlebook_practitioner') THEN
        GRANT INSERT ON photo_image TO needlebook_practitioner;
    END IF;
END $$;
