-- The sqlite3 shell's counterpart of one `needlebook session log PATIENT --device pen
-- --area forehead=0.5x2 --area cheek:left=1.0x3 --area cheek:right=1.0x3
-- --serum ha-serum@HA-B7:during --serum gf-serum@GF-A1`: the rows such a command writes, in
-- one transaction with the program's pragmas. The patient's chart code is @code
-- (`.parameter set @code P-000001` before `.read`). Triggers fire as they do for the program.
-- Not done here, unlike session log: the clinical checks (and so no session_finding rows, which
-- the program writes for each warning), input validation, the chained SHA-256 (sha3 of the
-- shell stands in for both digests).
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;

INSERT INTO session (patient_id, created_at)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM patient WHERE code = @code;

INSERT INTO session_revision (session_id, revision, performed_at, practitioner, indication,
                              device, override_reason, voided, author, recorded_at, reason)
VALUES (last_insert_rowid(), 1, strftime('%Y-%m-%dT%H:%M:00Z', 'now'), 'bench', 'other', 'pen',
        '', 0, 'bench', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '');

-- The new revision's id, for its children.
CREATE TEMP TABLE new_revision AS
SELECT r.id, s.patient_id FROM session_revision r JOIN session s ON s.id = r.session_id
WHERE r.id = last_insert_rowid();

INSERT INTO session_area (session_revision_id, position, area, side, depth_mm, passes)
SELECT id, 1, 'forehead', NULL, 0.5, 2 FROM new_revision UNION ALL
SELECT id, 2, 'cheek', 'left', 1.0, 3 FROM new_revision UNION ALL
SELECT id, 3, 'cheek', 'right', 1.0, 3 FROM new_revision;

-- The setting revisions the checks consulted: the program's own statement.
INSERT INTO session_setting (session_revision_id, setting_revision_id)
SELECT n.id, c.id FROM new_revision n, setting_current c
WHERE c.key IN ('interval_warn_days', 'interval_block_days', 'consent_valid_months',
                'isotretinoin_months')
   OR c.key IN (SELECT 'depth_limit.' || area FROM session_area WHERE session_revision_id = n.id)
   OR c.key IN (SELECT 'condition.' || code FROM condition WHERE patient_id = n.patient_id);

INSERT INTO serum_use (session_revision_id, position, product_id, lot, phase)
SELECT id, 1, (SELECT id FROM product WHERE code = 'ha-serum'), 'HA-B7', 'during'
FROM new_revision UNION ALL
SELECT id, 2, (SELECT id FROM product WHERE code = 'gf-serum'), 'GF-A1', 'after'
FROM new_revision;

-- The audit row, chained to the previous one, with a digest of the stored revision.
INSERT INTO audit_log (id, at, actor, action, patient_id, record_kind, record_id, revision,
                       reason, prev_hash, hash, record_hash, os_user, clock_fixed)
SELECT last.id + 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench', 'session.log', n.patient_id,
       'session', r.session_id, 1, '', last.hash,
       lower(hex(sha3(json_array(last.id + 1, 'bench', 'session.log', n.patient_id, last.hash),
                      256))),
       lower(hex(sha3_query(printf(
           'SELECT * FROM session_revision WHERE id = %d; ' ||
           'SELECT * FROM session_area WHERE session_revision_id = %d; ' ||
           'SELECT * FROM serum_use WHERE session_revision_id = %d; ' ||
           'SELECT * FROM session_setting WHERE session_revision_id = %d',
           n.id, n.id, n.id, n.id), 256))),
       'bench', 0
FROM new_revision n JOIN session_revision r ON r.id = n.id,
     (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) last;

COMMIT;
