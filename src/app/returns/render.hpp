#pragma once
// The return as people read it, rendered from the field catalogue: sheets for the Excel export
// (money in 千元) and a printable HTML page in the layout of the paper form.
#include <string>
#include <vector>

#include "app/returns/service.hpp"

namespace incunet::app::returns {

// A plain table (the HTTP layer hands it to export/table.hpp).
struct Sheet {
  std::string name;
  std::vector<std::string> headers;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
};

// The carrier form: section, code, item, unit, number (千元 / m² / persons) and text columns.
Sheet CarrierSheet(const ret::AnnualReturn& r);
// The per-incubatee form: one row per incubatee, one column per catalogue field.
Sheet IncubateeSheet(const ret::AnnualReturn& r);

// A self-contained HTML page (inline print stylesheet, A4) with both forms, the checks and
// their explanations, and the review steps.
std::string PrintHtml(const ReturnView& v, const std::vector<ret::ReviewEvent>& reviews);

std::string HtmlEscape(const std::string& s);

}  // namespace incunet::app::returns
