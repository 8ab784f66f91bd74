#include "app/stats/codec.hpp"

#include <cmath>

namespace incunet::app::stats {

namespace st = domain::stats;

namespace {
Json Ratio(double v) { return std::round(v * 10000.0) / 10000.0; }
}  // namespace

schema::Components Schemas() {
  using namespace schema;  // NOLINT: the schema vocabulary reads as a table
  Json n = Int(0, INT64_MAX);
  Json ratio = Num(0, 1e9);
  std::vector<Field> kinds, tiers;
  for (const char* k : st::kCarrierKindNames) kinds.push_back({k, n});
  for (const char* t : st::kTierNames) tiers.push_back({t, n});
  Json figures = Object(
      {{"carriers", Object({{"total", n},
                            {"by_kind", Object(kinds)},
                            {"by_tier", Object(tiers)},
                            {"makerspace_filed", n}})},
       {"coverage", Object({{"covered_units", n}, {"units", n}, {"ratio", Num(0, 1)}})},
       {"tech_enterprises_cumulative", n},
       {"incubatees", n},
       {"teams", n},
       {"incubatees_and_teams", n},
       {"jobs", n},
       {"listed_incubated", n},
       {"star", Object({{"incubated", n}, {"all", n}, {"share", Num(0, 1)}})},
       {"events", Object({{"year", Int()}, {"count", n}, {"previous_year_count", n}})},
       {"overseas_countries", n},
       {"earliest_founded_on", Nullable(Date())},
       {"earliest_founding_year", Nullable(Int())},
       {"funnel", Object({{"admitted", n}, {"financed", n}, {"graduated", n}, {"listed", n}})}});
  Json region = Object({{"code", Str()}, {"name", Str()}, {"name_en", Str()}, {"level", Str()}});
  std::vector<Field> yoy;
  for (const char* k :
       {"carriers", "covered_units", "tech_enterprises_cumulative", "incubatees_and_teams", "jobs",
        "listed_incubated", "events", "overseas_countries"})
    yoy.push_back({k, Describe(Nullable(Num()), "relative change; null where last year had none")});
  Json figures_ref = Ref("Figures");
  return {
      {"Figures", figures},
      {"StatsRegion", region},
      {"StatsSummary", Object({{"region", Ref("StatsRegion")},
                               {"as_of", Date()},
                               {"figures", figures_ref},
                               {"previous", Object({{"as_of", Date()}, {"figures", figures_ref}})},
                               {"yoy", Object(yoy)}})},
      {"StatsBreakdown",
       Object(
           {{"parent", Ref("StatsRegion")},
            {"as_of", Date()},
            {"items", Array(Object({{"region", Ref("StatsRegion")}, {"figures", figures_ref}}))}})},
      {"StatsFunnel",
       Object({{"region", Ref("StatsRegion")},
               {"as_of", Date()},
               {"stages",
                Array(Object({{"stage", Enum({"admitted", "financed", "graduated", "listed"})},
                              {"count", n},
                              {"of_admitted", ratio},
                              {"of_previous", ratio}}))}})},
      {"StatsSeries",
       Object({{"region", Ref("StatsRegion")},
               {"points", Array(Object({{"as_of", Date()}, {"figures", figures_ref}}))}})},
      {"CarrierStats", Object({{"carrier_id", Id()},
                               {"region", Ref("StatsRegion")},
                               {"as_of", Date()},
                               {"figures", figures_ref},
                               {"previous", Object({{"figures", figures_ref}})},
                               {"yoy", Object(yoy)}})},
      {"StatsTargets", Object({{"ok", Bool()},
                               {"items", Array(Object({{"key", Str()},
                                                       {"label", Str()},
                                                       {"region", Str()},
                                                       {"as_of", Date()},
                                                       {"actual", Num()},
                                                       {"low", Num()},
                                                       {"high", Num()},
                                                       {"ok", Bool()}}))}})}};
}

Json ToJson(const st::Figures& f) {
  Json kinds = Json::object(), tiers = Json::object();
  for (std::size_t i = 0; i < st::kCarrierKindNames.size(); ++i)
    kinds[st::kCarrierKindNames[i]] = f.by_kind[i];
  for (std::size_t i = 0; i < st::kTierNames.size(); ++i) tiers[st::kTierNames[i]] = f.by_tier[i];
  Json j;
  j["carriers"] = {{"total", f.carriers},
                   {"by_kind", kinds},
                   {"by_tier", tiers},
                   {"makerspace_filed", f.makerspace_filed}};
  j["coverage"] = {{"covered_units", f.covered_units},
                   {"units", f.coverage_units},
                   {"ratio", Ratio(f.CoverageRatio())}};
  j["tech_enterprises_cumulative"] = f.tech_enterprises;
  j["incubatees"] = f.incubatees;
  j["teams"] = f.teams;
  j["incubatees_and_teams"] = f.IncubateesAndTeams();
  j["jobs"] = f.jobs;
  j["listed_incubated"] = f.listed;
  j["star"] = {
      {"incubated", f.star_incubated}, {"all", f.star_all}, {"share", Ratio(f.StarShare())}};
  j["events"] = {
      {"year", f.events_year}, {"count", f.events}, {"previous_year_count", f.events_prev_year}};
  j["overseas_countries"] = f.overseas_countries;
  if (f.earliest_founded == st::kNever) {
    j["earliest_founded_on"] = nullptr;
    j["earliest_founding_year"] = nullptr;
  } else {
    j["earliest_founded_on"] = st::DayToString(f.earliest_founded);
    j["earliest_founding_year"] = st::YearOf(f.earliest_founded);
  }
  j["funnel"] = {{"admitted", f.admitted},
                 {"financed", f.financed},
                 {"graduated", f.graduated},
                 {"listed", f.listed}};
  return j;
}

Json ToJson(const RegionRef& r) {
  return {{"code", r.code}, {"name", r.name}, {"name_en", r.name_en}, {"level", r.level}};
}

namespace {
// Relative change of the headline figures, null where last year had none.
Json Yoy(const st::Figures& now, const st::Figures& prev) {
  auto rel = [](double a, double b) -> Json {
    if (b == 0) return nullptr;
    return Ratio((a - b) / b);
  };
  return {{"carriers", rel(now.carriers, prev.carriers)},
          {"covered_units", rel(now.covered_units, prev.covered_units)},
          {"tech_enterprises_cumulative", rel(now.tech_enterprises, prev.tech_enterprises)},
          {"incubatees_and_teams", rel(now.IncubateesAndTeams(), prev.IncubateesAndTeams())},
          {"jobs", rel(now.jobs, prev.jobs)},
          {"listed_incubated", rel(now.listed, prev.listed)},
          {"events", rel(now.events, prev.events)},
          {"overseas_countries", rel(now.overseas_countries, prev.overseas_countries)}};
}
}  // namespace

Json ToJson(const Summary& s) {
  return {{"region", ToJson(s.region)},
          {"as_of", s.as_of},
          {"figures", ToJson(s.figures)},
          {"previous", {{"as_of", s.previous_as_of}, {"figures", ToJson(s.previous)}}},
          {"yoy", Yoy(s.figures, s.previous)}};
}

Json ToJson(const Breakdown& b) {
  Json items = Json::array();
  for (const auto& i : b.items)
    items.push_back({{"region", ToJson(i.region)}, {"figures", ToJson(i.figures)}});
  return {{"parent", ToJson(b.parent)}, {"as_of", b.as_of}, {"items", items}};
}

Json FunnelJson(const Summary& s) {
  const st::Figures& f = s.figures;
  Json stages = Json::array();
  std::int64_t prev = 0;
  bool first = true;
  for (auto [name, n] : {std::pair{"admitted", f.admitted}, std::pair{"financed", f.financed},
                         std::pair{"graduated", f.graduated}, std::pair{"listed", f.listed}}) {
    stages.push_back(
        {{"stage", name},
         {"count", n},
         {"of_admitted", Ratio(f.admitted ? double(n) / double(f.admitted) : 0.0)},
         {"of_previous", first ? Json(1.0) : Ratio(prev ? double(n) / double(prev) : 0.0)}});
    prev = n;
    first = false;
  }
  return {{"region", ToJson(s.region)}, {"as_of", s.as_of}, {"stages", stages}};
}

Json ToJson(const Series& s) {
  Json points = Json::array();
  for (const auto& p : s.points)
    points.push_back({{"as_of", p.as_of}, {"figures", ToJson(p.figures)}});
  return {{"region", ToJson(s.region)}, {"points", points}};
}

Json ToJson(const CarrierFigures& c) {
  return {{"carrier_id", c.carrier_id},
          {"region", ToJson(c.region)},
          {"as_of", c.as_of},
          {"figures", ToJson(c.figures)},
          {"previous", {{"figures", ToJson(c.previous)}}},
          {"yoy", Yoy(c.figures, c.previous)}};
}

}  // namespace incunet::app::stats
