#include "app/standards/indicator_source.hpp"

#include <algorithm>
#include <map>

#include "app/standards/return_source.hpp"
#include "app/store.hpp"
#include "core/dates.hpp"

namespace incunet::app::standards {
namespace {

namespace reg = domain::registry;

bool InForce(const std::string& from, const std::optional<std::string>& to, const std::string& on) {
  return from <= on && (!to || to->empty() || on <= *to);
}

void SetIfAbsent(st::IndicatorValues& v, const std::string& id, double value,
                 const std::string& source) {
  if (!v.values.count(id)) v.Set(id, value, source);
}

bool HasQualification(const IncubateeRecord& r, const char* kind, const std::string& on) {
  for (const auto& q : r.qualifications)
    if (q.kind == kind && InForce(q.valid_from, q.valid_to, on)) return true;
  return false;
}

}  // namespace

std::optional<int> MonthsFromTo(const std::string& from, const std::string& to) {
  auto a = core::Date::Parse(from);
  auto b = core::Date::Parse(to);
  if (!a || !b) return std::nullopt;
  return core::MonthsBetween(*a, *b);
}

void DeriveCarrierIndicators(const reg::Carrier& c, const CarrierAggregates& agg,
                             const std::set<std::string>& hardship_counties,
                             const std::string& as_of, st::IndicatorValues& out) {
  const std::string kCarrier = "records:carrier";
  const std::string kIncubations = "records:incubations";
  // Areas of 0 mean "not recorded" in the registry, not an empty site.
  if (c.area_self_controlled_m2 > 0)
    SetIfAbsent(out, "self_controlled_area_m2", c.area_self_controlled_m2, kCarrier);
  if (c.area_incubatee_m2 > 0)
    SetIfAbsent(out, "incubatee_used_area_m2", c.area_incubatee_m2, kCarrier);
  if (c.area_public_service_m2 > 0)
    SetIfAbsent(out, "public_service_area_m2", c.area_public_service_m2, kCarrier);
  if (c.area_total_m2 > 0) SetIfAbsent(out, "total_area_m2", c.area_total_m2, kCarrier);
  if (auto months = MonthsFromTo(c.founded_on, as_of); months && *months >= 0) {
    SetIfAbsent(out, "operating_months", *months, kCarrier + ".founded_on");
    // The operating organisation is taken to be as old as the site it runs.
    SetIfAbsent(out, "operator_years", *months / 12, kCarrier + ".founded_on");
  }
  SetIfAbsent(out, "specialised", c.specialization == "specialized", kCarrier + ".specialization");
  if (!out.values.count("hardship_area"))
    out.SetBool("hardship_area", hardship_counties.count(c.region_code) > 0,
                "records:hardship_counties (provisional list)");
  SetIfAbsent(out, "overseas_sites", static_cast<double>(c.overseas_sites.size()),
              "records:overseas_sites");

  SetIfAbsent(out, "incubatees", agg.incubatees, kIncubations);
  SetIfAbsent(out, "incubatees_same_industry", agg.incubatees_same_industry,
              kIncubations + "+enterprises.industry");
  SetIfAbsent(out, "cumulative_graduates", agg.graduates_cumulative, kIncubations);
  SetIfAbsent(out, "graduates_year", agg.graduates_year, kIncubations);
  SetIfAbsent(out, "graduates_listed_cumulative", agg.graduates_listed, kIncubations + "+listings");
  SetIfAbsent(out, "incubatees_high_tech", agg.high_tech, kIncubations + "+qualifications");
  SetIfAbsent(out, "incubatees_tech_sme", agg.tech_sme, kIncubations + "+qualifications");
  SetIfAbsent(out, "incubatees_high_tech_or_tech_sme", agg.high_tech_or_tech_sme,
              kIncubations + "+qualifications");
  SetIfAbsent(out, "incubatee_employees", agg.employees, kIncubations + "+enterprises");

  // Recognitions in force on the date.
  bool national = false, provincial = false, standard = false, excellence = false,
       makerspace = false;
  for (const auto& r : c.recognitions) {
    if (!InForce(r.valid_from, r.valid_to, as_of)) continue;
    national |= r.level == "national";
    provincial |= r.level == "provincial";
    standard |= r.level == "standard";
    excellence |= r.level == "excellence";
    makerspace |= r.level == "makerspace_filing";
  }
  const std::string kRec = "records:recognitions";
  bool park = c.kind == "university_park";
  SetIfAbsent(out, "recognized_national", !park && national, kRec);
  SetIfAbsent(out, "recognized_provincial", !park && provincial, kRec);
  SetIfAbsent(out, "recognized_standard", standard, kRec);
  SetIfAbsent(out, "recognized_excellence", excellence, kRec);
  SetIfAbsent(out, "makerspace_filed", makerspace, kRec);
  SetIfAbsent(out, "university_park_national", park && national, kRec);
  SetIfAbsent(out, "university_park_provincial", park && provincial, kRec);
}

void DeriveIncubateeIndicators(const IncubateeRecord& r, const std::string& as_of,
                               st::IndicatorValues& out) {
  const std::string kQual = "records:qualifications";
  SetIfAbsent(out, "is_tech_sme", HasQualification(r, "tech_sme", as_of), kQual);
  SetIfAbsent(out, "is_high_tech", HasQualification(r, "high_tech", as_of), kQual);
  bool listed = false;
  for (const auto& l : r.listings) listed |= l.listed_on <= as_of;
  // Only listings are recorded; a merger or acquisition has to be declared.
  if (listed) SetIfAbsent(out, "listed_or_acquired", 1, "records:listings");
  std::string entry = !r.admitted_on.empty() ? r.admitted_on : r.started_on;
  std::string start = !r.started_on.empty() ? r.started_on : r.admitted_on;
  if (!r.is_team && !r.founded_on.empty()) {
    if (auto m = MonthsFromTo(r.founded_on, entry); m && *m >= 0)
      SetIfAbsent(out, "company_age_at_entry_months", *m, "records:enterprise.founded_on");
  }
  if (auto m = MonthsFromTo(start, as_of); m && *m >= 0)
    SetIfAbsent(out, "months_in_incubation", *m, "records:incubation.started_on");
  // The carrier's admission attests the address and premises conditions.
  SetIfAbsent(out, "registered_in_site", 1, "records:incubation.admission");
  SetIfAbsent(out, "premises_in_site", 1, "records:incubation.admission");
  if (!r.domains.empty())
    SetIfAbsent(out, "main_business_new_tech", 1, "records:enterprise.domains");
  if (!out.tags.count("technology_domains")) out.tags["technology_domains"] = r.domains;
}

const std::set<std::string>& RecordDerivedIndicators() {
  static const std::set<std::string> kIds = [] {
    std::set<std::string> ids;
    reg::Carrier c;
    c.founded_on = "2000-01-01";
    c.area_self_controlled_m2 = c.area_incubatee_m2 = c.area_public_service_m2 = c.area_total_m2 =
        1;
    st::IndicatorValues cv;
    DeriveCarrierIndicators(c, CarrierAggregates{}, {}, "2020-01-01", cv);
    for (const auto& [id, v] : cv.values) ids.insert(id);
    IncubateeRecord r;
    r.founded_on = "2000-01-01";
    r.admitted_on = r.started_on = "2001-01-01";
    r.domains = {"ai"};
    r.listings = {reg::Listing{"main", "000001", "2010-01-01"}};
    st::IndicatorValues ev;
    DeriveIncubateeIndicators(r, "2020-01-01", ev);
    for (const auto& [id, v] : ev.values) ids.insert(id);
    return ids;
  }();
  return kIds;
}

void DeclaredFactsSource::FillCarriers(Tx& tx, const std::vector<reg::Carrier>& carriers,
                                       const std::string& as_of,
                                       std::vector<st::IndicatorValues>& out) {
  std::map<Id, std::size_t> index;
  std::vector<Id> ids;
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    index[carriers[i].id] = i;
    ids.push_back(carriers[i].id);
  }
  // Oldest first: a later fact overwrites an earlier one of the same indicator.
  std::vector<std::map<std::string, CarrierFact>> latest(carriers.size());
  for (auto& f : tx.standards().Facts(ids, as_of)) {
    auto it = index.find(f.carrier_id);
    if (it != index.end()) latest[it->second][f.indicator] = std::move(f);
  }
  for (std::size_t i = 0; i < carriers.size(); ++i)
    for (const auto& [id, f] : latest[i]) {
      std::string source = "declared:" + f.as_of;
      if (!f.source_note.empty()) source += " (" + f.source_note + ")";
      SetIfAbsent(out[i], id, f.value, source);
    }
}

void RegistryRecordsSource::FillCarriers(Tx& tx, const std::vector<reg::Carrier>& carriers,
                                         const std::string& as_of,
                                         std::vector<st::IndicatorValues>& out) {
  std::vector<Id> ids;
  for (const auto& c : carriers) ids.push_back(c.id);
  auto hardship = tx.standards().HardshipCounties();
  auto aggs = tx.standards().Aggregates(ids, as_of);
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    auto it = aggs.find(carriers[i].id);
    DeriveCarrierIndicators(carriers[i], it == aggs.end() ? CarrierAggregates{} : it->second,
                            hardship, as_of, out[i]);
  }
}

void RegistryRecordsSource::FillIncubatees(Tx&, const std::vector<IncubateeRecord>& incubatees,
                                           const std::string& as_of,
                                           std::vector<st::IndicatorValues>& out) {
  for (std::size_t i = 0; i < incubatees.size(); ++i)
    DeriveIncubateeIndicators(incubatees[i], as_of, out[i]);
}

std::vector<std::unique_ptr<IndicatorSource>> DefaultIndicatorSources() {
  std::vector<std::unique_ptr<IndicatorSource>> v;
  v.push_back(std::make_unique<AnnualReturnSource>());
  v.push_back(std::make_unique<DeclaredFactsSource>());
  v.push_back(std::make_unique<RegistryRecordsSource>());
  return v;
}

}  // namespace incunet::app::standards
