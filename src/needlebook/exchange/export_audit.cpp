#include "needlebook/exchange/export_audit.hpp"

#include "needlebook/records/safekeeping.hpp"
#include "needlebook/storage/patient_repository.hpp"

namespace needlebook::exchange {

storage::ChainHead audit_export(records::Scope& scope, const std::string& what,
                                const std::vector<std::string_view>& tables,
                                const std::function<void()>& publish) {
    return scope.db().write([&] {
        std::vector<std::int64_t> patients;
        storage::PatientRepository repository(scope.db());
        for (const auto table : tables) {
            const auto ids = repository.ids_with_rows_in(table);
            patients.insert(patients.end(), ids.begin(), ids.end());
        }
        const auto head = records::audit_disclosure(scope, "export", what, std::move(patients));
        if (publish)
            publish();
        return head;
    });
}

} // namespace needlebook::exchange
