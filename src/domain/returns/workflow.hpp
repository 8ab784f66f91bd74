#pragma once
// The review workflow of the annual return: draft → submitted → county → city → province →
// national (accepted), each level able to send it back to the carrier (returned, editable,
// resubmittable). Levels that do not exist above a carrier are skipped; the path is computed
// from the region tree (review_path) and fixed when the return is submitted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::domain::returns {

// A region on the way from a carrier's site to the root: code and level ("province", "city",
// "county", "zone"), root first, the region itself last.
struct RegionNode {
  std::string code;
  std::string level;
};

// The stops a return of a carrier passes, lowest first, always ending with national:
//  - an ordinary county: county → city → province → national;
//  - a municipal district of 北京/天津/上海/重庆 (its parent is the province): no city level;
//  - a 省直辖 county-level unit (仙桃, 济源 …; parent is the province): no city level;
//  - a county-less city (东莞, 中山, 儋州, 嘉峪关; the site is the city itself): no county level;
//  - a carrier in a functional zone (`zone_chain` not empty): reviewed by the zone's city, so
//    no county level (and no city level when the zone hangs directly under a province).
// `site_chain` must end with the carrier's site region.
std::vector<ReviewStop> ReviewPath(const std::vector<RegionNode>& site_chain,
                                   const std::vector<RegionNode>& zone_chain);

// "county:440305;city:4403;province:44;national:" and back (DecodePath skips malformed parts).
std::string EncodePath(const std::vector<ReviewStop>& path);
std::vector<ReviewStop> DecodePath(std::string_view text);

// The level a reviewer acts at: national admins at "national", region admins by the length of
// their scope prefix (2 province, 4 city, 6 county); nullopt for anything else.
std::optional<std::string> ReviewerLevel(bool national_admin, std::string_view region_prefix);

// Whether a return may still be edited by the filer (draft or returned).
bool IsEditableStatus(std::string_view status);
inline bool IsEditable(const AnnualReturn& r) { return IsEditableStatus(r.status); }

// Moves `r` to submitted at the first stop of `path`. Fails with kInvalid "illegal_transition"
// unless it is a draft or returned, and "empty_review_path" when `path` is empty.
core::Status Submit(AnnualReturn& r, const std::vector<ReviewStop>& path);

// The reviewer at (`level`, `prefix`) approves: the return moves to the next stop, or to
// accepted after the national stop. kForbidden "not_your_review_level" when the return is not
// waiting at this reviewer's stop; kInvalid "illegal_transition" when it is not submitted.
core::Status Approve(AnnualReturn& r, std::string_view level, std::string_view prefix);

// The reviewer at (`level`, `prefix`) sends the return back to the carrier. The reason is
// required (kInvalid "reason_required"); same errors as Approve otherwise.
core::Status SendBack(AnnualReturn& r, std::string_view level, std::string_view prefix,
                      std::string_view reason);

// Whether a submission on `today` is inside the filing window. A return that was sent back by
// a reviewer may always be resubmitted (it was filed in time once); otherwise `today` must lie
// within [opens_on, closes_on] or on or before `reopened_until`. No deadline: always open.
// Fails with kInvalid "filing_not_open" or "filing_closed" naming the dates.
core::Status CheckFilingWindow(const AnnualReturn& r, const std::optional<Deadline>& deadline,
                               std::string_view today);

}  // namespace incunet::domain::returns
