#pragma once
// What every command shares: the global options, the lazily opened database and the output.

#include "needlebook/io/undo_creation.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/render/report_view.hpp"
#include "needlebook/storage/database.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace needlebook::cli {

enum class Format { text, json, csv, html, xlsx };

struct GlobalOptions {
    std::string db_path; // --db, else $NEEDLEBOOK_DB, else the XDG data folder
    std::string actor;   // --as, else $NEEDLEBOOK_USER, else the OS login
    std::string format = "text";
    std::string color = "auto";
};

class Context {
public:
    GlobalOptions options;

    // Opens the database; only init and demo may create it. A backup is opened read-only
    // (storage::Database::open), and its first unaudited read is noted on stderr.
    storage::Database& db(storage::Database::Create create = storage::Database::Create::no);
    // After a failed command: closes the database and, if this command created it, removes
    // it (with its -wal, -shm and -journal) and every folder made for it, so a refused init or
    // demo leaves nothing behind. Never throws.
    void undo_new_database() noexcept;
    records::Scope& scope(storage::Database::Create create = storage::Database::Create::no);
    std::string database_path() const;
    // --as, else $NEEDLEBOOK_USER, else the OS login; checked before the database is opened.
    std::string actor() const;
    // --as, else $NEEDLEBOOK_USER, else the OS login, checked: the actor on a SQLite file.
    std::string typed_actor() const;

    // The --format given; html and xlsx are refused (as usage errors) unless the command
    // allowed them.
    Format format() const;
    void allow_html() { m_html_allowed = true; }
    void allow_xlsx() { m_xlsx_allowed = true; }
    // Refuses (as a usage error, before anything is written) --format csv where there is no table.
    void forbid_csv(const std::string& command) const;
    bool color_stdout() const;
    bool color_stderr() const;

    // Output of a successful command: stdout only.
    void print(const std::string& text) const;
    // The line saying a file was written: on stdout, unless that file is stdout itself
    // (--output /dev/stdout), where the line would end up inside the output: then on stderr.
    void confirm(const std::string& text, const std::string& file) const;
    // Refuses an --output FILE that is the database or one of its -wal, -shm, -journal files
    // (directly or through a link): writing there would replace the clinic's records.
    void refuse_database_as_output(const std::string& file) const;
    void print_json(const nlohmann::ordered_json& value) const;
    // A report in the --format given: aligned text, JSON or CSV.
    void print_view(const render::ReportView& view) const;
    // A warning on stderr, prefixed 'needlebook: warning: '.
    void warn(const std::string& message) const;
    // Information on stderr, prefixed 'needlebook: note: '.
    void note(const std::string& message) const;

private:
    bool color_for(int fd) const;

    std::optional<io::UndoCreation> m_creation; // what opening with Create::yes may add
    std::optional<storage::Database> m_db;
    std::optional<records::Scope> m_scope;
    bool m_html_allowed = false;
    bool m_xlsx_allowed = false;
};

} // namespace needlebook::cli
