#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/error.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/render/wrap.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/verification.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {
namespace {

nlohmann::ordered_json copy_json(const storage::VerifiedCopy& copy) {
    return {{"file", copy.file.string()},
            {"bytes", copy.bytes},
            {"sha256", copy.sha256},
            {"verified", render::verified_summary(copy.check)},
            {"chain_head", fmt::format("{}:{}", copy.head.id, copy.head.hash)},
            {"photos", copy.photos}};
}

// Where a backup's photos are, when it has any: beside the file, or (a stream) still to copy.
std::string photos_summary(const storage::VerifiedCopy& copy, const std::string& database) {
    if (copy.photos == 0)
        return {};
    if (copy.photos_streamed)
        return fmt::format("photos: {} verified in the photo store, not in the stream; copy the "
                           "folder {} with it\n",
                           render::counted(copy.photos, "image"),
                           storage::PhotoStore(database).folder().string());
    return fmt::format("photos: {} copied to {} and verified\n",
                       render::counted(copy.photos, "image"),
                       storage::PhotoStore(copy.file).folder().string());
}

// "ID:HASH" as printed: a row number and 64 hex digits.
storage::ChainHead parse_chain_head(const std::string& text) {
    const auto colon = text.find(':');
    const auto hash = colon == std::string::npos ? std::string() : text.substr(colon + 1);
    std::int64_t id = 0;
    const bool number = colon != std::string::npos && colon > 0 &&
                        text.find_first_not_of("0123456789") == colon &&
                        (id = std::stoll(text.substr(0, colon))) > 0;
    if (!number || hash.size() != 64 ||
        hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw ValidationError("head", fmt::format("head '{}' is not ID:HASH (an audit row number, "
                                                  "a colon and 64 lowercase hex digits, as "
                                                  "printed by seal, backup or history)",
                                                  text));
    return {id, hash};
}

} // namespace

void add_safekeeping_commands(CLI::App& app, Context& context) {
    struct CheckOptions {
        std::string key, head;
    };
    auto check_options = std::make_shared<CheckOptions>();
    auto* check = app.add_subcommand(
        "check", "verify the database: SQLite integrity, foreign keys, the schema, the audit "
                 "chain, every record against its audit row, the seals and every photo in the "
                 "photo store; exit 1 on any fault, naming the first");
    check->add_option("--key", check_options->key,
                      "the clinic's public key (KEY.pub.pem): every seal must be made with it");
    check->add_option("--head", check_options->head,
                      "ID:HASH, a chain head noted earlier (printed by seal, backup, history and "
                      "export): it must still be in the chain");
    check->callback([&context, check_options] {
        const auto path = context.database_path();
        storage::CheckAnchors anchors;
        if (!check_options->key.empty())
            anchors.key = storage::read_public_key(check_options->key);
        if (!check_options->head.empty())
            anchors.head = parse_chain_head(check_options->head);
        auto db = storage::Database::open_read_only(path); // changes nothing, even when damaged
        if (!db.on_server()) // a server keeps its images in the database, checked there
            anchors.photo_store = storage::PhotoStore(path).folder();
        const auto result = storage::verify_database(db, anchors);
        context.print_view(render::check_view(path, result));
        if (!result.ok())
            throw Refused(fmt::format("{} failed its check: {}", path, result.first_fault()));
    });

    struct AuditOptions {
        std::string patient, from, to;
    };
    auto audit_options = std::make_shared<AuditOptions>();
    auto* audit = app.add_subcommand("audit", "list the audit trail: who wrote or read what, "
                                              "when; oldest first");
    audit->add_option("--patient", audit_options->patient, "only rows about this chart code");
    audit->add_option("--from", audit_options->from, "from this day, YYYY-MM-DD (clinic time)");
    audit->add_option("--to", audit_options->to, "up to and including this day, YYYY-MM-DD");
    audit->callback([&context, audit_options] {
        records::AuditQuery query;
        if (!audit_options->patient.empty())
            query.patient_code = audit_options->patient;
        query.from = optional_date(audit_options->from, "from");
        query.to = optional_date(audit_options->to, "to");
        context.print_view(render::audit_view(records::list_audit(context.scope(), query)));
    });

    auto key_out = std::make_shared<std::string>();
    auto* key = app.add_subcommand("key", "the clinic's signing key for seals");
    key->require_subcommand(1);
    auto* key_new = key->add_subcommand(
        "new", "make an Ed25519 key pair: the private key in FILE (0600; keep it off the machine "
               "that holds the database) and the public key beside it as .pub.pem");
    key_new->add_option("--out", *key_out, "the private key file to create, e.g. clinic-seal.pem")
        ->required();
    key_new->callback([&context, key_out] {
        context.forbid_csv("key new");
        std::string public_pem = *key_out;
        if (public_pem.ends_with(".pem"))
            public_pem.resize(public_pem.size() - 4);
        public_pem += ".pub.pem";
        const auto fingerprint = storage::write_new_key_pair(*key_out, public_pem);
        if (context.format() == Format::json)
            context.print_json({{"private_key", *key_out},
                                {"public_key", public_pem},
                                {"fingerprint", fingerprint}});
        else
            context.print(fmt::format("private key: {} (keep it off this machine)\npublic key: "
                                      "{}\nfingerprint: {}\n",
                                      *key_out, public_pem, fingerprint));
    });

    auto seal_key = std::make_shared<std::string>();
    auto* seal = app.add_subcommand(
        "seal", "verify the database, then sign the audit chain's head with the clinic's private "
                "key; 'check --key KEY.pub.pem' later proves no sealed row was changed");
    seal->add_option("--key", *seal_key, "the private key made by 'key new'")->required();
    seal->callback([&context, seal_key] {
        context.forbid_csv("seal");
        const auto sealed = records::seal_chain(context.scope(), *seal_key);
        const auto& s = sealed.seal;
        if (context.format() == Format::json)
            context.print_json({{"seal", s.id},
                                {"head", fmt::format("{}:{}", s.sealed.id, s.sealed.hash)},
                                {"key_fingerprint", s.key.fingerprint},
                                {"verified", render::verified_summary(sealed.check)}});
        else
            context.print(fmt::format("seal {} signed audit row {}\nhead: {}:{}\nkey: {}\n"
                                      "verified: {}\n",
                                      s.id, s.sealed.id, s.sealed.id, s.sealed.hash,
                                      s.key.fingerprint, render::verified_summary(sealed.check)));
    });

    auto backup_file = std::make_shared<std::string>();
    auto* backup = app.add_subcommand(
        "backup", "copy the database into a new FILE while others may go on working; the copy "
                  "is checked before it gets its name");
    backup
        ->add_option("FILE", *backup_file,
                     "the new backup file (must not exist yet), or a FIFO or device such as "
                     "/dev/stdout to stream the verified copy into")
        ->required();
    backup->callback([&context, backup_file] {
        context.forbid_csv("backup");
        const auto copy = records::back_up(context.scope(), *backup_file);
        // Through confirm(): 'backup /dev/stdout | gzip' must not get the summary in its bytes.
        context.confirm(context.format() == Format::json
                            ? copy_json(copy).dump(2) + "\n"
                            : fmt::format("backup saved: {} ({} bytes)\nsha256: {}\nverified: "
                                          "{}\nchain head: {}:{}\n{}",
                                          copy.file.string(), copy.bytes, copy.sha256,
                                          render::verified_summary(copy.check), copy.head.id,
                                          copy.head.hash,
                                          photos_summary(copy, context.database_path())),
                        *backup_file);
    });

    auto restore_file = std::make_shared<std::string>();
    auto* restore = app.add_subcommand(
        "restore", "replace the database with a backup FILE after checking it; the replaced "
                   "database is kept beside it");
    restore->add_option("FILE", *restore_file, "a backup made with 'needlebook backup'")
        ->required();
    restore->callback([&context, restore_file] {
        context.forbid_csv("restore");
        const auto live = context.database_path();
        const auto restored =
            records::restore(live, *restore_file,
                             {context.actor(), time::Clock::from_environment().now(),
                              time::Clock::from_environment().is_fixed()});
        if (context.format() == Format::json) {
            auto json = copy_json(restored.source);
            json["database"] = live;
            json["kept"] = restored.kept.string();
            json["schema_version"] = restored.schema_version;
            json["photos"] = restored.photos;
            context.print_json(json);
            return;
        }
        context.print(fmt::format("restored {} into {}\nsha256: {}\nverified: {}\n",
                                  restored.source.file.string(), live, restored.source.sha256,
                                  render::verified_summary(restored.source.check)));
        if (!restored.kept.empty())
            context.print(
                fmt::format("the replaced database is kept as {}\n", restored.kept.string()));
        if (restored.photos > 0)
            context.print(fmt::format("photos: {}, each intact in the photo store {}\n",
                                      render::counted(restored.photos, "image"),
                                      storage::PhotoStore(live).folder().string()));
    });
}

} // namespace needlebook::cli
