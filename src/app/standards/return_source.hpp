#pragma once
// The annual return as an indicator source: the carrier's latest return accepted at the national
// level (the last stop of every review path) for the evaluation date's year or earlier. Its form
// items map to the engine's indicators through the table in return_source.cpp; money is
// converted from fen to yuan, and every value names its return and item, e.g.
// "2025年度统计年报 (已受理) 表项 Tdf7f00". Items the return leaves empty fall through to the
// next source (declared facts, then registry records).
#include <optional>
#include <string>
#include <vector>

#include "app/standards/indicator_source.hpp"
#include "domain/returns/catalogue.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::app::standards {

// Which accepted return an indicator is read from.
enum class ReturnPick {
  kLatest,              // the latest accepted return
  kBeforeLatest,        // the return of the year before the latest one (a prior-year comparison)
  kYearBeforeDate,      // the return of the evaluation year − 1 ("上年度")
  kTwoYearsBeforeDate,  // the return of the evaluation year − 2 ("前年度")
};

// One indicator read from the carrier form: the sum of `codes` (all must be present). With
// `counted_in`, the indicator is a part the form reports inside `codes` (rent inside 物业收入):
// its value is 0 so a rule subtracting both parts does not count it twice.
struct FormItemMapping {
  std::string indicator;
  std::vector<std::string> codes;
  ReturnPick pick = ReturnPick::kLatest;
  bool counted_in = false;
};

// One carrier indicator aggregated over the incubatee rows of the latest return, counting only
// firms still incubating (item I10 not "true") whose row carries the item; no such row, no value.
enum class RowAggregate { kCountTrue, kCountAbove, kSum };
struct IncubateeRowMapping {
  std::string indicator;
  std::string code;
  RowAggregate aggregate = RowAggregate::kSum;
  double above = 0;  // kCountAbove: rows whose value (in the form's unit, fen for money) exceeds
  ReturnPick pick = ReturnPick::kLatest;
};

const std::vector<FormItemMapping>& FormItemMappings();
const std::vector<IncubateeRowMapping>& IncubateeRowMappings();

// The value of an indicator from a form or row value, in the indicator's unit (fen → yuan for
// money); nullopt when the text is not a number of the field's type.
std::optional<double> IndicatorValueOf(const std::string& indicator,
                                       const domain::returns::FieldDef& field,
                                       const std::string& text);

// Sets the indicators the returns of one carrier give and `out` does not hold yet. `returns`
// are that carrier's accepted returns (with the mapped values), any order; `as_of_year` is the
// evaluation year.
void DeriveFromReturns(const std::vector<domain::returns::AnnualReturn>& returns, int as_of_year,
                       st::IndicatorValues& out);

class AnnualReturnSource : public IndicatorSource {
 public:
  void FillCarriers(Tx& tx, const std::vector<domain::registry::Carrier>& carriers,
                    const std::string& as_of, std::vector<st::IndicatorValues>& out) override;
  void FillIncubatees(Tx&, const std::vector<IncubateeRecord>&, const std::string&,
                      std::vector<st::IndicatorValues>&) override {}
};

}  // namespace incunet::app::standards
