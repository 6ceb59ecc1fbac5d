#include "needlebook/storage/seeded_database.hpp"

#include "needlebook/error.hpp"

#include <array>
#include <fmt/format.h>
#include <string_view>
#include <utility>

namespace needlebook::storage {
namespace {

// Tables that hold nothing in a database `init` has just made.
constexpr std::array empty_after_init = {
    std::pair{"patient", "a patient"},    std::pair{"condition", "a condition"},
    std::pair{"consent", "a consent"},    std::pair{"session", "a session"},
    std::pair{"reaction", "a reaction"},  std::pair{"followup", "a follow-up"},
    std::pair{"lot", "a registered lot"}, std::pair{"product_revision", "a product change"},
    std::pair{"audit_seal", "a seal"},    std::pair{"audit_disclosure", "a disclosure"},
    std::pair{"course", "a course"},      std::pair{"assessment", "an outcome score"},
    std::pair{"photo", "a photo"},        std::pair{"photo_image", "a photo image"},
};

std::int64_t count(Database& db, const std::string& sql) {
    auto query = db.query(sql);
    query->step();
    return query->column(0).as_int64();
}

} // namespace

void ensure_only_seeded(Database& db, std::string_view command) {
    const auto refuse = [&](const std::string& what) {
        throw Refused(fmt::format("{} holds {}: {} fills only a new database that 'needlebook "
                                  "init' has just made, so that nothing in it is replaced or "
                                  "mixed with what comes in. Give a new file, or an empty "
                                  "database on a server; nothing was changed",
                                  db.path(), what, command));
    };
    for (const auto& [table, what] : empty_after_init)
        if (count(db, fmt::format("SELECT count(*) FROM {}", table)) > 0)
            refuse(what);
    auto changed = db.query("SELECT s.key FROM setting_revision r JOIN setting s ON s.id = "
                            "r.setting_id WHERE r.revision > 1 ORDER BY r.id LIMIT 1");
    if (changed->step())
        refuse(fmt::format("a change of the setting {}", changed->column(0).as_text()));
    auto other = db.query("SELECT id, action FROM audit_log WHERE action NOT IN ('schema.create', "
                          "'schema.migrate', 'setting.seed', 'product.seed') ORDER BY id LIMIT 1");
    if (other->step())
        refuse(fmt::format("audit row {} ({})", other->column(0).as_int64(),
                           other->column(1).as_text()));
    // A product added with 'product add' has a product.add row, refused above.
}

void ensure_may_replace_content(Database& db, std::string_view command) {
    if (!db.on_server())
        return;
    auto query = db.query("SELECT needlebook_is_administrator()");
    if (!query->step() || query->column(0).as_int64() == 0)
        throw Refused(fmt::format("{} may be filled by {} only by the owner of its tables (the "
                                  "administrator who ran 'needlebook init' there), not by {}; "
                                  "nothing was changed",
                                  db.path(), command, db.server_user()));
}

std::int64_t count_seeds_kept(Database& db) {
    return count(db, "SELECT count(*) FROM audit_log WHERE action = 'setting.seed'");
}

void clear_seeds(Database& db, const SeedsToReplace& seeds) {
    db.connection().with_triggers_off([&] {
        db.exec("DELETE FROM audit_log");
        auto setting = db.query("DELETE FROM setting_revision WHERE setting_id = (SELECT id FROM "
                                "setting WHERE key = :key)");
        for (const auto& key : seeds.setting_keys) {
            setting->bind(":key", key);
            setting->exec();
            setting->reset();
        }
        if (seeds.products)
            db.exec("DELETE FROM product");
    });
}

} // namespace needlebook::storage
