#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/render/wrap.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// ", 1 course moved, 2 scores moved": what a merge moved besides the three always named.
std::string more_moved(const records::MergeResult& merged) {
    std::string text;
    if (merged.courses > 0)
        text += fmt::format(", {} moved", render::counted(merged.courses, "course"));
    if (merged.scores > 0)
        text += fmt::format(", {} moved", render::counted(merged.scores, "score"));
    if (merged.photos > 0)
        text += fmt::format(", {} moved", render::counted(merged.photos, "photo"));
    return text;
}

// The fields of 'patient add', shared by 'patient amend' where each one is optional.
struct PatientOptions {
    TextOption family, given, born, fitzpatrick, phone, email, note;

    void add_to(CLI::App* command, bool required) {
        auto* f = add_text(command, "--family", family, "family name");
        auto* g = add_text(command, "--given", given, "given name");
        auto* b = add_text(command, "--born", born, "birth date, YYYY-MM-DD");
        if (required) {
            f->required();
            g->required();
            b->required();
        }
        add_text(command, "--fitzpatrick", fitzpatrick, "skin type, 1-6 or I-VI");
        add_text(command, "--phone", phone, "phone number");
        add_text(command, "--email", email, "email address");
        add_text(command, "--note", note, "free-text note");
    }

    // Applies the options that were given on top of `details`.
    PatientDetails apply(PatientDetails details) const {
        if (family.given())
            details.family_name = family.value;
        if (given.given())
            details.given_name = given.value;
        if (born.given())
            details.birth_date = time::parse_date(born.value, "born");
        if (fitzpatrick.given())
            details.fitzpatrick = fitzpatrick.value.empty()
                                      ? std::nullopt
                                      : std::optional(parse_fitzpatrick(fitzpatrick.value));
        if (phone.given())
            details.phone = phone.value;
        if (email.given())
            details.email = email.value;
        if (note.given())
            details.note = note.value;
        return details;
    }
};

void print_patient(Context& context, const Patient& patient, const std::string& verb) {
    if (context.format() == Format::json)
        context.print_json(render::to_json(patient));
    else
        context.print(fmt::format("patient {} {}: {}\n", visible(patient.code), verb,
                                  visible(render::patient_name(patient.details))));
}

void write_patients_csv(const std::vector<Patient>& patients) {
    render::CsvWriter csv(std::cout);
    csv.write_header({"code", "family_name", "given_name", "birth_date", "fitzpatrick", "phone",
                      "email", "note", "revision"});
    for (const auto& p : patients)
        csv.write_row({{p.code},
                       {p.details.family_name},
                       {p.details.given_name},
                       {time::format_date(p.details.birth_date), true},
                       {p.details.fitzpatrick ? std::to_string(*p.details.fitzpatrick) : "", true},
                       {p.details.phone},
                       {p.details.email},
                       {p.details.note},
                       {std::to_string(p.revision.number), true}});
}

} // namespace

void add_patient_commands(CLI::App& app, Context& context) {
    auto* patient = app.add_subcommand("patient", "register, list, show and amend patients");
    needs_command(patient);

    auto* add = patient->add_subcommand("add", "register a patient");
    struct AddArgs {
        PatientOptions fields;
        std::string code;
    };
    auto add_args = std::make_shared<AddArgs>();
    add_args->fields.add_to(add, true);
    add->add_option("--code", add_args->code, "chart code (default: the next free P-000123)")
        ->check(non_empty());
    add->callback([&context, args = add_args] {
        context.forbid_csv("patient add");
        auto& scope = context.scope();
        const auto details = args->fields.apply({});
        const auto patient = records::register_patient(
            scope, args->code.empty() ? std::nullopt : std::optional(args->code), details);
        for (const auto& other : records::possible_duplicates(scope, patient))
            context.warn(fmt::format("{} has the same name and birth date; if this is the same "
                                     "person, keep one chart: 'needlebook patient merge {} --into "
                                     "{} --reason …'",
                                     other.code, patient.code, other.code));
        print_patient(context, patient, "registered");
    });

    auto* list = patient->add_subcommand("list", "list patients");
    auto search = std::make_shared<std::string>();
    list->add_option("--search", *search, "part of the code or a name");
    list->callback([&context, search] {
        context.format(); // a wrong --format is refused before the read is audited
        const auto patients = records::list_patients(context.scope(), *search);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& p : patients)
                array.push_back(render::to_json(p));
            context.print_json(array);
        } else if (context.format() == Format::csv) {
            write_patients_csv(patients);
        } else if (patients.empty()) {
            context.print("no patients\n");
        } else {
            context.print(render::patient_table(patients).render(context.color_stdout()));
        }
    });

    auto* show = patient->add_subcommand("show", "show a patient's record");
    auto show_code = std::make_shared<std::string>();
    show->add_option("PATIENT", *show_code, "chart code")->required();
    show->callback([&context, show_code] {
        context.format(); // a wrong --format is refused before the read is audited
        auto& scope = context.scope();
        auto& db = scope.db();
        // Read and audited in one transaction: the audit row names the revision shown.
        const auto [patient, conditions, consents, sessions] = db.write([&] {
            auto patient = records::find_patient(db, *show_code);
            storage::SessionFilter filter;
            filter.patient = patient.id;
            filter.include_voided = true;
            auto shown = std::tuple(patient, records::conditions_of(db, patient.id),
                                    records::consents_of(db, patient.id),
                                    records::list_sessions(db, filter));
            records::audit_read(scope, "patient.show", "patient", patient.id.value,
                                patient.id.value, patient.revision.number);
            return shown;
        });
        const auto& zone = scope.zone();
        if (context.format() == Format::json) {
            auto json = render::to_json(patient);
            json["conditions"] = nlohmann::ordered_json::array();
            for (const auto& c : conditions)
                json["conditions"].push_back(render::to_json(c));
            json["consents"] = nlohmann::ordered_json::array();
            for (const auto& c : consents)
                json["consents"].push_back(render::to_json(c));
            json["sessions"] = nlohmann::ordered_json::array();
            for (const auto& s : sessions)
                json["sessions"].push_back(s.id.value);
            context.print_json(json);
        } else if (context.format() == Format::csv) {
            write_patients_csv({patient});
        } else {
            context.print(render::patient_text(patient, conditions, consents, sessions, zone));
        }
    });

    auto* amend = patient->add_subcommand("amend", "amend a patient's record (kept as a revision)");
    struct AmendArgs {
        PatientOptions fields;
        std::string code;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    amend->add_option("PATIENT", amend_args->code, "chart code")->required();
    amend_args->correction.add_to(amend, "why the record changes");
    amend_args->fields.add_to(amend, false);
    amend->callback([&context, args = amend_args] {
        context.forbid_csv("patient amend");
        auto& scope = context.scope();
        const auto current = records::find_patient(scope.db(), args->code);
        const auto correction = args->correction.correction();
        const auto patient = records::amend_patient(
            scope, args->code, args->fields.apply(current.details), correction.reason,
            correction.based_on.value_or(current.revision.number));
        print_patient(context, patient,
                      fmt::format("amended (revision {})", patient.revision.number));
    });

    struct VoidArgs {
        std::string code;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = patient->add_subcommand(
        "void", "void a chart registered in error (it stays in the record, marked void)");
    voiding->add_option("PATIENT", void_args->code, "chart code")->required();
    void_args->correction.add_to(voiding, "why the chart was registered in error");
    voiding->callback([&context, args = void_args] {
        context.forbid_csv("patient void");
        const auto voided =
            records::void_patient(context.scope(), args->code, args->correction.correction());
        print_patient(context, voided, fmt::format("voided (revision {})", voided.revision.number));
    });

    struct MergeArgs {
        std::string duplicate, into;
        CorrectionOptions correction;
    };
    auto merge_args = std::make_shared<MergeArgs>();
    auto* merge = patient->add_subcommand(
        "merge", "merge a duplicate chart into the patient's chart: its records move there");
    merge->add_option("DUPLICATE", merge_args->duplicate, "chart code of the duplicate")
        ->required();
    merge->add_option("--into", merge_args->into, "chart code that keeps the records")->required();
    merge_args->correction.add_to(merge, "why the charts are the same person");
    merge->callback([&context, args = merge_args] {
        context.forbid_csv("patient merge");
        const auto merged = records::merge_patient(context.scope(), args->duplicate, args->into,
                                                   args->correction.correction());
        if (context.format() == Format::json) {
            auto json = render::to_json(merged.duplicate);
            json["merged_into"] = merged.into.code;
            json["moved"] = {{"conditions", merged.conditions}, {"consents", merged.consents},
                             {"sessions", merged.sessions},     {"courses", merged.courses},
                             {"scores", merged.scores},         {"photos", merged.photos}};
            json["warnings"] = merged.warnings;
            context.print_json(json);
        } else {
            context.print(
                visible(
                    fmt::format("patient {} merged into {} (revision {}): {} moved, {} moved, {} "
                                "moved",
                                merged.duplicate.code, merged.into.code,
                                merged.duplicate.revision.number,
                                render::counted(merged.conditions, "condition"),
                                render::counted(merged.consents, "consent"),
                                render::counted(merged.sessions, "session")) +
                    more_moved(merged)) +
                "\n");
        }
        for (const auto& warning : merged.warnings)
            context.warn(warning);
    });
}

} // namespace needlebook::cli
