#include "needlebook/report/lot_recall.hpp"

#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/storage/lot_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/reaction_repository.hpp"
#include "needlebook/storage/report_reader.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace needlebook::report {

LotRecall lot_recall(records::Scope& scope, std::string_view lot,
                     const std::optional<std::string>& product) {
    check_text("LOT", lot, 100, true);
    LotRecall recall;
    recall.lot = std::string(lot);
    recall.product = product;
    recall.as_of = scope.today();
    const auto of_product = [&](std::string_view what, std::string_view code) {
        return !product || (*product == cartridge_product ? what == "cartridge"
                                                          : what == "serum" && code == *product);
    };
    // A write transaction only for its audit row: the recall names patients.
    scope.db().write([&] {
        auto uses = storage::ReportReader(scope.db()).lot_uses(recall.lot);
        std::erase_if(uses, [&](const LotUse& use) { return !of_product(use.what, use.product); });
        if (uses.empty())
            throw NotFound(fmt::format("no session received lot '{}'{} (voided sessions aside); "
                                       "check the spelling on the label",
                                       lot,
                                       product ? fmt::format(" of {}", *product)
                                               : std::string(" (serum or cartridge)")));
        std::vector<SessionId> ids;
        std::map<std::int64_t, std::vector<LotUse>> uses_of;
        std::set<std::int64_t> patients;
        for (const auto& use : uses) {
            if (!uses_of.contains(use.session.value))
                ids.push_back(use.session);
            uses_of[use.session.value].push_back(use);
            patients.insert(use.patient.id.value);
        }
        recall.patients = static_cast<int>(patients.size());
        recall.registered = storage::LotRepository(scope.db()).with_number(recall.lot);
        std::erase_if(recall.registered, [&](const Lot& registered) {
            return product && registered.product != *product;
        });
        // How to reach each patient: the phone and email on their record now.
        std::map<std::int64_t, std::pair<std::string, std::string>> contact_of;
        storage::PatientRepository patient_records(scope.db());
        for (const auto id : patients)
            if (const auto found = patient_records.find(PatientId{id}))
                contact_of[id] = {found->details.phone, found->details.email};
        std::map<std::int64_t, std::vector<Reaction>> reactions_of;
        for (auto& reaction : storage::ReactionRepository(scope.db()).for_sessions(ids))
            reactions_of[reaction.session_id.value].push_back(std::move(reaction));
        for (auto& session : storage::SessionRepository(scope.db()).find_many(ids)) {
            RecallEntry entry;
            entry.uses = uses_of.at(session.id.value);
            entry.patient = entry.uses.front().patient;
            std::tie(entry.phone, entry.email) = contact_of[entry.patient.id.value];
            entry.day = scope.zone().local_date(session.details.performed_at);
            for (auto& reaction : reactions_of[session.id.value]) {
                const auto timeline =
                    timeline_of(reaction.details, entry.day,
                                norm_of(scope.settings(), reaction.details.kind), recall.as_of);
                entry.reactions.push_back({std::move(reaction), timeline});
            }
            entry.session = std::move(session);
            recall.entries.push_back(std::move(entry));
        }
        std::vector<std::int64_t> named(patients.begin(), patients.end());
        records::audit_disclosure(scope, "report.lot",
                                  fmt::format("lot {}{}: {} patients, {} sessions", recall.lot,
                                              product ? " of " + *product : std::string(),
                                              recall.patients, recall.entries.size()),
                                  std::move(named));
    });
    return recall;
}

} // namespace needlebook::report
