#pragma once
// What every use case needs: the database, the clock, who is acting and the clinic's zone.

#include "needlebook/model/revision.hpp"
#include "needlebook/model/settings.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/time/clock.hpp"
#include "needlebook/time/zone.hpp"

#include <string>

namespace needlebook::records {

class Scope {
public:
    // Reads the clinic's time zone setting from `db`.
    Scope(storage::Database& db, time::Clock clock, std::string actor);

    storage::Database& db() { return m_db; }
    const time::Clock& clock() const { return m_clock; }
    const std::string& actor() const { return m_actor; }
    const time::ClinicZone& zone() const { return m_zone; }
    // Read when the scope is made, and again by reload_settings.
    const ClinicSettings& settings() const { return m_settings; }
    // Reads the settings again if any has changed since they were read (inside a write, so the
    // checks use the values in force when it commits).
    void reload_settings();
    // Reads them again whatever the revision ids say: after import --all put another
    // database's settings in place of the seeded ones, the ids may be the same as before.
    void read_settings_again();
    // Today in the clinic's zone.
    time::Date today() const { return m_zone.local_date(m_clock.now()); }

    // The revision info of a write happening now by this actor.
    RevisionInfo revision(int number, std::string reason = {}, bool voided = false) const;
    // An audit entry for a write happening now by this actor.
    storage::AuditEntry audit(std::string action, std::string record_kind, std::int64_t record_id,
                              std::optional<std::int64_t> patient_id, int revision,
                              std::string reason = {}) const;

private:
    storage::Database& m_db;
    time::Clock m_clock;
    std::string m_actor;
    // Read before m_settings: a change committed in between only makes the next reload read again.
    std::int64_t m_settings_revision;
    ClinicSettings m_settings;
    time::ClinicZone m_zone;
};

// Refuses a blank or overlong acting user: every revision and audit row names who wrote it.
void check_actor(const std::string& actor);

// The clinic's zone as set in `db` (empty setting: the system's zone).
time::ClinicZone clinic_zone(storage::Database& db);

} // namespace needlebook::records
