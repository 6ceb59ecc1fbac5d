#include "needlebook/storage/photo_repository.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

constexpr std::string_view select_photo_revision =
    "SELECT i.id, r.patient_id, i.sha256, i.bytes, i.media_type, i.file_name, r.view, "
    "r.taken_on, r.session_id, r.note, r.override_reason, r.revision, r.author, r.recorded_at, "
    "r.reason, r.voided FROM photo_revision r JOIN photo i ON i.id = r.photo_id ";
// The current revision: the unique (photo_id, revision) index finds the newest.
constexpr std::string_view is_current = "r.revision = (SELECT max(revision) FROM photo_revision "
                                        "WHERE photo_id = r.photo_id)";

PhotoImage read_image(Statement& row, int first) {
    PhotoImage image;
    image.sha256 = row.column(first).as_text();
    image.bytes = row.column(first + 1).as_int64();
    image.type = image_type_of_media(row.column(first + 2).as_text()).value_or(ImageType::jpeg);
    image.file_name = row.column(first + 3).as_text();
    return image;
}

Photo read_photo(Statement& row) {
    Photo photo;
    photo.id = PhotoId{row.column(0).as_int64()};
    photo.patient_id = PatientId{row.column(1).as_int64()};
    photo.image = read_image(row, 2);
    auto& details = photo.details;
    details.view = read_code<PhotoView>(row.column(6));
    details.taken_on = read_date(row.column(7));
    if (!row.column(8).is_null())
        details.session = SessionId{row.column(8).as_int64()};
    details.note = row.column(9).as_text();
    details.override_reason = row.column(10).as_text();
    photo.revision = read_revision(row, 11);
    return photo;
}

std::vector<Photo> read_all(Statement& query) {
    std::vector<Photo> photos;
    while (query.step())
        photos.push_back(read_photo(query));
    return photos;
}

} // namespace

PhotoId PhotoRepository::insert(PatientId patient, const PhotoImage& image,
                                const PhotoDetails& details, const RevisionInfo& revision,
                                std::optional<std::int64_t> wanted) {
    auto identity =
        m_db.query("INSERT INTO photo (id, sha256, bytes, media_type, file_name, "
                   "created_at) VALUES (:id, :sha256, :bytes, :media, :name, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":sha256", image.sha256);
    identity->bind(":bytes", image.bytes);
    identity->bind(":media", std::string(media_type(image.type)));
    identity->bind(":name", image.file_name);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const PhotoId id{identity->exec_returning_id()};
    add_revision(id, patient, details, revision);
    return id;
}

void PhotoRepository::add_revision(PhotoId id, PatientId patient, const PhotoDetails& details,
                                   const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO photo_revision (photo_id, revision, patient_id, view, taken_on, session_id, "
        "note, override_reason, voided, author, recorded_at, reason) VALUES (:id, :revision, "
        ":patient, :view, :taken, :session, :note, :override, :voided, :author, :recorded_at, "
        ":reason)");
    insert->bind(":id", id.value);
    insert->bind(":patient", patient.value);
    bind_code(*insert, ":view", details.view);
    bind_date(*insert, ":taken", details.taken_on);
    if (details.session)
        insert->bind(":session", details.session->value);
    else
        insert->bind(":session");
    insert->bind(":note", details.note);
    insert->bind(":override", details.override_reason);
    bind_revision(*insert, revision);
    insert->exec();
}

std::optional<Photo> PhotoRepository::find(PhotoId id) {
    auto query = m_db.query(
        fmt::format("{}WHERE r.photo_id = :id AND {}", select_photo_revision, is_current));
    query->bind(":id", id.value);
    if (!query->step())
        return std::nullopt;
    return read_photo(*query);
}

std::vector<Photo> PhotoRepository::for_patient(PatientId patient) {
    auto query = m_db.query(fmt::format("{}WHERE r.patient_id = :patient AND {} AND r.voided = 0 "
                                        "ORDER BY r.taken_on, i.id",
                                        select_photo_revision, is_current));
    query->bind(":patient", patient.value);
    return read_all(*query);
}

std::vector<Photo> PhotoRepository::for_session(SessionId session) {
    auto query = m_db.query(
        fmt::format("{}WHERE r.session_id = :session AND {} AND r.voided = 0 ORDER BY i.id",
                    select_photo_revision, is_current));
    query->bind(":session", session.value);
    return read_all(*query);
}

std::vector<Photo> PhotoRepository::with_image(std::string_view sha256) {
    auto query = m_db.query(fmt::format("{}WHERE i.sha256 = :sha256 AND {} AND r.voided = 0 "
                                        "ORDER BY i.id",
                                        select_photo_revision, is_current));
    query->bind(":sha256", std::string(sha256));
    return read_all(*query);
}

std::vector<Photo> PhotoRepository::revisions_for_patient(PatientId patient) {
    auto query =
        m_db.query(fmt::format("{}WHERE {} ORDER BY i.id, r.revision", select_photo_revision,
                               now_naming("photo", "i", ":patient")));
    query->bind(":patient", patient.value);
    return read_all(*query);
}

void PhotoRepository::for_each_image(const std::function<void(const StoredImage&)>& visit) {
    auto query = m_db.query(
        "SELECT i.id, p.code, i.sha256, i.bytes, i.media_type, i.file_name FROM photo i JOIN "
        "photo_revision r ON r.photo_id = i.id AND r.revision = (SELECT max(revision) FROM "
        "photo_revision WHERE photo_id = i.id) JOIN patient p ON p.id = r.patient_id ORDER BY "
        "i.id");
    while (query->step())
        visit({PhotoId{query->column(0).as_int64()}, read_image(*query, 2),
               query->column(1).as_text()});
}

} // namespace needlebook::storage
