#pragma once
// The annual statistical return (火炬统计年报): one per carrier and year, with the carrier form
// (科技企业孵化器运营综合情况 / 众创空间综合运行情况) and one row per incubatee of the
// 在孵(毕业)企业情况表. Values are kept as canonical text keyed by the catalogue's field code
// (catalogue.hpp says how each type is written); the review path and workflow live beside them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace incunet::domain::returns {

using Id = std::int64_t;

// Workflow statuses. A submitted return waits at `pending_level` of its review path.
inline constexpr const char* kStatusDraft = "draft";
inline constexpr const char* kStatusSubmitted = "submitted";
inline constexpr const char* kStatusReturned = "returned";
inline constexpr const char* kStatusAccepted = "accepted";

// Review levels, lowest first. The level of a region admin follows from the length of its scope
// prefix (6 county, 4 city, 2 province); the national admin reviews at the national level.
inline constexpr const char* kLevelCounty = "county";
inline constexpr const char* kLevelCity = "city";
inline constexpr const char* kLevelProvince = "province";
inline constexpr const char* kLevelNational = "national";

// One stop on a return's way up the region tree: the level and the scope prefix of the
// reviewers there ("440305", "4403", "44"; empty for national).
struct ReviewStop {
  std::string level;
  std::string region_prefix;
  friend bool operator==(const ReviewStop&, const ReviewStop&) = default;
};

// Values by field code, canonical text (see catalogue.hpp).
using Values = std::map<std::string, std::string>;

// A row of the per-incubatee form. `row_id` is the enterprise id, so a row follows its firm.
struct IncubateeRow {
  Id row_id = 0;
  Values values;
};

struct AnnualReturn {
  Id id = 0;
  Id carrier_id = 0;
  int year = 0;              // the statistical year reported on
  std::string kind;          // the carrier's kind when created; deadlines are per kind
  std::string carrier_name;  // filled on read
  std::string region_code;   // the carrier's site, filled on read
  std::string status = kStatusDraft;
  std::string pending_level;   // while submitted: the level it waits at
  std::string pending_prefix;  // while submitted: the scope prefix of that level's reviewers
  std::vector<ReviewStop> review_path;              // fixed at submission
  std::optional<std::string> reopened_until;        // a national admin's extension of the window
  Values values;                                    // the carrier form
  std::vector<IncubateeRow> incubatees;             // the per-incubatee form
  std::map<std::string, std::string> explanations;  // warning key → the filer's explanation
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::string submitted_at;
  std::string accepted_at;
};

// One change of one value. `row_id` 0 is the carrier form, a positive id an incubatee row and
// -1 a warning explanation (then `code` is the warning key). Empty optionals mean "no value".
struct ValueChange {
  Id return_id = 0;
  Id row_id = 0;
  std::string code;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  Id actor_id = 0;
  std::string actor_login;
  std::string at;
  std::string request_id;
  std::string source;  // "" for an edit of the form, "import:<job id>" for a bulk import
};
inline constexpr Id kExplanationRow = -1;

// One workflow step: submit, approve, return (to the carrier), accept (national approval) or
// reopen (a national admin extends the filing window for this return).
struct ReviewEvent {
  Id id = 0;
  Id return_id = 0;
  std::string decision;
  std::string level;          // the level acting: carrier | county | city | province | national
  std::string region_prefix;  // the reviewer's prefix at that level
  std::string reason;         // required for return and reopen
  Id actor_id = 0;
  std::string actor_login;
  std::string at;
};

// The filing window of a statistical year for one carrier kind.
struct Deadline {
  int year = 0;
  std::string kind;
  std::string opens_on;   // YYYY-MM-DD
  std::string closes_on;  // YYYY-MM-DD, inclusive
};

}  // namespace incunet::domain::returns
