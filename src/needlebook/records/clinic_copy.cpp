#include "needlebook/records/clinic_copy.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/undo_creation.hpp"
#include "needlebook/storage/photo_backup.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/seeded_database.hpp"

#include <fmt/format.h>
#include <optional>

namespace needlebook::records {
namespace {

// The name a database's audit rows carry: the login on a server, `by`'s actor on a file.
std::string actor_on(storage::Database& db, const storage::Opener& by) {
    return db.on_server() ? db.server_user() : by.actor;
}

storage::AuditEntry copy_entry(storage::Database& db, const storage::Opener& by,
                               std::string reason) {
    return {by.now, actor_on(db, by), "database.copy", std::nullopt,
            "",     std::nullopt,     std::nullopt,    std::move(reason)};
}

} // namespace

ClinicCopy copy_clinic(const std::string& from, const std::string& to, const storage::Opener& by) {
    if (from == to)
        throw Refused(fmt::format("--from and --to both name {}; nothing was copied", from));
    auto source = storage::Database::open(from, storage::Database::Create::no, by);
    source.set_clock_fixed(by.clock_fixed); // its audit row says whether the clock was fixed
    storage::CheckAnchors source_anchors;
    if (!source.on_server())
        source_anchors.photo_store = storage::PhotoStore(from).folder();
    // A new file is taken back when the copy fails; a server's database is the administrator's
    // and stays, its content rolled back.
    std::optional<io::UndoCreation> creation;
    if (!storage::Database::is_server_target(to))
        creation.emplace(to, std::vector<std::string>{"-wal", "-shm", "-journal"});
    try {
        // Opened first: on an empty server database this runs init, which is not undone.
        auto target = storage::Database::open(to, storage::Database::Create::yes, by);
        target.set_clock_fixed(by.clock_fixed);
        ClinicCopy copy{source.path(), target.path()};
        if (source.schema_version() != target.schema_version())
            throw Refused(fmt::format("{} is at schema {} and {} at schema {}: open both with the "
                                      "same needlebook; nothing was copied",
                                      copy.from, source.schema_version(), copy.to,
                                      target.schema_version()));
        storage::ensure_may_replace_content(target, "copy");
        target.read([&] { storage::ensure_only_seeded(target, "copy"); }); // before any write
        // The source is checked on a snapshot (a write lock held through a whole check would make
        // other writers fail as busy); whatever is copied is checked again on the target.
        source.read([&] {
            if (const auto checked = storage::verify_database(source, source_anchors);
                !checked.ok())
                throw Refused(fmt::format("{} failed its check ({}); a copy would carry the fault "
                                          "along, so nothing was copied. Run 'needlebook check'",
                                          copy.from, checked.first_fault()));
        });
        // Audited before it is read: the copy carries its own "database.copy" row, and a copy
        // cut short still shows in the source's trail.
        source.write([&] {
            storage::append_audit(source,
                                  copy_entry(source, by,
                                             fmt::format("to {}: the whole clinic, its audit "
                                                         "trail up to this row",
                                                         copy.to)));
        });
        storage::CopiedPhotos photos;
        storage::CheckAnchors target_anchors;
        if (!target.on_server())
            target_anchors.photo_store = storage::PhotoStore(to).folder();
        // One snapshot of the source into one transaction on the target, checked before it
        // commits: a copy that fails leaves the target as it was.
        source.read([&] {
            target.write([&] {
                copy.rows = storage::replace_seeded_content(source, target);
                // Each image from the source's store into the target's: a file's folder, or a
                // server's photo_image, inside this transaction.
                photos = storage::copy_photos(source, *storage::image_store_of(source),
                                              *storage::image_store_of(target));
                copy.photos = photos.images;
                copy.head = storage::chain_head(source);
                storage::append_audit(
                    target, copy_entry(target, by,
                                       fmt::format("from {} ({} rows of {} tables, chain head "
                                                   "{}:{})",
                                                   copy.from, copy.rows.rows, copy.rows.tables,
                                                   copy.head.id, copy.head.hash)));
                copy.check = storage::verify_database(target, target_anchors);
                if (!copy.check.ok())
                    throw StorageError(fmt::format("the copy in {} failed its check ({}); "
                                                   "nothing was copied",
                                                   copy.to, copy.check.first_fault()));
            });
        });
        photos.keep();
        target.refresh_statistics();
        return copy;
    } catch (...) {
        if (creation)
            creation->undo();
        throw;
    }
}

} // namespace needlebook::records
