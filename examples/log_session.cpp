// Using Needlebook as a library: open a clinic database, register a patient, log a session
// with three areas and two serums, and print it back as the command line would.
//
//   log_session [DATABASE]   (default: a private in-memory database)

#include "needlebook/records/lots.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/storage/database.hpp"

#include <fmt/format.h>

using namespace needlebook;

int main(int argc, char** argv) {
    auto db = argc > 1 ? storage::Database::open(argv[1], storage::Database::Create::yes)
                       : storage::Database::in_memory();
    // A fixed clock and zone keep the example's output the same on every run.
    records::Scope scope(db, time::Clock{time::parse_utc("2026-11-23T15:00:00Z", "now")},
                         "example");
    const auto zone = time::ClinicZone::from_setting("Europe/London");

    PatientDetails details;
    details.family_name = "Okafor";
    details.given_name = "Chidi";
    details.birth_date = time::parse_date("1988-06-14", "born");
    details.fitzpatrick = parse_fitzpatrick("V");
    const auto patient = records::register_patient(scope, std::nullopt, details);
    records::add_consent(
        scope, patient.code,
        {time::parse_date("2026-11-01", "signed"), "microneedling serums", "", std::nullopt});
    // The serum lots as delivered, so the lot checks know their expiry.
    for (const auto& [product, lot] : {std::pair{"ha-serum", "HA2291"}, {"gf-serum", "GF77"}})
        records::add_lot(scope, product, lot, {time::parse_date("2027-08-31", "expires")});

    SessionDetails session;
    session.performed_at = zone.parse_local("2026-11-20 10:30", "at");
    session.practitioner = "Dr Amara Lee";
    session.indication = Indication::acne_scars;
    session.device = Device::pen;
    session.areas = {parse_area_spec("cheek:left=1.5x3"), parse_area_spec("cheek:right=1.5x3"),
                     parse_area_spec("forehead=0.5x2")};
    session.serums = {parse_serum_spec("ha-serum@HA2291:during=1.5ml"),
                      parse_serum_spec("gf-serum@GF77")};
    const auto logged = records::log_session(scope, patient.code, session);
    for (const auto& warning : logged.warnings())
        fmt::print(stderr, "warning: {}\n", warning.message);

    const auto stored = records::get_session(db, logged.session.id);
    fmt::print("{}", render::session_text(stored, {}, {}, zone));
    // What was stored is what was logged: the example fails loudly if not.
    return stored.details == session ? 0 : 1;
}
