#include "needlebook/records/scope.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <algorithm>
#include <cctype>

namespace needlebook::records {

time::ClinicZone clinic_zone(storage::Database& db) {
    return time::ClinicZone::from_setting(storage::SettingsRepository(db).load().time_zone);
}

void check_actor(const std::string& actor) {
    const bool blank =
        std::all_of(actor.begin(), actor.end(), [](unsigned char c) { return std::isspace(c); });
    if (blank)
        throw ValidationError("as", "the acting user is blank; give --as NAME or set "
                                    "NEEDLEBOOK_USER");
    // Written into every revision and audit row, and printed in the audit list: one line.
    try {
        check_text("the acting user (--as or NEEDLEBOOK_USER)", actor, 100);
    } catch (const ValidationError& e) {
        throw ValidationError("as", e.what());
    }
}

Scope::Scope(storage::Database& db, time::Clock clock, std::string actor)
    : m_db(db), m_clock(clock), m_actor(std::move(actor)),
      m_settings_revision(storage::SettingsRepository(db).newest_revision_id()),
      m_settings(storage::SettingsRepository(db).load()),
      m_zone(time::ClinicZone::from_setting(m_settings.time_zone)) {
    check_actor(m_actor);
    m_db.set_clock_fixed(m_clock.is_fixed()); // audit rows say when the clock was fixed
}

void Scope::reload_settings() {
    storage::SettingsRepository settings(m_db);
    const auto newest = settings.newest_revision_id();
    if (newest == m_settings_revision)
        return;
    m_settings = settings.load();
    m_settings_revision = newest;
    m_zone = time::ClinicZone::from_setting(m_settings.time_zone);
}

void Scope::read_settings_again() {
    m_settings_revision = -1;
    reload_settings();
}

RevisionInfo Scope::revision(int number, std::string reason, bool voided) const {
    return RevisionInfo{number, m_actor, m_clock.now(), std::move(reason), voided};
}

storage::AuditEntry Scope::audit(std::string action, std::string record_kind,
                                 std::int64_t record_id, std::optional<std::int64_t> patient_id,
                                 int revision, std::string reason) const {
    return storage::AuditEntry{
        m_clock.now(),          m_actor,   std::move(action), patient_id,
        std::move(record_kind), record_id, revision,          std::move(reason)};
}

} // namespace needlebook::records
