#include "app/standards/return_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "app/store.hpp"
#include "domain/standards/indicators.hpp"

namespace incunet::app::standards {
namespace {

namespace ret = domain::returns;
using P = ReturnPick;
using A = RowAggregate;

// Graduates reported in the per-incubatee form are not counted among the incubatees.
constexpr const char* kGraduatedCode = "I10";

std::string SourceText(int year, const std::string& what) {
  return fmt::format("{}年度统计年报 (已受理) {}", year, what);
}

std::string Join(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes) s += (s.empty() ? "" : "+") + c;
  return s;
}

const ret::AnnualReturn* Pick(const std::map<int, const ret::AnnualReturn*>& by_year,
                              ReturnPick pick, int as_of_year) {
  if (by_year.empty()) return nullptr;
  int latest = by_year.rbegin()->first;
  int want = latest;
  switch (pick) {
    case P::kLatest:
      break;
    case P::kBeforeLatest:
      want = latest - 1;
      break;
    case P::kYearBeforeDate:
      want = as_of_year - 1;
      break;
    case P::kTwoYearsBeforeDate:
      want = as_of_year - 2;
      break;
  }
  auto it = by_year.find(want);
  return it == by_year.end() ? nullptr : it->second;
}

bool IsCny(const std::string& indicator) {
  const auto* ind = domain::standards::FindIndicator(indicator);
  return ind && ind->unit.Base() == domain::standards::Dimension::kCny;
}

}  // namespace

const std::vector<FormItemMapping>& FormItemMappings() {
  // Carrier form items (catalogue.cpp) → indicators (domain/standards/indicators.cpp).
  static const std::vector<FormItemMapping> kMap = {
      {"total_area_m2", {"Tdf7e00"}},
      // The indicator includes the public service space (在孵企业使用面积含公共服务场地).
      {"incubatee_used_area_m2", {"Tdf7e02", "Tdf7e03"}},
      {"public_service_area_m2", {"Tdf7e03"}},
      {"incubatees", {"Tdf7f00"}},
      {"teams_and_firms_under_agreement", {"Tdf7f00", "Tdf7f09"}},
      {"incubatees_financed", {"Tdf7f07"}},
      {"incubatees_high_tech", {"Tdf7f11"}},
      {"graduates_year", {"Tdf7f08"}},
      {"incubatee_employees", {"Tdf7f02"}},
      {"incubatee_revenue_cny", {"Tdf7f03"}},
      {"incubatee_revenue_prev_year_cny", {"Tdf7f03"}, P::kBeforeLatest},
      {"incubatee_rd_cny", {"Tdf7f04"}},
      {"incubatee_financing_cny", {"Tdf7f06"}},
      {"seed_fund_cny", {"Tdf7c60"}},
      {"total_staff", {"Tdf7d00"}},
      {"professional_staff", {"Tdf7d10"}},
      {"mentors", {"Tdf7d20"}},
      {"total_income_last_year_cny", {"Tdf7b00"}, P::kYearBeforeDate},
      {"total_income_prev_year_cny", {"Tdf7b00"}, P::kTwoYearsBeforeDate},
      // The form's 物业收入 is rent and property fees together.
      {"property_fee_income_last_year_cny", {"Tdf7b04"}, P::kYearBeforeDate},
      {"rent_income_last_year_cny", {"Tdf7b04"}, P::kYearBeforeDate, true},
  };
  return kMap;
}

const std::vector<IncubateeRowMapping>& IncubateeRowMappings() {
  static const std::vector<IncubateeRowMapping> kMap = {
      {"incubatees_with_mentor", "I09", A::kCountTrue},
      {"incubatees_tech_sme", "I12a", A::kCountTrue},
      {"incubatees_with_patent_application", "I25a", A::kCountAbove, 0},
      {"incubatees_with_valid_ip", "I25e", A::kCountAbove, 0},
      {"incubatee_valid_ip_items", "I25e", A::kSum},
      {"incubatee_taxes_cny", "I23", A::kSum},
      // 1000万元 = 10^9 fen.
      {"incubatees_revenue_over_10m", "I19", A::kCountAbove, 1e9},
      {"incubatees_financed_last_year", "I16", A::kCountAbove, 0, P::kYearBeforeDate},
  };
  return kMap;
}

std::optional<double> IndicatorValueOf(const std::string& indicator, const ret::FieldDef& field,
                                       const std::string& text) {
  auto v = ret::NumberOf(field, text);
  if (!v) return std::nullopt;
  if (field.type == ret::FieldType::kMoney && IsCny(indicator)) return *v / 100.0;
  return v;
}

void DeriveFromReturns(const std::vector<ret::AnnualReturn>& returns, int as_of_year,
                       st::IndicatorValues& out) {
  std::map<int, const ret::AnnualReturn*> by_year;
  for (const auto& r : returns)
    if (r.year <= as_of_year) by_year[r.year] = &r;
  for (const auto& m : FormItemMappings()) {
    if (out.values.count(m.indicator)) continue;
    const auto* r = Pick(by_year, m.pick, as_of_year);
    if (!r) continue;
    double sum = 0;
    bool complete = true;
    for (const auto& code : m.codes) {
      const auto* f = ret::FindField(ret::Form::kCarrier, code);
      auto it = r->values.find(code);
      std::optional<double> v;
      if (f && it != r->values.end()) v = IndicatorValueOf(m.indicator, *f, it->second);
      if (!v) {
        complete = false;
        break;
      }
      sum += *v;
    }
    if (!complete) continue;
    std::string what = "表项 " + Join(m.codes);
    if (m.counted_in) what += " (已含于该项)";
    out.Set(m.indicator, m.counted_in ? 0 : sum, SourceText(r->year, what));
  }
  for (const auto& m : IncubateeRowMappings()) {
    if (out.values.count(m.indicator)) continue;
    const auto* r = Pick(by_year, m.pick, as_of_year);
    if (!r) continue;
    const auto* f = ret::FindField(ret::Form::kIncubatee, m.code);
    if (!f) continue;
    double value = 0;
    int rows = 0;
    for (const auto& row : r->incubatees) {
      auto g = row.values.find(kGraduatedCode);
      if (g != row.values.end() && g->second == "true") continue;
      // A row without the item says nothing about it (not "no").
      auto it = row.values.find(m.code);
      if (it == row.values.end()) continue;
      ++rows;
      switch (m.aggregate) {
        case A::kCountTrue:
          value += it->second == "true";
          break;
        case A::kCountAbove: {
          auto v = ret::NumberOf(*f, it->second);
          value += v && *v > m.above;
          break;
        }
        case A::kSum:
          value += IndicatorValueOf(m.indicator, *f, it->second).value_or(0);
          break;
      }
    }
    if (rows == 0) continue;
    out.Set(m.indicator, value,
            SourceText(r->year, fmt::format("在孵企业表 {} ({}行)", m.code, rows)));
  }
}

void AnnualReturnSource::FillCarriers(Tx& tx,
                                      const std::vector<domain::registry::Carrier>& carriers,
                                      const std::string& as_of,
                                      std::vector<st::IndicatorValues>& out) {
  int year = 0;
  if (as_of.size() < 4 || std::from_chars(as_of.data(), as_of.data() + 4, year).ec != std::errc() ||
      year <= 0)
    return;
  std::map<Id, std::size_t> index;
  std::vector<Id> ids;
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    index[carriers[i].id] = i;
    ids.push_back(carriers[i].id);
  }
  auto headers = tx.returns().AcceptedHeaders(ids, year);
  if (headers.empty()) return;
  // Only the returns some mapping can pick are loaded: the latest, the one before it and the
  // two before the evaluation year.
  std::map<Id, std::map<int, std::size_t>> by_carrier;
  for (std::size_t i = 0; i < headers.size(); ++i)
    by_carrier[headers[i].carrier_id][headers[i].year] = i;
  std::map<Id, std::vector<std::size_t>> wanted_of;
  std::vector<Id> wanted;
  for (const auto& [carrier, years] : by_carrier) {
    int latest = years.rbegin()->first;
    for (int y : std::set<int>{latest, latest - 1, year - 1, year - 2})
      if (auto it = years.find(y); it != years.end()) {
        wanted_of[carrier].push_back(it->second);
        wanted.push_back(headers[it->second].id);
      }
  }
  std::set<std::string> codes;
  for (const auto& m : FormItemMappings()) codes.insert(m.codes.begin(), m.codes.end());
  for (const auto& m : IncubateeRowMappings()) codes.insert(m.code);
  codes.insert(kGraduatedCode);
  auto values = tx.returns().ValuesOf(wanted, {codes.begin(), codes.end()});

  for (const auto& [carrier, picked] : wanted_of) {
    auto at = index.find(carrier);
    if (at == index.end()) continue;
    std::vector<ret::AnnualReturn> mine;
    for (std::size_t i : picked) {
      ret::AnnualReturn r = headers[i];
      if (auto v = values.find(r.id); v != values.end()) {
        r.values = std::move(v->second.values);
        r.incubatees = std::move(v->second.incubatees);
      }
      mine.push_back(std::move(r));
    }
    DeriveFromReturns(mine, year, out[at->second]);
  }
}

}  // namespace incunet::app::standards
