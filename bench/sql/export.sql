-- The sqlite3 shell's counterpart of `needlebook export --all`: the same eight SELECTs as
-- src/needlebook/exchange/csv_tables.cpp (current revisions), each into TABLE.csv with a
-- header row, in the folder the shell was started in (run.sh passes `.cd DIR` first).
-- Not done here, unlike export: formula guards, SHA-256 manifest, the audit row.
.headers on
.mode csv

.once patients.csv
SELECT p.code, r.family_name, r.given_name, r.birth_date, r.fitzpatrick, r.phone, r.email,
       r.note, r.voided
FROM patient p JOIN patient_revision r ON r.patient_id = p.id
WHERE r.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id)
ORDER BY p.code;

.once conditions.csv
SELECT x.id, p.code AS patient, x.code, r.since, r.resolved_on AS resolved, r.note, r.voided
FROM condition x JOIN condition_revision r ON r.condition_id = x.id
JOIN patient p ON p.id = x.patient_id
WHERE r.revision = (SELECT max(revision) FROM condition_revision WHERE condition_id = x.id)
ORDER BY x.id;

.once consents.csv
SELECT x.id, p.code AS patient, r.signed_on AS signed, r.covers, r.voided
FROM consent x JOIN consent_revision r ON r.consent_id = x.id
JOIN patient p ON p.id = x.patient_id
WHERE r.revision = (SELECT max(revision) FROM consent_revision WHERE consent_id = x.id)
ORDER BY x.id;

.once sessions.csv
SELECT s.id, p.code AS patient, r.performed_at, r.practitioner, r.indication, r.device,
       r.model, r.cartridge, r.cartridge_lot, r.anaesthetic, r.endpoint, r.aftercare, r.note,
       (SELECT json_group_array(json_object('area', a.area, 'side', a.side,
                                            'depth_mm', a.depth_mm, 'passes', a.passes))
        FROM (SELECT * FROM session_area WHERE session_revision_id = r.id ORDER BY position) a)
           AS areas,
       (SELECT CASE WHEN count(*) = 0 THEN '' ELSE json_group_array(json_object(
                   'product', u.code, 'lot', u.lot, 'expiry', u.expiry, 'phase', u.phase,
                   'amount_ml', u.amount_ml)) END
        FROM (SELECT d.code, x.* FROM serum_use x JOIN product d ON d.id = x.product_id
              WHERE x.session_revision_id = r.id ORDER BY x.position) u) AS serums,
       (SELECT CASE WHEN count(*) = 0 THEN '' ELSE json_group_array(json_object(
                   'key', f.key, 'level', f.level, 'message', f.message,
                   'override_reason', f.override_reason, 'overridden_by', f.overridden_by,
                   'overridden_at', f.overridden_at)) END
        FROM (SELECT 0, position, key, level, message, override_reason, overridden_by,
                     overridden_at FROM session_finding
              WHERE session_revision_id = r.id
              UNION ALL
              SELECT 1, id, key, 'overridden', message, override_reason, overridden_by,
                     overridden_at
              FROM session_override_keyed WHERE session_revision_id = r.id
              ORDER BY 1, 2) f) AS findings,
       r.voided
FROM session s JOIN session_revision r ON r.session_id = s.id
JOIN patient p ON p.id = s.patient_id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id)
ORDER BY s.id;

.once session_areas.csv
SELECT s.id AS session, c.position, c.area, c.side, printf('%.2f', c.depth_mm) AS depth_mm,
       c.passes, r.voided
FROM session s JOIN session_revision r ON r.session_id = s.id
JOIN session_area c ON c.session_revision_id = r.id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id)
ORDER BY s.id, c.position;

.once serum_uses.csv
SELECT s.id AS session, c.position, (SELECT code FROM product WHERE id = c.product_id) AS product,
       c.lot, c.expiry, c.phase,
       CASE WHEN c.amount_ml IS NULL THEN NULL ELSE printf('%.2f', c.amount_ml) END AS amount_ml,
       r.voided
FROM session s JOIN session_revision r ON r.session_id = s.id
JOIN serum_use c ON c.session_revision_id = r.id
WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id)
ORDER BY s.id, c.position;

.once reactions.csv
SELECT x.id, x.session_id AS session, r.kind, r.severity, r.area, r.side, r.onset_on AS onset,
       r.resolved_on AS resolved, r.note, r.voided
FROM reaction x JOIN reaction_revision r ON r.reaction_id = x.id
WHERE r.revision = (SELECT max(revision) FROM reaction_revision WHERE reaction_id = x.id)
ORDER BY x.id;

.once followups.csv
SELECT x.id, x.session_id AS session, r.checked_on, r.outcome, r.note, r.voided
FROM followup x JOIN followup_revision r ON r.followup_id = x.id
WHERE r.revision = (SELECT max(revision) FROM followup_revision WHERE followup_id = x.id)
ORDER BY x.id;
