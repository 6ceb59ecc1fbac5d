# The FHIR export names the clinic's chart codes by a URI, the setting fhir_identifier_system. A
# new clinic has none: fhir refuses, names the setting and says how to set it, and prints no
# half bundle. A value that is no absolute URI of an allowed scheme (http, https, urn:oid:,
# urn:uuid:), or holds a space or a line break, or is over 200 characters, is refused and
# changes nothing. Empty unsets it again.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Doe --given Jane --born 1985-04-12
> patient P-000001 registered: Doe, Jane
$ needlebook fhir P-000001
! needlebook: error: fhir_identifier_system is not set: a FHIR bundle names the clinic's chart codes by a URI (Patient.identifier.system); set it first, e.g. 'needlebook setting set fhir_identifier_system https://your-clinic.example/chart'
? 1
$ needlebook fhir --all --output ${TMP}/clinic.json
! needlebook: error: fhir_identifier_system is not set: a FHIR bundle names the clinic's chart codes by a URI (Patient.identifier.system); set it first, e.g. 'needlebook setting set fhir_identifier_system https://your-clinic.example/chart'
? 1
$ needlebook setting set fhir_identifier_system ftp://clinic.example/chart
! needlebook: error: fhir_identifier_system 'ftp://clinic.example/chart' is not an absolute URI of an allowed scheme; allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system 'https://clinic.example/chart code'
! needlebook: error: fhir_identifier_system 'https://clinic.example/chart code' holds a space, a line break or a character outside printable ASCII; allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system $'https://clinic.example/\nchart'
! needlebook: error: fhir_identifier_system 'https://clinic.example/⏎chart' holds a space, a line break or a character outside printable ASCII; allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system urn:oid:1.2.x
! needlebook: error: fhir_identifier_system 'urn:oid:1.2.x' is no OID (digits and dots after urn:oid:); allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system urn:uuid:not-a-uuid
! needlebook: error: fhir_identifier_system 'urn:uuid:not-a-uuid' is no UUID (36 lower-case hex digits and dashes after urn:uuid:); allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system clinic-chart
! needlebook: error: fhir_identifier_system 'clinic-chart' is not an absolute URI of an allowed scheme; allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
$ needlebook setting set fhir_identifier_system https://clinic.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
! needlebook: error: fhir_identifier_system 'https://clinic.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is longer than 200 characters; allowed: an absolute URI starting http://, https://, urn:oid: or urn:uuid:, without spaces, at most 200 characters (empty to unset)
? 1
= SELECT count(*) FROM setting_revision r JOIN setting s ON s.id = r.setting_id WHERE s.key = 'fhir_identifier_system'
> 1
$ needlebook setting set fhir_identifier_system urn:oid:2.999.1
> fhir_identifier_system: '' -> urn:oid:2.999.1
$ needlebook setting set fhir_identifier_system https://clinic.example/chart --reason 'the clinic site'
> fhir_identifier_system: urn:oid:2.999.1 -> https://clinic.example/chart
$ needlebook fhir P-000001 --output ${TMP}/p.json
> FHIR bundle of P-000001 written to ${TMP}/p.json (0 sessions, 1 resource)
= SELECT r.revision, r.value, r.reason FROM setting_revision r JOIN setting s ON s.id = r.setting_id WHERE s.key = 'fhir_identifier_system' ORDER BY r.revision
> 1||default of schema 9
> 2|urn:oid:2.999.1|
> 3|https://clinic.example/chart|the clinic site
$ needlebook setting set fhir_identifier_system ''
> fhir_identifier_system: https://clinic.example/chart -> ''
$ needlebook fhir P-000001
! needlebook: error: fhir_identifier_system is not set: a FHIR bundle names the clinic's chart codes by a URI (Patient.identifier.system); set it first, e.g. 'needlebook setting set fhir_identifier_system https://your-clinic.example/chart'
? 1
