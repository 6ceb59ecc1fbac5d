#include "needlebook/storage/lot_repository.hpp"

#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {

LotId LotRepository::insert(std::string_view product, std::string_view lot,
                            const LotDetails& details, const RevisionInfo& revision,
                            std::optional<std::int64_t> wanted) {
    auto identity = m_db.query(
        "INSERT INTO lot (id, kind, product_id, lot, created_at) VALUES (:id, CASE WHEN :product = "
        "'cartridge' THEN 'cartridge' ELSE 'serum' END, (SELECT id FROM product WHERE code = "
        ":product AND :product <> 'cartridge'), :lot, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":product", std::string(product));
    identity->bind(":lot", std::string(lot));
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const LotId id{identity->exec_returning_id()};
    add_revision(id, details, revision);
    return id;
}

void LotRepository::add_revision(LotId id, const LotDetails& details,
                                 const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO lot_revision (lot_id, revision, expires_on, received_on, note, recalled_on, "
        "recall_reason, voided, author, recorded_at, reason) VALUES (:id, :revision, :expires, "
        ":received, :note, :recalled, :recall_reason, :voided, :author, :recorded_at, :reason)");
    insert->bind(":id", id.value);
    bind_date(*insert, ":expires", details.expires_on);
    bind_optional_date(*insert, ":received", details.received_on);
    insert->bind(":note", details.note);
    bind_optional_date(*insert, ":recalled",
                       details.recall ? std::optional<time::Date>(details.recall->on)
                                      : std::nullopt);
    insert->bind(":recall_reason", details.recall ? details.recall->reason : std::string());
    bind_revision(*insert, revision);
    insert->exec();
}

std::vector<Lot>
LotRepository::select(const std::string& where,
                      const std::vector<std::pair<const char*, std::string>>& bindings) {
    auto query = m_db.query(fmt::format(
        "SELECT l.id, coalesce(p.code, 'cartridge'), l.lot, r.expires_on, r.received_on, r.note, "
        "r.recalled_on, r.recall_reason, r.revision, r.author, r.recorded_at, r.reason, r.voided "
        "FROM lot l LEFT JOIN product p ON p.id = l.product_id JOIN lot_revision r ON r.lot_id = "
        "l.id AND r.revision = (SELECT max(revision) FROM lot_revision WHERE lot_id = l.id) "
        "WHERE r.voided = 0 AND {} ORDER BY coalesce(p.code, 'cartridge'), r.expires_on, {}",
        where, m_db.dialect().nocase_order("l.lot")));
    for (const auto& [name, value] : bindings)
        query->bind(name, value);
    std::vector<Lot> lots;
    while (query->step()) {
        Lot lot;
        lot.id = LotId{query->column(0).as_int64()};
        lot.product = query->column(1).as_text();
        lot.lot = query->column(2).as_text();
        lot.details.expires_on = read_date(query->column(3));
        lot.details.received_on = read_optional_date(query->column(4));
        lot.details.note = query->column(5).as_text();
        if (!query->column(6).is_null())
            lot.details.recall = LotRecall{read_date(query->column(6)), query->column(7).as_text()};
        lot.revision = read_revision(*query, 8);
        lots.push_back(std::move(lot));
    }
    return lots;
}

std::optional<Lot> LotRepository::find(std::string_view product, std::string_view lot) {
    auto found = select("coalesce(p.code, 'cartridge') = :product AND " +
                            m_db.dialect().nocase_equals("l.lot", ":lot"),
                        {{":product", std::string(product)}, {":lot", std::string(lot)}});
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::vector<Lot> LotRepository::with_number(std::string_view lot) {
    return select(m_db.dialect().nocase_equals("l.lot", ":lot"), {{":lot", std::string(lot)}});
}

std::vector<Lot> LotRepository::list(const LotFilter& filter) {
    std::string where = "1 = 1";
    std::vector<std::pair<const char*, std::string>> bindings;
    if (filter.product) {
        where += " AND coalesce(p.code, 'cartridge') = :product";
        bindings.emplace_back(":product", *filter.product);
    }
    if (filter.expires_by) {
        where += " AND r.expires_on <= :by";
        bindings.emplace_back(":by", time::format_date(*filter.expires_by));
    }
    return select(where, bindings);
}

} // namespace needlebook::storage
