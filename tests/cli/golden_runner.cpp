// golden_runner: end-to-end test runner for the needlebook command line tool.
//
// Usage: golden_runner NEEDLEBOOK_BINARY CASE_FILE
//
// Runs every command of one case file in a fresh temporary directory and compares its stdout,
// stderr and exit code with the expectations written in the case file. Also checks that refused
// commands (non-zero exit) leave the database untouched. See tests/cli/README.md for the format.
// Exit status: 0 when every step passed, 1 otherwise (failures, malformed case file, bad usage).

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <pwd.h>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kProgramWord = "needlebook";
constexpr std::string_view kTmpPlaceholder = "${TMP}";
constexpr std::string_view kShaPlaceholder = "${SHA256}";
constexpr std::string_view kOsUserPlaceholder = "${OS_USER}";
constexpr std::string_view kCarriageReturnEscape = "\\r"; // at the end of a '>' or '!' line
constexpr std::string_view kDefaultDatabase = "clinic.db";
constexpr std::string_view kFallbackPath = "/usr/local/bin:/usr/bin:/bin";
constexpr auto kCommandTimeout = std::chrono::seconds(60);

using Lines = std::vector<std::string>;
using Env = std::map<std::string, std::string>;

// ------------------------------------------------------------------------------------------------
// Case file model

struct CommandStep {
    int line = 0;
    std::string source;             // the "$ ..." line as written, for reports
    std::vector<std::string> words; // split words; ${TMP} is substituted when the step runs
    Lines expected_stdout;
    Lines expected_stderr;
    std::optional<int> expected_exit; // absent means 0
};

struct QueryStep {
    int line = 0;
    std::string source;
    std::string sql;
    Lines expected_rows;
};

struct SetEnvStep {
    std::string name;
    std::string value;
};

struct UnsetEnvStep {
    std::string name;
};

// A file the next commands read (an image to add): its bytes, given in hex.
struct WriteFileStep {
    std::string name;
    std::string bytes;
};

using Step = std::variant<CommandStep, QueryStep, SetEnvStep, UnsetEnvStep, WriteFileStep>;

struct CaseFile {
    std::string label; // the path as given on the command line
    std::vector<Step> steps;
};

class CaseSyntaxError : public std::runtime_error {
public:
    CaseSyntaxError(int line, const std::string& message)
        : std::runtime_error(message), line_(line) {}
    int line() const { return line_; }

private:
    int line_;
};

// ------------------------------------------------------------------------------------------------
// Small string helpers

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t") == std::string_view::npos;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

std::string join(const Lines& lines, std::string_view separator) {
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0)
            joined += separator;
        joined += lines[i];
    }
    return joined;
}

// Splits captured output into lines; a final line without "\n" is kept (and flagged).
Lines split_output(const std::string& output, bool& missing_final_newline) {
    Lines lines;
    size_t start = 0;
    while (start < output.size()) {
        const size_t end = output.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back(output.substr(start));
            break;
        }
        lines.push_back(output.substr(start, end - start));
        start = end + 1;
    }
    missing_final_newline = !output.empty() && output.back() != '\n';
    return lines;
}

// Makes control characters visible in reports (a stray "\r" or tab is otherwise invisible).
std::string printable(std::string_view line) {
    std::string shown;
    for (const char c : line) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\t')
            shown += "\\t";
        else if (c == '\r')
            shown += "\\r";
        else if (byte < 0x20 || byte == 0x7f)
            shown += fmt::format("\\x{:02x}", byte);
        else
            shown += c;
    }
    return shown;
}

std::string quote_identifier(const std::string& name) {
    return '"' + replace_all(name, "\"", "\"\"") + '"';
}

// ------------------------------------------------------------------------------------------------
// Case file parsing

// Appends the body of a "..." group to `word`; `pos` is just past the opening quote.
// Returns the index of the closing quote. Only \" and \\ are escapes inside double quotes.
size_t read_double_quoted(std::string_view text, size_t pos, std::string& word, int line) {
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (c == '"')
            return pos;
        if (c == '\\' && pos + 1 < text.size() && (text[pos + 1] == '"' || text[pos + 1] == '\\'))
            c = text[++pos];
        word += c;
    }
    throw CaseSyntaxError(line, "unterminated double quote");
}

// Appends the body of a $'...' group (bash's ANSI-C quoting) to `word`; `pos` is just past the
// opening quote. Returns the index of the closing quote. Escapes: \n \r \t \e (ESC) \a \\ \'
// \xHH (one byte) and \uHHHH (a code point, written as UTF-8), so a case can pass the control
// and invisible characters that a case file's lines cannot hold.
size_t read_ansi_c_quoted(std::string_view text, size_t pos, std::string& word, int line) {
    const auto hex = [&](size_t from, size_t digits) {
        if (from + digits > text.size() ||
            !std::all_of(text.begin() + from, text.begin() + from + digits,
                         [](char h) { return std::isxdigit(static_cast<unsigned char>(h)); }))
            throw CaseSyntaxError(
                line, fmt::format("$'...': \\{} needs {} hex digits", text[from - 1], digits));
        return static_cast<char32_t>(
            std::stoul(std::string(text.substr(from, digits)), nullptr, 16));
    };
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '\'')
            return pos;
        if (c != '\\') {
            word += c;
            continue;
        }
        if (++pos == text.size())
            break;
        switch (text[pos]) {
        case 'n':
            word += '\n';
            break;
        case 'r':
            word += '\r';
            break;
        case 't':
            word += '\t';
            break;
        case 'e':
            word += '\x1b';
            break;
        case 'a':
            word += '\a';
            break;
        case '\\':
            word += '\\';
            break;
        case '\'':
            word += '\'';
            break;
        case 'x':
            word += static_cast<char>(hex(pos + 1, 2));
            pos += 2;
            break;
        case 'u': {
            const char32_t code = hex(pos + 1, 4);
            pos += 4;
            if (code < 0x80) {
                word += static_cast<char>(code);
            } else if (code < 0x800) {
                word += static_cast<char>(0xC0 | (code >> 6));
                word += static_cast<char>(0x80 | (code & 0x3F));
            } else {
                word += static_cast<char>(0xE0 | (code >> 12));
                word += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                word += static_cast<char>(0x80 | (code & 0x3F));
            }
            break;
        }
        default:
            throw CaseSyntaxError(line, fmt::format("$'...': unknown escape \\{}", text[pos]));
        }
    }
    throw CaseSyntaxError(line, "unterminated $' quote");
}

// Shell-like word splitting without any expansion: only whitespace, quotes and backslashes.
std::vector<std::string> split_words(std::string_view text, int line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false; // distinguishes an empty quoted word ("") from no word at all
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t') {
            if (in_word)
                words.push_back(std::exchange(word, {}));
            in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\\') {
            if (++i == text.size())
                throw CaseSyntaxError(line, "backslash at end of command line");
            word += text[i];
        } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '\'') {
            i = read_ansi_c_quoted(text, i + 2, word, line);
        } else if (c == '\'') {
            const size_t end = text.find('\'', i + 1);
            if (end == std::string_view::npos)
                throw CaseSyntaxError(line, "unterminated single quote");
            word.append(text.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            i = read_double_quoted(text, i + 1, word, line);
        } else {
            word += c;
        }
    }
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

bool is_env_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

class CaseParser {
public:
    CaseFile parse(std::istream& in, std::string label) {
        std::string text;
        int line = 0;
        while (std::getline(in, text)) {
            ++line;
            if (!text.empty() && text.back() == '\r') // tolerate CRLF case files
                text.pop_back();
            parse_line(text, line);
        }
        const bool has_command = std::any_of(steps_.begin(), steps_.end(), [](const Step& step) {
            return std::holds_alternative<CommandStep>(step);
        });
        if (!has_command)
            throw CaseSyntaxError(line, "case file contains no '$ needlebook' command");
        return CaseFile{std::move(label), std::move(steps_)};
    }

private:
    void parse_line(const std::string& text, int line) {
        if (is_blank(text) || text.front() == '#')
            return;
        switch (text.front()) {
        case '$':
            return parse_command(text, line);
        case '=':
            return parse_query(text, line);
        case '%':
            return parse_directive(text, line);
        case '>':
            return add_stdout_or_row(marked_text(text, line), line);
        case '!':
            return add_stderr(marked_text(text, line), line);
        case '?':
            return parse_exit_code(text, line);
        default:
            throw CaseSyntaxError(
                line, "unrecognised line (expected one of '$', '>', '!', '?', '=', '%', '#')");
        }
    }

    void parse_command(const std::string& text, int line) {
        if (text.size() < 2 || text[1] != ' ')
            throw CaseSyntaxError(line, "expected '$ needlebook ARGS...'");
        CommandStep step;
        step.line = line;
        step.source = text;
        step.words = split_words(text.substr(2), line);
        if (step.words.empty() || step.words.front() != kProgramWord)
            throw CaseSyntaxError(line, "a command must start with 'needlebook'");
        add_target(std::move(step));
    }

    void parse_query(const std::string& text, int line) {
        if (text.size() < 3 || text[1] != ' ' || is_blank(text.substr(2)))
            throw CaseSyntaxError(line, "expected '= SQL'");
        QueryStep step;
        step.line = line;
        step.source = text;
        step.sql = text.substr(2);
        add_target(std::move(step));
    }

    void parse_directive(const std::string& text, int line) {
        target_.reset(); // expectations may not continue past a directive
        if (text.starts_with("%env ")) {
            const std::string assignment = text.substr(5);
            const size_t equals = assignment.find('=');
            const std::string name = assignment.substr(0, equals);
            if (equals == std::string::npos || !is_env_name(name))
                throw CaseSyntaxError(line, "expected '%env NAME=VALUE'");
            steps_.emplace_back(SetEnvStep{name, assignment.substr(equals + 1)});
        } else if (text.starts_with("%unset ")) {
            const std::string name = text.substr(7);
            if (!is_env_name(name))
                throw CaseSyntaxError(line, "expected '%unset NAME'");
            steps_.emplace_back(UnsetEnvStep{name});
        } else if (text.starts_with("%file ")) {
            const std::string assignment = text.substr(6);
            const size_t equals = assignment.find('=');
            const std::string name = assignment.substr(0, equals);
            const auto bytes = equals == std::string::npos
                                   ? std::nullopt
                                   : from_hex(assignment.substr(equals + 1));
            if (!bytes || name.empty() || name.front() == '/' ||
                name.find("..") != std::string::npos)
                throw CaseSyntaxError(line, "expected '%file NAME=HEX' (a path inside ${TMP}, "
                                            "then pairs of hex digits)");
            steps_.emplace_back(WriteFileStep{name, *bytes});
        } else {
            throw CaseSyntaxError(line, "unknown directive (expected '%env', '%unset' or '%file')");
        }
    }

    // "FFD8" as the bytes FF D8; nothing for an odd count or a character that is not hex.
    static std::optional<std::string> from_hex(const std::string& hex) {
        if (hex.size() % 2 != 0)
            return std::nullopt;
        std::string bytes;
        for (size_t i = 0; i < hex.size(); i += 2) {
            unsigned value = 0;
            const auto [end, error] =
                std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
            if (error != std::errc{} || end != hex.data() + i + 2)
                return std::nullopt;
            bytes.push_back(static_cast<char>(value));
        }
        return bytes;
    }

    void parse_exit_code(const std::string& text, int line) {
        CommandStep& step = command_target('?', line);
        const std::string_view digits =
            std::string_view(text).substr(std::min<size_t>(2, text.size()));
        int code = -1;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), code);
        if (text.size() < 3 || text[1] != ' ' || error != std::errc{} ||
            end != digits.data() + digits.size() || code < 0 || code > 255)
            throw CaseSyntaxError(line, "expected '? N' with N between 0 and 255");
        if (step.expected_exit)
            throw CaseSyntaxError(line, "exit code given twice for the same command");
        step.expected_exit = code;
    }

    // The text after "> " or "! "; the marker alone stands for an empty line. A trailing "\r"
    // (backslash, r) stands for a carriage return, which the case file itself cannot keep.
    static std::string marked_text(const std::string& text, int line) {
        if (text.size() == 1)
            return {};
        if (text[1] != ' ')
            throw CaseSyntaxError(line, fmt::format("expected a space after '{}'", text.front()));
        std::string marked = text.substr(2);
        if (marked.ends_with(kCarriageReturnEscape))
            marked.replace(marked.size() - kCarriageReturnEscape.size(),
                           kCarriageReturnEscape.size(), "\r");
        return marked;
    }

    void add_stdout_or_row(std::string text, int line) {
        if (target_)
            if (auto* query = std::get_if<QueryStep>(&steps_[*target_])) {
                query->expected_rows.push_back(std::move(text));
                return;
            }
        command_target('>', line).expected_stdout.push_back(std::move(text));
    }

    void add_stderr(std::string text, int line) {
        command_target('!', line).expected_stderr.push_back(std::move(text));
    }

    CommandStep& command_target(char marker, int line) {
        if (target_)
            if (auto* command = std::get_if<CommandStep>(&steps_[*target_]))
                return *command;
        if (target_) // the target is a query: stderr/exit expectations must precede queries
            throw CaseSyntaxError(line, fmt::format("'{}' line must come before the '=' queries "
                                                    "that follow its command",
                                                    marker));
        throw CaseSyntaxError(line, fmt::format("'{}' line must follow a '$ needlebook' command{}",
                                                marker, marker == '>' ? " or a '=' query" : ""));
    }

    void add_target(Step step) {
        steps_.push_back(std::move(step));
        target_ = steps_.size() - 1;
    }

    std::vector<Step> steps_;
    std::optional<size_t> target_; // index of the step that '>', '!' and '?' lines belong to
};

CaseFile load_case_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(
            fmt::format("cannot open case file {}: {}", path, std::strerror(errno)));
    return CaseParser{}.parse(in, path);
}

// ------------------------------------------------------------------------------------------------
// Running a process

class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        reset(std::exchange(other.fd_, -1));
        return *this;
    }
    ~UniqueFd() { reset(); }

    int get() const { return fd_; }
    void reset(int fd = -1) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_;
};

struct Pipe {
    UniqueFd read_end;
    UniqueFd write_end;
};

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

// Both ends are close-on-exec; the child's dup2() copies onto 0/1/2 are not.
Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw_errno("pipe2");
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

struct ProcessResult {
    std::string out;
    std::string err;
    int wait_status = 0;
    bool timed_out = false;
    int exec_errno = 0; // non-zero when the binary could not be started at all
};

bool exited_with(const ProcessResult& result, int code) {
    return !result.timed_out && result.exec_errno == 0 && WIFEXITED(result.wait_status) &&
           WEXITSTATUS(result.wait_status) == code;
}

std::string exit_code_problem(const ProcessResult& result, int expected) {
    const std::string prefix = fmt::format("exit code: expected {}", expected);
    if (result.exec_errno != 0)
        return fmt::format("{}, but the binary could not be executed: {}", prefix,
                           std::strerror(result.exec_errno));
    if (result.timed_out)
        return fmt::format("{}, but the command timed out after {} s and was killed", prefix,
                           kCommandTimeout.count());
    if (WIFSIGNALED(result.wait_status))
        return fmt::format("{}, but the command was killed by signal {} ({})", prefix,
                           WTERMSIG(result.wait_status), strsignal(WTERMSIG(result.wait_status)));
    return fmt::format("{}, got {}", prefix, WEXITSTATUS(result.wait_status));
}

// NULL-terminated char* array viewing `strings` (which must outlive it).
std::vector<char*> c_string_array(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (std::string& s : strings)
        pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

// Runs in the forked child: only async-signal-safe calls from here on.
[[noreturn]] void exec_child(const char* binary, char* const argv[], char* const envp[],
                             const char* cwd, int stdin_fd, int stdout_fd, int stderr_fd,
                             int status_fd) {
    ::signal(SIGPIPE, SIG_DFL); // the runner ignores SIGPIPE; the tool must not inherit that
    ::setpgid(0, 0);            // own process group, so a timeout can kill its children too
    if (::dup2(stdin_fd, STDIN_FILENO) >= 0 && ::dup2(stdout_fd, STDOUT_FILENO) >= 0 &&
        ::dup2(stderr_fd, STDERR_FILENO) >= 0 && ::chdir(cwd) == 0)
        ::execve(binary, argv, envp);
    const int error = errno; // tell the parent why; the status pipe closes on successful exec
    if (::write(status_fd, &error, sizeof error) < 0) {
    }
    ::_exit(127);
}

// Reads stdout and stderr concurrently so that neither pipe can fill up and block the child.
// Returns false if the deadline passed before both pipes were closed.
bool drain_outputs(int out_fd, int err_fd, std::string& out, std::string& err,
                   std::chrono::steady_clock::time_point deadline) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_pipes = 2;
    char buffer[65536];
    while (open_pipes > 0) {
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0)
            return false;
        if (::poll(fds, 2, static_cast<int>(remaining.count())) < 0) {
            if (errno == EINTR)
                continue;
            throw_errno("poll");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0)
                sinks[i]->append(buffer, static_cast<size_t>(n));
            else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1; // poll() ignores negative descriptors
                --open_pipes;
            }
        }
    }
    return true;
}

int read_exec_errno(int status_fd) {
    int error = 0;
    ssize_t n;
    do
        n = ::read(status_fd, &error, sizeof error);
    while (n < 0 && errno == EINTR);
    return n == static_cast<ssize_t>(sizeof error) ? error : 0;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            throw_errno("waitpid");
    return status;
}

ProcessResult run_process(const fs::path& binary, std::vector<std::string> args, const Env& env,
                          const fs::path& cwd) {
    std::vector<std::string> env_strings;
    for (const auto& [name, value] : env)
        env_strings.push_back(name + '=' + value);
    const std::vector<char*> argv = c_string_array(args);
    const std::vector<char*> envp = c_string_array(env_strings);

    UniqueFd dev_null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (dev_null.get() < 0)
        throw_errno("open /dev/null");
    Pipe out = make_pipe();
    Pipe err = make_pipe();
    Pipe status = make_pipe();

    const pid_t pid = ::fork();
    if (pid < 0)
        throw_errno("fork");
    if (pid == 0)
        exec_child(binary.c_str(), argv.data(), envp.data(), cwd.c_str(), dev_null.get(),
                   out.write_end.get(), err.write_end.get(), status.write_end.get());

    // Close our copies of the write ends so that EOF arrives when the child exits.
    out.write_end.reset();
    err.write_end.reset();
    status.write_end.reset();

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + kCommandTimeout;
    result.timed_out =
        !drain_outputs(out.read_end.get(), err.read_end.get(), result.out, result.err, deadline);
    if (result.timed_out)
        ::kill(-pid, SIGKILL);
    result.exec_errno = read_exec_errno(status.read_end.get());
    result.wait_status = wait_for(pid);
    return result;
}

// ------------------------------------------------------------------------------------------------
// Database fingerprints and queries

struct TableContent {
    std::string data; // every row, every value tagged with its type
    long long rows = 0;
    bool operator==(const TableContent&) const = default;
};

struct Fingerprint {
    bool exists = false;
    std::string error; // set when the database file exists but could not be read
    long long user_version = 0;
    std::map<std::string, TableContent> tables;
};

// Type-tagged and length-prefixed so that different values never serialise identically.
std::string serialise_value(const SQLite::Column& column) {
    if (column.isNull())
        return "N";
    if (column.isInteger())
        return fmt::format("I{}", column.getInt64());
    if (column.isFloat())
        return fmt::format("R{}", column.getDouble()); // fmt prints the shortest exact form
    const char tag = column.isText() ? 'T' : 'B';      // read the type before any conversion
    const std::string bytes = column.getString();
    return fmt::format("{}{}:{}", tag, bytes.size(), bytes);
}

// Orders by rowid; WITHOUT ROWID tables have no rowid, so those fall back to the first column.
SQLite::Statement select_all_rows(SQLite::Database& db, const std::string& table) {
    const std::string select = "SELECT * FROM " + quote_identifier(table);
    try {
        return SQLite::Statement(db, select + " ORDER BY rowid");
    } catch (const SQLite::Exception&) {
        return SQLite::Statement(db, select + " ORDER BY 1");
    }
}

TableContent dump_table(SQLite::Database& db, const std::string& table) {
    SQLite::Statement rows = select_all_rows(db, table);
    TableContent content;
    while (rows.executeStep()) {
        ++content.rows;
        for (int i = 0; i < rows.getColumnCount(); ++i)
            content.data += serialise_value(rows.getColumn(i)) + ',';
        content.data += '\n';
    }
    return content;
}

Fingerprint take_fingerprint(const fs::path& db_path) {
    Fingerprint fingerprint;
    if (!fs::exists(db_path))
        return fingerprint;
    fingerprint.exists = true;
    try {
        SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
        fingerprint.user_version = db.execAndGet("PRAGMA user_version").getInt64();
        SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "ORDER BY name");
        while (tables.executeStep()) {
            const std::string name = tables.getColumn(0).getString();
            fingerprint.tables[name] = dump_table(db, name);
        }
    } catch (const std::exception& e) {
        fingerprint.error = e.what();
    }
    return fingerprint;
}

// Changes between two fingerprints of an existing database, one line per difference.
Lines compare_existing(const Fingerprint& before, const Fingerprint& after) {
    Lines changes;
    if (before.user_version != after.user_version)
        changes.push_back(fmt::format("PRAGMA user_version changed from {} to {}",
                                      before.user_version, after.user_version));
    for (const auto& [name, content] : before.tables) {
        const auto now = after.tables.find(name);
        if (now == after.tables.end())
            changes.push_back(fmt::format("table {} was dropped", name));
        else if (now->second != content)
            changes.push_back(fmt::format("table {} changed ({} rows before, {} after)", name,
                                          content.rows, now->second.rows));
    }
    for (const auto& [name, content] : after.tables)
        if (!before.tables.contains(name))
            changes.push_back(fmt::format("table {} was created ({} row(s))", name, content.rows));
    return changes;
}

Lines database_changes(const Fingerprint& before, const Fingerprint& after) {
    if (!before.error.empty() || !after.error.empty())
        return {fmt::format("could not read the database: {}",
                            before.error.empty() ? after.error : before.error)};
    if (!before.exists) { // a refused command may create an empty database, but no rows
        Lines changes;
        for (const auto& [name, content] : after.tables)
            if (content.rows > 0)
                changes.push_back(
                    fmt::format("table {} was created with {} row(s)", name, content.rows));
        return changes;
    }
    if (!after.exists)
        return {"the database file was deleted"};
    return compare_existing(before, after);
}

// The sqlite3 shell's list mode: NULL is empty, numbers use SQLite's own text conversion
// (so 1.0 prints "1.0" and 0.25 prints "0.25"); blobs are shown as X'hex' literals.
std::string render_value(const SQLite::Column& column) {
    if (column.isNull())
        return {};
    if (!column.isBlob())
        return column.getString();
    std::string hex = "X'";
    for (const char c : column.getString())
        hex += fmt::format("{:02X}", static_cast<unsigned char>(c));
    return hex + "'";
}

Lines query_rows(const fs::path& db_path, const std::string& sql) {
    if (!fs::exists(db_path))
        throw std::runtime_error(fmt::format("database {} does not exist", db_path.string()));
    SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(db, sql);
    Lines rows;
    while (query.executeStep()) {
        Lines values;
        for (int i = 0; i < query.getColumnCount(); ++i)
            values.push_back(render_value(query.getColumn(i)));
        rows.push_back(join(values, "|"));
    }
    return rows;
}

// ------------------------------------------------------------------------------------------------
// Reporting differences

constexpr size_t kDiffContext = 3;         // unchanged lines shown around each change
constexpr size_t kMaxDiffLines = 60;       // longer diffs are cut off
constexpr size_t kMaxLcsCells = 4'000'000; // bigger outputs are listed without alignment

// Line diff via longest common subsequence: "  " common, "- " expected only, "+ " actual only.
Lines full_diff(const Lines& expected, const Lines& actual) {
    const size_t n = expected.size();
    const size_t m = actual.size();
    Lines diff;
    if ((n + 1) * (m + 1) > kMaxLcsCells) {
        for (const std::string& line : expected)
            diff.push_back("- " + printable(line));
        for (const std::string& line : actual)
            diff.push_back("+ " + printable(line));
        return diff;
    }
    std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1
                                                 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0;
    size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && expected[i] == actual[j]) {
            diff.push_back("  " + printable(expected[i]));
            ++i, ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            diff.push_back("- " + printable(expected[i++]));
        } else {
            diff.push_back("+ " + printable(actual[j++]));
        }
    }
    return diff;
}

// Keeps the changed lines with a little context around them, and at most kMaxDiffLines lines.
Lines diff_lines(const Lines& expected, const Lines& actual) {
    const Lines diff = full_diff(expected, actual);
    std::vector<bool> keep(diff.size(), false);
    for (size_t k = 0; k < diff.size(); ++k)
        if (diff[k].front() != ' ')
            for (size_t c = k - std::min(k, kDiffContext); c <= k + kDiffContext && c < diff.size();
                 ++c)
                keep[c] = true;
    if (std::find(keep.begin(), keep.end(), true) == keep.end()) // only the final newline differs
        std::fill(keep.end() - std::min(keep.size(), kDiffContext), keep.end(), true);
    Lines shown;
    for (size_t k = 0; k < diff.size(); ++k) {
        if (shown.size() == kMaxDiffLines) {
            shown.push_back("... (diff truncated)");
            break;
        }
        if (keep[k])
            shown.push_back(diff[k]);
        else if (shown.empty() || shown.back() != "...")
            shown.push_back("..."); // unchanged lines left out
    }
    return shown;
}

// Report lines for one output stream, or nothing when it matches exactly.
Lines compare_output(std::string_view stream, const Lines& expected, const std::string& given) {
    std::string wanted;
    for (const std::string& line : expected)
        wanted += line + '\n';
    // Audit hashes cover the operating-system account running the test: an expected output may
    // stand ${SHA256} for any 64 lowercase hex digits.
    std::string actual = given;
    if (wanted.find(kShaPlaceholder) != std::string::npos)
        actual =
            std::regex_replace(given, std::regex("[0-9a-f]{64}"), std::string(kShaPlaceholder));
    if (wanted == actual)
        return {};
    bool missing_final_newline = false;
    const Lines actual_lines = split_output(actual, missing_final_newline);
    Lines report{fmt::format("{} differs:", stream)};
    for (const std::string& line : diff_lines(expected, actual_lines))
        report.push_back("  " + line);
    if (missing_final_newline)
        report.push_back(fmt::format("  \\ actual {} has no newline at the end", stream));
    return report;
}

void append(Lines& to, const Lines& from) {
    to.insert(to.end(), from.begin(), from.end());
}

// ------------------------------------------------------------------------------------------------
// Running a case

class CaseRunner {
public:
    CaseRunner(fs::path binary, const CaseFile& case_file, fs::path tmp_dir)
        : binary_(std::move(binary)), case_(case_file), tmp_dir_(std::move(tmp_dir)),
          env_(initial_env()) {}

    // Runs every step (continuing after failures); true when all of them passed.
    bool run() {
        for (const Step& step : case_.steps)
            std::visit([this](const auto& s) { run_step(s); }, step);
        return failures_ == 0;
    }

    int commands() const { return commands_; }
    int steps() const { return commands_ + queries_; }
    int failures() const { return failures_; }

private:
    Env initial_env() const {
        const char* path = std::getenv("PATH");
        return Env{
            {"NEEDLEBOOK_DB", (tmp_dir_ / kDefaultDatabase).string()},
            {"NEEDLEBOOK_NOW", "2026-11-23T15:00:00Z"},
            {"TZ", "Europe/London"},
            {"NEEDLEBOOK_USER", "tester"},
            {"HOME", tmp_dir_.string()},
            {"LC_ALL", "C.UTF-8"},
            {"NO_COLOR", "1"},
            {"PATH", path != nullptr ? path : std::string(kFallbackPath)},
        };
    }

    // ${TMP}, and ${OS_USER}: the account running the test, which audit rows name.
    std::string with_tmp(const std::string& text) const {
        return replace_all(replace_all(text, kTmpPlaceholder, tmp_dir_.string()),
                           kOsUserPlaceholder, os_user());
    }

    static std::string os_user() {
        const passwd* entry = ::getpwuid(::geteuid());
        return entry != nullptr ? entry->pw_name : fmt::format("uid {}", ::geteuid());
    }

    Lines with_tmp(Lines lines) const {
        for (std::string& line : lines)
            line = with_tmp(line);
        return lines;
    }

    // Follows NEEDLEBOOK_DB so that a case may point the tool at another file.
    fs::path database_path() const {
        const auto configured = env_.find("NEEDLEBOOK_DB");
        if (configured == env_.end() || configured->second.empty())
            return tmp_dir_ / kDefaultDatabase;
        return tmp_dir_ / configured->second; // an absolute path replaces tmp_dir_
    }

    void run_step(const SetEnvStep& step) { env_[step.name] = with_tmp(step.value); }
    void run_step(const UnsetEnvStep& step) { env_.erase(step.name); }
    void run_step(const WriteFileStep& step) {
        std::ofstream(tmp_dir_ / step.name, std::ios::binary | std::ios::trunc) << step.bytes;
    }

    void run_step(const CommandStep& step) {
        ++commands_;
        std::vector<std::string> args{binary_.string()};
        for (size_t i = 1; i < step.words.size(); ++i)
            args.push_back(with_tmp(step.words[i]));

        const fs::path db = database_path();
        const Fingerprint before = take_fingerprint(db);
        const ProcessResult result = run_process(binary_, std::move(args), env_, tmp_dir_);

        Lines problems;
        const int expected_exit = step.expected_exit.value_or(0);
        if (!exited_with(result, expected_exit))
            problems.push_back(exit_code_problem(result, expected_exit));
        append(problems, compare_output("stdout", with_tmp(step.expected_stdout), result.out));
        append(problems, compare_output("stderr", with_tmp(step.expected_stderr), result.err));
        if (!exited_with(result, 0))
            append(problems, refused_command_changes(before, take_fingerprint(db)));
        report(step.line, step.source, problems);
    }

    void run_step(const QueryStep& step) {
        ++queries_;
        Lines problems;
        try {
            const Lines expected = with_tmp(step.expected_rows);
            const Lines actual = query_rows(database_path(), step.sql);
            if (actual != expected) {
                problems.push_back("rows differ:");
                for (const std::string& line : diff_lines(expected, actual))
                    problems.push_back("  " + line);
            }
        } catch (const std::exception& e) {
            problems.push_back(fmt::format("query failed: {}", e.what()));
        }
        report(step.line, step.source, problems);
    }

    static Lines refused_command_changes(const Fingerprint& before, const Fingerprint& after) {
        const Lines changes = database_changes(before, after);
        if (changes.empty())
            return {};
        Lines report{"database changed although the command was refused:"};
        for (const std::string& change : changes)
            report.push_back("  " + change);
        return report;
    }

    void report(int line, const std::string& source, const Lines& problems) {
        if (problems.empty())
            return;
        ++failures_;
        std::cerr << fmt::format("FAIL {}:{}: {}\n", case_.label, line, source);
        for (const std::string& problem : problems)
            std::cerr << "  " << problem << '\n';
    }

    fs::path binary_;
    const CaseFile& case_;
    fs::path tmp_dir_;
    Env env_;
    int commands_ = 0;
    int queries_ = 0;
    int failures_ = 0;
};

// ------------------------------------------------------------------------------------------------
// Temporary directory and entry point

// A fresh directory per case file, removed on destruction unless KEEP_TMP is set.
class TempDir {
public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        const fs::path parent = fs::absolute(base != nullptr && *base != '\0' ? base : "/tmp");
        std::string pattern = (parent / "needlebook-golden-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw_errno("mkdtemp in " + parent.string());
        path_ = fs::canonical(pattern); // the path the tool sees via getcwd()
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        if (std::getenv("KEEP_TMP") != nullptr) {
            std::cerr << "kept temporary directory " << path_.string() << '\n';
            return;
        }
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }

    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

fs::path resolve_binary(const std::string& given) {
    const fs::path binary = fs::absolute(given); // commands run in another directory
    if (::access(binary.c_str(), X_OK) != 0)
        throw std::runtime_error(
            fmt::format("{} is not an executable file: {}", given, std::strerror(errno)));
    return binary;
}

int run_case(const std::string& binary_arg, const std::string& case_path) {
    const fs::path binary = resolve_binary(binary_arg);
    const CaseFile case_file = load_case_file(case_path);
    TempDir tmp;
    CaseRunner runner(binary, case_file, tmp.path());
    if (runner.run()) {
        std::cout << fmt::format("ok: {} ({} commands)\n", case_path, runner.commands());
        return 0;
    }
    std::cerr << fmt::format("FAILED: {} ({} of {} steps failed)\n", case_path, runner.failures(),
                             runner.steps());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: golden_runner NEEDLEBOOK_BINARY CASE_FILE\n";
        return 1;
    }
    ::signal(SIGPIPE, SIG_IGN); // a closed report pipe must not skip removing the temp dir
    try {
        return run_case(argv[1], argv[2]);
    } catch (const CaseSyntaxError& e) {
        std::cerr << fmt::format("{}:{}: malformed case file: {}\n", argv[2], e.line(), e.what());
    } catch (const std::exception& e) {
        std::cerr << "golden_runner: " << e.what() << '\n';
    }
    return 1;
}
