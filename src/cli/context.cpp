#include "cli/context.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/model/text.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fmt/color.h>
#include <fmt/format.h>
#include <iostream>
#include <pwd.h>
#include <unistd.h>

namespace needlebook::cli {
namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

std::string os_login() {
    if (const auto* entry = ::getpwuid(::geteuid()); entry != nullptr && entry->pw_name != nullptr)
        return entry->pw_name;
    return "unknown";
}

} // namespace

std::string Context::database_path() const {
    if (!options.db_path.empty())
        return options.db_path;
    if (auto path = environment("NEEDLEBOOK_DB"); !path.empty())
        return path;
    auto data_home = environment("XDG_DATA_HOME");
    if (data_home.empty())
        data_home = environment("HOME") + "/.local/share";
    return data_home + "/needlebook/clinic.db";
}

std::string Context::actor() const {
    if (storage::Database::is_server_target(database_path())) {
        // The audit names the database user who logged in; nobody types another name.
        if (!options.actor.empty())
            throw CLI::ValidationError(
                "--as", "is for a SQLite database; on a PostgreSQL server the audit names the "
                        "database user you logged in as (PGUSER, or USER@ in the URI)");
        if (!m_db)
            return {}; // named by the server on opening
        // Printed in audit lists and histories like a typed name: one line of visible text.
        records::check_actor(m_db->server_user());
        return m_db->server_user();
    }
    return typed_actor();
}

std::string Context::typed_actor() const {
    std::string actor = options.actor;
    if (actor.empty())
        actor = environment("NEEDLEBOOK_USER");
    if (actor.empty())
        actor = os_login();
    records::check_actor(actor);
    return actor;
}

storage::Database& Context::db(storage::Database::Create create) {
    if (!m_db) {
        const auto path = database_path();
        // A new SQLite file is removed again when its creation fails; a server's database is
        // made by its administrator and left, with the schema rolled back.
        if (create == storage::Database::Create::yes && !storage::Database::is_server_target(path))
            m_creation.emplace(path, std::vector<std::string>{"-wal", "-shm", "-journal"});
        // Creating the database and migrating it are audited in the actor's name.
        m_db.emplace(storage::Database::open(path, create,
                                             {actor(), time::Clock::from_environment().now(),
                                              time::Clock::from_environment().is_fixed()}));
        // A backup is read as it is: its reads are recorded nowhere, and the user is told.
        if (m_db->is_backup())
            m_db->on_unaudited_read([this, path] {
                note(fmt::format("{} is a backup, opened read-only; this read is not audited",
                                 path));
            });
    }
    return *m_db;
}

void Context::undo_new_database() noexcept {
    if (!m_creation)
        return;
    m_scope.reset();
    m_db.reset(); // the connection is closed before its files are removed
    m_creation->undo();
    m_creation.reset();
}

records::Scope& Context::scope(storage::Database::Create create) {
    if (!m_scope) {
        // Opened first: on a server the actor is the database user it logged in as.
        auto& database = db(create);
        m_scope.emplace(database, time::Clock::from_environment(), actor());
    }
    return *m_scope;
}

Format Context::format() const {
    if (options.format == "json")
        return Format::json;
    if (options.format == "html") {
        if (!m_html_allowed)
            throw CLI::ValidationError("--format", "html is for 'history' only; other commands "
                                                   "print text, json or csv");
        return Format::html;
    }
    if (options.format == "xlsx") {
        if (!m_xlsx_allowed)
            throw CLI::ValidationError("--format", "xlsx is for 'export' only; other commands "
                                                   "print text, json or csv");
        return Format::xlsx;
    }
    return options.format == "csv" ? Format::csv : Format::text;
}

void Context::forbid_csv(const std::string& command) const {
    if (format() == Format::csv)
        throw CLI::ValidationError("--format", fmt::format("csv is for lists; '{}' prints text or "
                                                           "json",
                                                           command));
}

bool Context::color_for(int fd) const {
    if (options.color == "always")
        return true;
    if (options.color == "never" || !environment("NO_COLOR").empty())
        return false;
    return ::isatty(fd) != 0;
}

bool Context::color_stdout() const {
    return color_for(STDOUT_FILENO);
}
bool Context::color_stderr() const {
    return color_for(STDERR_FILENO);
}

void Context::print(const std::string& text) const {
    fmt::print("{}", text);
}

void Context::refuse_database_as_output(const std::string& file) const {
    namespace fs = std::filesystem;
    std::error_code ignored;
    const auto target = fs::weakly_canonical(file, ignored);
    const auto database = database_path();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const fs::path protected_file = database + suffix;
        if (fs::equivalent(file, protected_file, ignored) ||
            (!target.empty() && target == fs::weakly_canonical(protected_file, ignored)))
            throw Refused(fmt::format("--output {} is the database {}{}; writing there would "
                                      "replace the clinic's records. Give another file; nothing "
                                      "was written",
                                      file, database, suffix));
    }
}

void Context::confirm(const std::string& text, const std::string& file) const {
    if (io::same_file_as(file, STDOUT_FILENO)) {
        std::fflush(stdout);
        fmt::print(stderr, "{}", text);
    } else {
        print(text);
    }
}

void Context::print_json(const nlohmann::ordered_json& value) const {
    fmt::print("{}\n", value.dump(2));
}

void Context::print_view(const render::ReportView& view) const {
    switch (format()) {
    case Format::json:
        print_json(render::view_json(view));
        break;
    case Format::csv:
        render::write_view_csv(std::cout, view);
        break;
    default:
        print(render::view_text(view, color_stdout()));
    }
}

void Context::note(const std::string& message) const {
    std::fflush(stdout); // after what the command printed so far
    fmt::print(stderr, "needlebook: note: {}\n", visible_keeping_lines(message));
}

void Context::warn(const std::string& message) const {
    const auto label = color_stderr() ? fmt::format(fg(fmt::terminal_color::yellow), "warning:")
                                      : std::string("warning:");
    fmt::print(stderr, "needlebook: {} {}\n", label, visible_keeping_lines(message));
}

} // namespace needlebook::cli
