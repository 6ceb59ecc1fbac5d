-- Needlebook schema, version 5: an index for the duplicate-chart warning of `patient add`, which
-- looks for charts with the same birth date and names. Without it every `patient add` read every
-- patient revision, so it grew with the clinic (issue 11: per-patient commands flat with size).
CREATE INDEX patient_revision_by_birth_date ON patient_revision (birth_date);
