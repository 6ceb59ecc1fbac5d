#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/photos.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/render/table.hpp"
#include "needlebook/storage/photo_store.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// The first 12 hex digits: enough to tell photos apart in a table; the store file has all 64.
std::string short_hash(const std::string& sha256) {
    return sha256.substr(0, 12);
}

std::string store_file(const Photo& photo) {
    return storage::PhotoStore::file_name_of(photo.image.sha256, photo.image.type);
}

std::string session_text(const PhotoDetails& details) {
    return details.session ? fmt::format("{}", *details.session) : std::string("-");
}

// "front, taken 2026-11-20, session 4, 1234 bytes, stored as <sha256>.jpg (note)".
std::string photo_text(const Photo& photo) {
    const auto& d = photo.details;
    return visible(fmt::format(
        "{}, taken {}{}, {} bytes, stored as {}{}", code_of(d.view), time::format_date(d.taken_on),
        d.session ? fmt::format(", session {}", *d.session) : "", photo.image.bytes,
        store_file(photo), d.note.empty() ? "" : fmt::format(" ({})", d.note)));
}

// Said on stderr, as a session's warnings are: the photo is stored all the same.
void warn_findings(const Context& context, const records::RecordedPhoto& recorded) {
    for (const auto& warning : recorded.warnings)
        context.warn(render::finding_text(warning));
}

} // namespace

void add_photo_commands(CLI::App& app, Context& context) {
    auto* photo = app.add_subcommand("photo", "clinical photos, kept in the photo store beside "
                                              "the database");
    needs_command(photo);
    const std::string views = "view: " + allowed_codes<PhotoView>();

    struct AddArgs {
        std::string patient, file, view, session, taken, note;
        std::vector<std::string> overrides;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = photo->add_subcommand(
        "add", "copy a JPEG or PNG photo into the photo store and record it for the patient");
    add->add_option("PATIENT", add_args->patient, "chart code")->required();
    add->add_option("FILE", add_args->file, "the image file, JPEG or PNG")->required();
    add->add_option("--view", add_args->view, views)->required();
    add->add_option("--session", add_args->session, "the session it was taken at")
        ->check(non_empty());
    add->add_option("--taken", add_args->taken, "taken on, YYYY-MM-DD (default today)")
        ->check(non_empty());
    add->add_option("--note", add_args->note, "free-text note");
    add->add_option("--override", add_args->overrides,
                    "consent:photos=\"reason\": keep it although no consent in force covers "
                    "photos; the reason is kept with the photo")
        ->allow_extra_args(false);
    add->callback([&context, args = add_args] {
        context.forbid_csv("photo add");
        // Everything typed is parsed before the database is opened.
        PhotoDetails details;
        details.view = parse_code<PhotoView>(args->view);
        if (!args->session.empty())
            details.session = records::parse_session_id(args->session);
        const auto taken = optional_date(args->taken, "taken");
        details.note = args->note;
        auto& scope = context.scope();
        details.taken_on = taken.value_or(scope.today());
        const auto recorded =
            records::add_photo(scope, args->patient, args->file, details, args->overrides);
        warn_findings(context, recorded);
        const auto& added = recorded.photo;
        if (context.format() == Format::json) {
            context.print_json(render::to_json(added));
            return;
        }
        context.print(fmt::format("photo {} recorded for {}: {}\n", added.id, args->patient,
                                  photo_text(added)));
        if (!added.details.override_reason.empty())
            context.print(visible(fmt::format("kept without a consent covering photos: {}",
                                              added.details.override_reason)) +
                          "\n");
    });

    auto list_patient = std::make_shared<std::string>();
    auto* list = photo->add_subcommand("list", "list a patient's photos, by the day taken");
    list->add_option("PATIENT", *list_patient, "chart code")->required();
    list->callback([&context, list_patient] {
        context.format(); // a wrong --format is refused before the read is audited
        const auto photos = records::list_photos(context.scope(), *list_patient);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& p : photos)
                array.push_back(render::to_json(p));
            context.print_json(array);
            return;
        }
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"id", "view", "taken", "session", "bytes", "media_type", "sha256",
                              "store_file", "file_name", "note", "override_reason"});
            for (const auto& p : photos)
                csv.write_row({{std::to_string(p.id.value), true},
                               {std::string(code_of(p.details.view))},
                               {time::format_date(p.details.taken_on)},
                               {p.details.session ? std::to_string(p.details.session->value) : "",
                                p.details.session.has_value()},
                               {std::to_string(p.image.bytes), true},
                               {std::string(media_type(p.image.type))},
                               {p.image.sha256},
                               {store_file(p)},
                               {p.image.file_name},
                               {p.details.note},
                               {p.details.override_reason}});
            return;
        }
        if (photos.empty()) {
            context.print(fmt::format("no photos on file for {}\n", *list_patient));
            return;
        }
        using Align = render::TextTable::Align;
        render::TextTable table({"id", "view", "taken", "session", "bytes", "sha256", "store file"},
                                {Align::right, Align::left, Align::left, Align::right, Align::right,
                                 Align::left, Align::left});
        for (const auto& p : photos)
            table.add_row({fmt::format("{}", p.id), std::string(code_of(p.details.view)),
                           time::format_date(p.details.taken_on), session_text(p.details),
                           std::to_string(p.image.bytes), short_hash(p.image.sha256),
                           store_file(p)});
        context.print(table.render(context.color_stdout()));
    });

    const auto print_corrected = [&context](const records::RecordedPhoto& recorded,
                                            std::string_view verb) {
        warn_findings(context, recorded);
        const auto& p = recorded.photo;
        if (context.format() == Format::json)
            context.print_json(render::to_json(p));
        else {
            std::string text = fmt::format("photo {} {} (revision {}): {}\n", p.id, verb,
                                           p.revision.number, photo_text(p));
            if (!p.details.override_reason.empty())
                text += visible(fmt::format("kept without a consent covering photos: {}",
                                            p.details.override_reason)) +
                        "\n";
            context.print(text);
        }
    };

    struct AmendArgs {
        std::string photo;
        TextOption view, taken, session, note;
        std::vector<std::string> overrides;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend =
        photo->add_subcommand("amend", "correct a photo's record (kept as a revision, with the "
                                       "reason); the image itself never changes");
    amend->add_option("PHOTO", amend_args->photo, "photo id")->required();
    add_text(amend, "--view", amend_args->view, views);
    add_text(amend, "--taken", amend_args->taken, "taken on, YYYY-MM-DD");
    add_text(amend, "--session", amend_args->session, "the session it was taken at, or none");
    add_text(amend, "--note", amend_args->note, "free-text note");
    amend
        ->add_option("--override", amend_args->overrides,
                     "consent:photos=\"reason\": keep it although no consent in force on its "
                     "(new) day covers photos, or correct the reason on file")
        ->allow_extra_args(false);
    amend_args->correction.add_to(amend, "why the record changes");
    amend->callback([&context, args = amend_args, print_corrected] {
        context.forbid_csv("photo amend");
        // An override alone corrects the reason on file.
        if (args->overrides.empty())
            require_a_field("photo amend",
                            {&args->view, &args->taken, &args->session, &args->note});
        const auto id = records::parse_photo_id(args->photo);
        std::optional<PhotoView> view;
        if (args->view.given())
            view = parse_code<PhotoView>(args->view.value);
        std::optional<time::Date> taken;
        if (args->taken.given())
            taken = time::parse_date(args->taken.value, "taken");
        std::optional<std::optional<SessionId>> session;
        if (args->session.given())
            session = args->session.value == "none"
                          ? std::optional<SessionId>{}
                          : std::optional(records::parse_session_id(args->session.value));
        print_corrected(records::amend_photo(
                            context.scope(), id,
                            [&](PhotoDetails& details) {
                                if (view)
                                    details.view = *view;
                                if (taken)
                                    details.taken_on = *taken;
                                if (session)
                                    details.session = *session;
                                if (args->note.given())
                                    details.note = args->note.value;
                            },
                            args->correction.correction(), args->overrides),
                        "amended");
    });

    struct VoidArgs {
        std::string photo;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = photo->add_subcommand(
        "void", "void a photo recorded in error (it stays in the record and the store, marked "
                "void)");
    voiding->add_option("PHOTO", void_args->photo, "photo id")->required();
    void_args->correction.add_to(voiding, "why it was recorded in error");
    voiding->callback([&context, args = void_args, print_corrected] {
        context.forbid_csv("photo void");
        print_corrected({records::void_photo(context.scope(), records::parse_photo_id(args->photo),
                                             args->correction.correction()),
                         {}},
                        "voided");
    });
}

} // namespace needlebook::cli
