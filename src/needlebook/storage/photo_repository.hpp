#pragma once
// All SQL for photo records: the image's identity row and the revisions that say whose photo
// it is, which view, when. A revision names its patient itself; a merge adds one naming the
// chart the photo moved to.

#include "needlebook/model/photo.hpp"
#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// One stored image as `check` sees it: the record's id, what the store must hold, and the
// chart its current revision names.
struct StoredImage {
    PhotoId id;
    PhotoImage image;
    std::string patient_code;
};

class PhotoRepository {
public:
    explicit PhotoRepository(Database& db) : m_db(db) {}

    // The identity row and revision 1; `id` for an import that keeps the ids it reads.
    PhotoId insert(PatientId patient, const PhotoImage& image, const PhotoDetails& details,
                   const RevisionInfo& revision, std::optional<std::int64_t> id = std::nullopt);
    void add_revision(PhotoId id, PatientId patient, const PhotoDetails& details,
                      const RevisionInfo& revision);
    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Photo> find(PhotoId id);
    // Current revisions that name `patient`, voided ones left out, by the day taken.
    std::vector<Photo> for_patient(PatientId patient);
    // Current revisions taken at `session`, voided ones left out, by id.
    std::vector<Photo> for_session(SessionId session);
    // Current revisions of the photos of the image `sha256`, voided ones left out, by id.
    std::vector<Photo> with_image(std::string_view sha256);
    // Every revision of each photo whose current revision names `patient`, voided ones too,
    // by photo and revision: for histories and merges.
    std::vector<Photo> revisions_for_patient(PatientId patient);
    // Every stored photo, voided ones too, by id; `visit` is called as the rows are read.
    void for_each_image(const std::function<void(const StoredImage&)>& visit);

private:
    Database& m_db;
};

} // namespace needlebook::storage
