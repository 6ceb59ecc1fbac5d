#pragma once
// The library's error hierarchy: the CLI maps each kind to an exit code and a message.

#include <stdexcept>
#include <string>

namespace needlebook {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Input that breaks a rule: the message names the field, the value and what is allowed.
class ValidationError : public Error {
public:
    ValidationError(std::string field, const std::string& message)
        : Error(message), m_field(std::move(field)) {}
    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

class NotFound : public Error {
public:
    using Error::Error;
};

// The request clashes with what is stored (a duplicate chart code, a void of a voided record).
class Conflict : public Error {
public:
    using Error::Error;
};

// The command was typed wrong in a way only the library can tell (a bare --override that names
// no finding): exit code 2, like a usage error the command line parser finds.
class UsageError : public Error {
public:
    using Error::Error;
};

// A clinical check blocked the write; the message lists the findings and how to override.
class Refused : public Error {
public:
    using Error::Error;
};

// The database engine failed underneath: the message says what was being done.
class StorageError : public Error {
public:
    using Error::Error;
};

// A file could not be written: the message names the file and the system's reason.
class FileError : public Error {
public:
    using Error::Error;
};

} // namespace needlebook
