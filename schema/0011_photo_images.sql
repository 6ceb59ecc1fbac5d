-- Needlebook schema, version 11: a place in the database for photos' images.
--  * photo_image holds an image's bytes under the SHA-256 that photo records name. A clinic on a
--    PostgreSQL server keeps its images there, where every workstation reaches them; a database
--    file keeps them in its photo store beside it (version 10) and leaves this table empty:
--    'check' reports a row in it, which nothing reads.
--  * Insert-only, as every record: an image is never changed or removed.

CREATE TABLE photo_image (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    content BLOB NOT NULL CHECK (length(content) > 0)
) STRICT;

CREATE TRIGGER photo_image_no_update BEFORE UPDATE ON photo_image
BEGIN SELECT RAISE(ABORT, 'photo images are never changed'); END;
CREATE TRIGGER photo_image_no_delete BEFORE DELETE ON photo_image
BEGIN SELECT RAISE(ABORT, 'photo images are never deleted'); END;
CREATE TRIGGER photo_image_no_replace BEFORE INSERT ON photo_image
WHEN EXISTS (SELECT 1 FROM photo_image WHERE id = NEW.id OR sha256 = NEW.sha256)
BEGIN SELECT RAISE(ABORT, 'photo images are never replaced'); END;
