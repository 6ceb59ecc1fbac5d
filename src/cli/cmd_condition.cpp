#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>

namespace needlebook::cli {

void add_condition_commands(CLI::App& app, Context& context) {
    auto* condition = app.add_subcommand("condition", "conditions that matter before treating");
    needs_command(condition);

    struct AddArgs {
        std::string patient, code, since, note;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = condition->add_subcommand("add", "put a condition on file");
    add->add_option("PATIENT", add_args->patient, "chart code")->required();
    add->add_option("--code", add_args->code, "condition: " + allowed_codes<ConditionCode>())
        ->required();
    add->add_option("--since", add_args->since, "since when, YYYY-MM-DD")->check(non_empty());
    add->add_option("--note", add_args->note, "free-text note");
    add->callback([&context, args = add_args] {
        context.forbid_csv("condition add");
        ConditionDetails details;
        details.code = parse_code<ConditionCode>(args->code);
        if (!args->since.empty())
            details.since = time::parse_date(args->since, "since");
        details.note = args->note;
        const auto added = records::add_condition(context.scope(), args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("condition {} on file for {}: {}\n", added.id, args->patient,
                                      label_of(added.details.code)));
    });

    struct ResolveArgs {
        std::string patient, code, on;
    };
    auto resolve_args = std::make_shared<ResolveArgs>();
    auto* resolve = condition->add_subcommand("resolve", "record that a condition has resolved");
    resolve->add_option("PATIENT", resolve_args->patient, "chart code")->required();
    resolve->add_option("--code", resolve_args->code, "condition code")->required();
    resolve->add_option("--on", resolve_args->on, "resolved on, YYYY-MM-DD")->required();
    resolve->callback([&context, args = resolve_args] {
        context.forbid_csv("condition resolve");
        const auto code = parse_code<ConditionCode>(args->code);
        const auto on = time::parse_date(args->on, "on");
        const auto resolved = records::resolve_condition(context.scope(), args->patient, code, on);
        if (context.format() == Format::json)
            context.print_json(render::to_json(resolved));
        else
            context.print(fmt::format("condition {} of {} resolved on {}: {}\n", resolved.id,
                                      args->patient, time::format_date(on), label_of(code)));
    });

    struct ClearArgs {
        std::string patient, code, by, until, reason;
    };
    auto clear_args = std::make_shared<ClearArgs>();
    auto* clear = condition->add_subcommand(
        "clear", "record a specialist's clearance to treat despite a condition, until a date");
    clear->add_option("PATIENT", clear_args->patient, "chart code")->required();
    clear->add_option("--code", clear_args->code, "condition code")->required();
    clear->add_option("--by", clear_args->by, "who cleared it, e.g. \"Dr A. Shah, dermatologist\"")
        ->required();
    clear->add_option("--until", clear_args->until, "cleared until, YYYY-MM-DD")->required();
    clear->add_option("--reason", clear_args->reason, "what the clearance says")->required();
    clear->callback([&context, args = clear_args] {
        context.forbid_csv("condition clear");
        const auto code = parse_code<ConditionCode>(args->code);
        const auto until = time::parse_date(args->until, "until");
        const auto cleared = records::clear_condition(context.scope(), args->patient, code,
                                                      args->by, until, args->reason);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& c : cleared)
                array.push_back(render::to_json(c));
            context.print_json(array);
            return;
        }
        for (const auto& c : cleared)
            context.print(fmt::format("condition {} of {} cleared by {} until {}: {} blocks "
                                      "again after that day\n",
                                      c.id, args->patient, args->by, time::format_date(until),
                                      label_of(code)));
    });

    struct AmendArgs {
        std::string condition;
        TextOption code, since, resolved, note;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend = condition->add_subcommand(
        "amend", "correct a condition on file (kept as a revision, with the reason)");
    amend
        ->add_option("CONDITION", amend_args->condition,
                     "condition number (printed by 'condition add' and 'patient show')")
        ->required();
    add_text(amend, "--code", amend_args->code, "condition: " + allowed_codes<ConditionCode>());
    add_text(amend, "--since", amend_args->since, "since when, YYYY-MM-DD, or none");
    add_text(amend, "--resolved", amend_args->resolved, "resolved on, YYYY-MM-DD, or none");
    add_text(amend, "--note", amend_args->note, "free-text note");
    amend_args->correction.add_to(amend, "why the record changes");
    amend->callback([&context, args = amend_args] {
        context.forbid_csv("condition amend");
        require_a_field("condition amend",
                        {&args->code, &args->since, &args->resolved, &args->note});
        const auto id = records::parse_condition_id(args->condition);
        // Parsed before the database is opened, so a typo is named without touching it.
        std::optional<ConditionCode> code;
        if (args->code.given())
            code = parse_code<ConditionCode>(args->code.value);
        std::optional<std::optional<time::Date>> since, resolved;
        if (args->since.given())
            since = date_or_none(args->since.value, "since");
        if (args->resolved.given())
            resolved = date_or_none(args->resolved.value, "resolved");
        const auto amended = records::amend_condition(
            context.scope(), id,
            [&](ConditionDetails& details) {
                if (code)
                    details.code = *code;
                if (since)
                    details.since = *since;
                if (resolved)
                    details.resolved_on = *resolved;
                if (args->note.given())
                    details.note = args->note.value;
            },
            args->correction.correction());
        if (context.format() == Format::json)
            context.print_json(render::to_json(amended));
        else
            context.print(visible(fmt::format("condition {} amended (revision {}): {}", amended.id,
                                              amended.revision.number,
                                              render::condition_text(amended.details))) +
                          "\n");
    });

    struct VoidArgs {
        std::string record;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = condition->add_subcommand(
        "void", "void a condition entered in error (it stays in the record, marked void)");
    voiding->add_option("CONDITION", void_args->record, "condition number")->required();
    void_args->correction.add_to(voiding, "why it was entered in error");
    voiding->callback([&context, args = void_args] {
        context.forbid_csv("condition void");
        const auto voided =
            records::void_condition(context.scope(), records::parse_condition_id(args->record),
                                    args->correction.correction());
        if (context.format() == Format::json)
            context.print_json(render::to_json(voided));
        else
            context.print(visible(fmt::format("condition {} voided (revision {}): {}", voided.id,
                                              voided.revision.number,
                                              render::condition_text(voided.details))) +
                          "\n");
    });

    struct ConsentArgs {
        std::string patient, signed_on, covers, guardian;
    };
    auto consent_args = std::make_shared<ConsentArgs>();
    auto* consent = app.add_subcommand("consent", "consent on file");
    needs_command(consent);
    auto* consent_add = consent->add_subcommand("add", "record a signed consent");
    consent_add->add_option("PATIENT", consent_args->patient, "chart code")->required();
    consent_add->add_option("--signed", consent_args->signed_on, "signed on, YYYY-MM-DD")
        ->required();
    consent_add
        ->add_option("--covers", consent_args->covers,
                     "what it covers, codes separated by spaces or commas: " +
                         allowed_codes<ConsentScope>() + " (default: microneedling serums)")
        ->check(non_empty());
    consent_add
        ->add_option("--guardian", consent_args->guardian,
                     "the parent or guardian who signed for a minor")
        ->check(non_empty());
    consent_add->callback([&context, args = consent_args] {
        context.forbid_csv("consent add");
        ConsentDetails details{
            time::parse_date(args->signed_on, "signed"),
            parse_consent_scopes(args->covers.empty() ? "microneedling serums" : args->covers),
            args->guardian, std::nullopt};
        const auto added = records::add_consent(context.scope(), args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("consent {} on file for {}, signed {}{}, covers {}\n",
                                      added.id, args->patient, time::format_date(details.signed_on),
                                      details.guardian.empty()
                                          ? std::string()
                                          : fmt::format(" by {} (guardian)", details.guardian),
                                      details.covers));
    });

    struct WithdrawArgs {
        std::string consent, on, reason;
    };
    auto withdraw_args = std::make_shared<WithdrawArgs>();
    auto* withdraw =
        consent->add_subcommand("withdraw", "record that the patient withdrew a consent");
    withdraw->add_option("CONSENT", withdraw_args->consent, "consent number")->required();
    withdraw->add_option("--on", withdraw_args->on, "withdrawn on, YYYY-MM-DD")->required();
    withdraw->add_option("--reason", withdraw_args->reason, "why, as the patient said")->required();
    withdraw->callback([&context, args = withdraw_args] {
        context.forbid_csv("consent withdraw");
        const auto on = time::parse_date(args->on, "on");
        const auto id = records::parse_consent_id(args->consent);
        const auto withdrawn = records::withdraw_consent(context.scope(), id, on, args->reason);
        if (context.format() == Format::json)
            context.print_json(render::to_json(withdrawn));
        else
            context.print(fmt::format("consent {} withdrawn on {}: from that day neither it nor "
                                      "a consent signed before it covers {}\n",
                                      withdrawn.id, time::format_date(on),
                                      fmt::join(withdrawn.details.scopes(), " ")));
    });

    struct ConsentAmendArgs {
        std::string consent;
        TextOption signed_on, covers, guardian;
        CorrectionOptions correction;
    };
    auto consent_amend_args = std::make_shared<ConsentAmendArgs>();
    auto* consent_amend = consent->add_subcommand(
        "amend", "correct a consent on file (kept as a revision, with the reason)");
    consent_amend
        ->add_option("CONSENT", consent_amend_args->consent,
                     "consent number (printed by 'consent add' and 'patient show')")
        ->required();
    add_text(consent_amend, "--signed", consent_amend_args->signed_on, "signed on, YYYY-MM-DD");
    add_text(consent_amend, "--covers", consent_amend_args->covers,
             "what it covers, codes separated by spaces or commas: " +
                 allowed_codes<ConsentScope>());
    add_text(consent_amend, "--guardian", consent_amend_args->guardian,
             "the parent or guardian who signed for a minor, or none");
    consent_amend_args->correction.add_to(consent_amend, "why the record changes");
    consent_amend->callback([&context, args = consent_amend_args] {
        context.forbid_csv("consent amend");
        require_a_field("consent amend", {&args->signed_on, &args->covers, &args->guardian});
        const auto id = records::parse_consent_id(args->consent);
        std::optional<time::Date> signed_on;
        if (args->signed_on.given())
            signed_on = time::parse_date(args->signed_on.value, "signed");
        std::optional<std::string> covers;
        if (args->covers.given())
            covers = parse_consent_scopes(args->covers.value);
        if (args->guardian.given() && args->guardian.value != "none") {
            if (args->guardian.value.find_first_not_of(" \t") == std::string::npos)
                throw ValidationError("guardian", "guardian must name who signed for the "
                                                  "patient; --guardian none takes it away");
            check_text("guardian", args->guardian.value, 200, true);
        }
        const auto amended = records::amend_consent(
            context.scope(), id,
            [&](ConsentDetails& details) {
                if (signed_on)
                    details.signed_on = *signed_on;
                if (covers)
                    details.covers = *covers;
                if (args->guardian.given())
                    details.guardian =
                        args->guardian.value == "none" ? std::string() : args->guardian.value;
            },
            args->correction.correction());
        if (context.format() == Format::json)
            context.print_json(render::to_json(amended));
        else
            context.print(visible(fmt::format("consent {} amended (revision {}): {}", amended.id,
                                              amended.revision.number,
                                              render::consent_text(amended.details))) +
                          "\n");
    });

    auto consent_void_args = std::make_shared<VoidArgs>();
    auto* consent_void = consent->add_subcommand(
        "void", "void a consent entered in error (it stays in the record, marked void)");
    consent_void->add_option("CONSENT", consent_void_args->record, "consent number")->required();
    consent_void_args->correction.add_to(consent_void, "why it was entered in error");
    consent_void->callback([&context, args = consent_void_args] {
        context.forbid_csv("consent void");
        const auto voided =
            records::void_consent(context.scope(), records::parse_consent_id(args->record),
                                  args->correction.correction());
        if (context.format() == Format::json)
            context.print_json(render::to_json(voided));
        else
            context.print(
                visible(fmt::format("consent {} voided (revision {}): {}", voided.id,
                                    voided.revision.number, render::consent_text(voided.details))) +
                "\n");
    });
}

} // namespace needlebook::cli
