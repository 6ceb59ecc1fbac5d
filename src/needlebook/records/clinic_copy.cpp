#include "needlebook/records/clinic_copy.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/undo_creation.hpp"
#include "needlebook/storage/photo_backup.hpp"
#include "needlebook/storage/seeded_database.hpp"

#include <fmt/format.h>
#include <optional>

namespace needlebook::records {
namespace {

// The name a database's audit rows carry: the login on a server, `by`'s actor on a file.
std::string actor_on(storage::Database& db, const storage::Opener& by) {
    return db.on_server() ? db.server_user() : by.actor;
}

std::int64_t count_photos(storage::Database& db) {
    auto query = db.query("SELECT count(*) FROM photo");
    query->step();
    return query->column(0).as_int64();
}

// Refuses a target the copy could not fill completely, before anything is written.
void require_fillable(storage::Database& target) {
    if (!target.on_server())
        return;
    // Replacing a server's rows means disabling the tables' triggers: their owner's right only.
    auto query = target.query("SELECT needlebook_is_administrator()");
    if (!query->step() || query->column(0).as_int64() == 0)
        throw Refused(fmt::format(
            "{} may be filled by a copy only by the owner of its tables (the administrator who "
            "ran 'needlebook init' there), not by {}; nothing was copied",
            target.path(), target.server_user()));
}

} // namespace

ClinicCopy copy_clinic(const std::string& from, const std::string& to, const storage::Opener& by) {
    if (from == to)
        throw Refused(fmt::format("--from and --to both name {}; nothing was copied", from));
    auto source = storage::Database::open(from, storage::Database::Create::no, by);
    source.set_clock_fixed(by.clock_fixed); // its audit row says whether the clock was fixed
    // A new file is taken back when the copy fails; a server's database is the administrator's
    // and stays, its content rolled back.
    std::optional<io::UndoCreation> creation;
    if (!storage::Database::is_server_target(to))
        creation.emplace(to, std::vector<std::string>{"-wal", "-shm", "-journal"});
    try {
        auto target = storage::Database::open(to, storage::Database::Create::yes, by);
        target.set_clock_fixed(by.clock_fixed);
        ClinicCopy copy{source.path(), target.path()};
        if (source.schema_version() != target.schema_version())
            throw Refused(fmt::format("{} is at schema {} and {} at schema {}: open both with the "
                                      "same needlebook; nothing was copied",
                                      copy.from, source.schema_version(), copy.to,
                                      target.schema_version()));
        require_fillable(target);
        storage::CheckAnchors anchors;
        if (!source.on_server())
            anchors.photo_store = storage::PhotoStore(from).folder();
        if (const auto checked = storage::verify_database(source, anchors); !checked.ok())
            throw Refused(fmt::format("{} failed its check ({}); a copy would carry the fault "
                                      "along, so nothing was copied. Run 'needlebook check'",
                                      copy.from, checked.first_fault()));
        storage::CopiedPhotos photos;
        source.read([&] {
            copy.head = storage::chain_head(source);
            if (const auto images = count_photos(source); images > 0) {
                if (source.on_server() || target.on_server())
                    throw Refused(fmt::format(
                        "{} has {} photo records; photos are kept in a store beside a SQLite "
                        "file and cannot go onto or come from a server yet; nothing was copied",
                        copy.from, images));
                photos = storage::copy_photos(source, storage::PhotoStore(from),
                                              storage::PhotoStore(to));
                copy.photos = photos.images;
            }
            target.write([&] {
                storage::ensure_only_seeded(target, "copy");
                copy.rows = storage::copy_rows(source, target);
                if (const auto head = storage::chain_head(target);
                    head.id != copy.head.id || head.hash != copy.head.hash)
                    throw StorageError(fmt::format("the copied audit chain ends at row {}, not at "
                                                   "row {} as in {}; nothing was copied",
                                                   head.id, copy.head.id, copy.from));
                storage::append_audit(
                    target,
                    {by.now, actor_on(target, by), "database.copy", std::nullopt, "", std::nullopt,
                     std::nullopt,
                     fmt::format("from {} ({} rows of {} tables, chain head {}:{})", copy.from,
                                 copy.rows.rows, copy.rows.tables, copy.head.id, copy.head.hash)});
            });
        });
        photos.keep();
        creation.reset(); // committed: the new file stays whatever follows
        copy.check = storage::verify_database(
            target, target.on_server()
                        ? storage::CheckAnchors{}
                        : storage::CheckAnchors{.photo_store = storage::PhotoStore(to).folder()});
        source.write([&] {
            storage::append_audit(
                source, {by.now, actor_on(source, by), "database.copy", std::nullopt, "",
                         std::nullopt, std::nullopt,
                         fmt::format("to {} ({} rows of {} tables, chain head {}:{}; check of "
                                     "the copy: {})",
                                     copy.to, copy.rows.rows, copy.rows.tables, copy.head.id,
                                     copy.head.hash, copy.check.ok() ? "ok" : "FAULT")});
        });
        if (!copy.check.ok())
            throw Refused(fmt::format("the copy in {} failed its check ({}): do not work on it",
                                      copy.to, copy.check.first_fault()));
        return copy;
    } catch (...) {
        if (creation)
            creation->undo();
        throw;
    }
}

} // namespace needlebook::records
