#include "needlebook/rules/overrides.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace needlebook::rules {
namespace {

bool is_key_head(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

template <class Items> std::vector<std::string> keys_of(const Items& items) {
    std::vector<std::string> keys;
    for (const auto& item : items)
        keys.push_back(item.key);
    return keys;
}

std::string example(const std::string& key) {
    return fmt::format("--override {}=\"reason\"", key);
}

} // namespace

bool is_finding_key(std::string_view text) {
    const auto colon = text.find(':');
    const auto head = text.substr(0, colon);
    if (head.empty() || !(head.front() >= 'a' && head.front() <= 'z') ||
        !std::all_of(head.begin(), head.end(), is_key_head))
        return false;
    // Each further part is non-empty, with no space, control character or '='.
    for (auto rest = text.substr(std::min(colon, text.size())); !rest.empty();) {
        rest.remove_prefix(1); // the ':'
        const auto part = rest.substr(0, rest.find(':'));
        if (part.empty() || std::any_of(part.begin(), part.end(), [](unsigned char c) {
                return c == '=' || c <= ' ' || c == 0x7F;
            }))
            return false;
        rest.remove_prefix(part.size());
    }
    return true;
}

OverrideRequest parse_override(std::string_view text) {
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || !is_finding_key(text.substr(0, equals)))
        return {"", std::string(text)};
    return {std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

SortedFindings sort_findings(std::vector<Finding> findings, const std::vector<Finding>& before,
                             const std::vector<SessionFinding>& on_file) {
    SortedFindings sorted;
    for (auto& finding : findings) {
        if (finding.level != Level::block) {
            sorted.warnings.push_back(std::move(finding));
            continue;
        }
        const auto overridden = std::find_if(on_file.begin(), on_file.end(), [&](const auto& f) {
            return f.level == FindingLevel::overridden && f.key == finding.key;
        });
        const auto* on_file_override = overridden == on_file.end() ? nullptr : &*overridden;
        const auto raised_before = std::any_of(before.begin(), before.end(), [&](const auto& f) {
            return f.key == finding.key && f.message == finding.message;
        });
        if (on_file_override != nullptr && on_file_override->message == finding.message) {
            sorted.carried.push_back(*on_file_override);
        } else if (raised_before) {
            finding.message += " (so before this amendment too)";
            if (on_file_override != nullptr) {
                auto kept = *on_file_override;
                kept.message = finding.message;
                sorted.carried.push_back(std::move(kept));
            } else {
                finding.level = Level::warning;
                sorted.warnings.push_back(std::move(finding));
            }
        } else {
            sorted.blocking.push_back(std::move(finding));
        }
    }
    return sorted;
}

std::string describe_refusal(const std::vector<Finding>& blocking, std::string_view record) {
    std::string text = fmt::format("{} refused by the clinical checks:", record);
    for (const auto& finding : blocking)
        text += fmt::format("\n  {}: {}", finding.key, finding.message);
    text +=
        fmt::format("\nuse --override KEY=\"reason\" for each finding you accept; the reason is "
                    "kept with the {}",
                    record);
    return text;
}

std::vector<SessionFinding> resolve_overrides(const std::vector<Finding>& blocking,
                                              const std::vector<SessionFinding>& carried,
                                              const std::vector<Finding>& warnings,
                                              const std::vector<OverrideRequest>& requests,
                                              int min_reason_chars, const RevisionInfo& revision,
                                              std::string_view record) {
    auto acceptable = keys_of(blocking);
    for (const auto& key : keys_of(carried))
        acceptable.push_back(key);

    if (std::any_of(requests.begin(), requests.end(),
                    [](const OverrideRequest& r) { return r.key.empty(); })) {
        if (acceptable.empty())
            throw UsageError(fmt::format("--override needs the key of the finding it accepts, and "
                                         "no check blocks this {}: leave --override out",
                                         record));
        std::vector<std::string> examples;
        for (const auto& key : acceptable)
            examples.push_back(example(key));
        throw UsageError(fmt::format("--override needs the key of the finding it accepts; for "
                                     "this {}: {}",
                                     record, fmt::join(examples, " ")));
    }
    std::set<std::string> seen;
    for (const auto& request : requests) {
        if (!seen.insert(request.key).second)
            throw ValidationError("override", fmt::format("--override {} is given twice; give "
                                                          "one reason for each finding",
                                                          request.key));
        check_reason("override", request.reason);
        if (const auto length = character_count(request.reason);
            length < static_cast<std::size_t>(min_reason_chars))
            throw ValidationError(
                "override",
                fmt::format("the reason for --override {} has {} character{}; the clinic asks "
                            "for at least {} (setting override_min_reason), saying why the check "
                            "is overruled",
                            request.key, length, length == 1 ? "" : "s", min_reason_chars));
    }
    std::vector<std::string> stale;
    for (const auto& request : requests)
        if (std::find(acceptable.begin(), acceptable.end(), request.key) == acceptable.end())
            stale.push_back(request.key);
    if (!stale.empty())
        throw Refused(fmt::format(
            "--override {} matches no blocking finding of this {}, so nothing was stored; {}",
            fmt::join(stale, ", "), record,
            acceptable.empty()
                ? std::string("no check blocks it: leave --override out")
                : fmt::format("the findings to accept: {}", fmt::join(acceptable, ", "))));

    const auto reason_for = [&](const std::string& key) -> const std::string* {
        const auto found = std::find_if(requests.begin(), requests.end(),
                                        [&](const OverrideRequest& r) { return r.key == key; });
        return found == requests.end() ? nullptr : &found->reason;
    };
    std::vector<Finding> missing;
    std::vector<SessionFinding> stored;
    for (const auto& finding : blocking) {
        if (const auto* reason = reason_for(finding.key))
            stored.push_back({finding.key, FindingLevel::overridden, finding.message, *reason,
                              revision.author, revision.recorded_at});
        else
            missing.push_back(finding);
    }
    if (!missing.empty())
        throw Refused(describe_refusal(missing, record));
    for (auto finding : carried) {
        // A correction of the reason on file is accepted anew, by this revision's author.
        if (const auto* reason = reason_for(finding.key);
            reason && *reason != finding.override_reason)
            finding = {finding.key, FindingLevel::overridden, finding.message,
                       *reason,     revision.author,          revision.recorded_at};
        stored.push_back(std::move(finding));
    }
    for (const auto& finding : warnings)
        stored.push_back({finding.key, FindingLevel::warning, finding.message, "", "", {}});
    return stored;
}

} // namespace needlebook::rules
