#pragma once
// Overrides by finding key: a practitioner accepts each blocking finding on its own, with its
// own reason (--override KEY="reason"), so one reason never approves a finding nobody saw.

#include "needlebook/model/session.hpp"
#include "needlebook/rules/finding.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::rules {

// One --override as typed. `key` is empty when the text does not start with a finding key
// followed by '=' (a bare reason, as older versions took).
struct OverrideRequest {
    std::string key;
    std::string reason;
};

// A finding key: lower-case letters, digits and '-', then ':'-separated parts with no space
// or '=' ("depth:cheek:left", "same-day", "lot:HA-2291").
bool is_finding_key(std::string_view text);

// Splits 'KEY=reason' at the first '='.
OverrideRequest parse_override(std::string_view text);

// The findings of a record's new content (a session, a photo), sorted for resolve_overrides.
// For an amendment (`before`: what the previous content raises now; `on_file`: the findings the
// previous revision stored) only what the amendment itself causes can block:
// - a blocking finding the previous revision overrode, raised again with the same message, is
//   carried over with its reason, author and time;
// - one the previous content raises too, unchanged, is marked " (so before this amendment
//   too)": an override on file for its key is carried over with it, else it becomes a warning;
// - any other blocking finding blocks; a warning stays one.
// For a new record (`before` and `on_file` empty) every blocking finding blocks. So a clerical
// correction never needs, nor loses, an override of a clinical decision, and an override never
// covers a finding it was not given for (a day, a depth that changed).
struct SortedFindings {
    std::vector<Finding> blocking;
    std::vector<SessionFinding> carried;
    std::vector<Finding> warnings;
};
SortedFindings sort_findings(std::vector<Finding> findings, const std::vector<Finding>& before,
                             const std::vector<SessionFinding>& on_file);

// What a revision stores, from the checks' findings and the overrides typed:
// - `blocking`: blocking findings this revision raises anew; each needs its own override;
// - `carried`: findings an earlier revision overrode that this one raises again unchanged;
//   they keep their reason unless an override with their key corrects it;
// - `warnings`: kept as they are.
// A finding accepted by an override here is accepted by `revision`'s author, at its time.
// Refuses, before anything is stored: a bare override (UsageError, naming the keys to use), a
// key given twice or a reason shorter than `min_reason_chars` (ValidationError), an override
// whose key matches no blocking or carried finding, and a blocking finding without an
// override (Refused, listing each as "  KEY: message"). Messages name the record checked as
// `record` ("session", "photo").
std::vector<SessionFinding> resolve_overrides(const std::vector<Finding>& blocking,
                                              const std::vector<SessionFinding>& carried,
                                              const std::vector<Finding>& warnings,
                                              const std::vector<OverrideRequest>& requests,
                                              int min_reason_chars, const RevisionInfo& revision,
                                              std::string_view record = "session");

// The refusal's text for blocking findings no override accepts.
std::string describe_refusal(const std::vector<Finding>& blocking,
                             std::string_view record = "session");

} // namespace needlebook::rules
