#pragma once
// Cross-field checks of the annual return, defined as data: a small table of rules (kChecks in
// checks.cpp), each an operation from a fixed set applied to catalogue field codes with one
// parameter. Errors block submission; a warning blocks it until the filer writes an explanation
// for it (keyed by Finding::key). The table is a constexpr list rather than a rule-set file so
// the standards engine's loader never mistakes it for a recognition rule set.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/returns/catalogue.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::domain::returns {

enum class Severity { kError, kWarning };
std::string_view SeverityName(Severity s);  // "error" | "warning"

enum class CheckOp {
  kRequired,        // each field of `fields` is filled (one finding per missing field)
  kPartsWithin,     // sum(fields) <= total + param
  kAtLeastTimes,    // fields[0] >= param × total (skipped when either is empty)
  kPerUnitAtLeast,  // fields[0] / total >= param when both are > 0 (money in fen)
  kRowCount,        // the number of incubatee rows not marked graduated (I10) equals `total`
  kRowSum,          // the sum of fields[0] over non-graduated rows is within ±param of `total`
  kYearOverYear,    // per field: this year / last year within [1/param, param] (last > 0)
  kUnitSlip,        // per field: this/last or last/this within [param/2, param×2] (last > 0)
  kRowRequired,     // per row: each field is filled
  kRowRequiredIf,   // per row: each field is filled when the row's `total` bool is true
  kRowPartsWithin,  // per row: sum(fields) <= the row's `total` + param
};

// One rule. `fields` is a comma-separated list of catalogue codes; messages take {0} (the
// observed value), {1} (the bound) and {2} (the field's Chinese or English name).
struct CheckDef {
  std::string_view id;
  Severity severity;
  CheckOp op;
  std::string_view fields;
  std::string_view total;
  double param;
  std::string_view message_zh;
  std::string_view message_en;
};

std::span<const CheckDef> Checks();

// One failed check. `key` identifies the instance an explanation answers: the check id, plus
// ":<field>" for per-field checks and "@<row_id>" for per-row checks.
struct Finding {
  std::string check_id;
  Severity severity = Severity::kError;
  std::string key;
  Id row_id = 0;
  std::string field;  // the field the finding is about, when there is one
  std::string message_zh;
  std::string message_en;
};

// Runs every check on `r` (carrier form and incubatee rows); `last_year` is the carrier form of
// the previous year's return, or null when there is none.
std::vector<Finding> RunChecks(const AnnualReturn& r, const Values* last_year);

// The findings that stop a submission: every error, and every warning whose explanation in
// `explanations` is missing or blank.
std::vector<Finding> Blockers(const std::vector<Finding>& findings,
                              const std::map<std::string, std::string>& explanations);

// kInvalid "return_checks_failed" listing the blockers (details: "errors", "unexplained" as
// comma-separated keys), or success when there are none.
core::Status CheckSubmittable(const AnnualReturn& r, const Values* last_year);

}  // namespace incunet::domain::returns
