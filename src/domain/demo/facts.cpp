#include "domain/demo/facts.hpp"

#include <map>

namespace incunet::domain::demo {

stats::Facts FactsOf(const DemoNetwork& net, const std::vector<core::RegionRow>& regions) {
  using stats::ParseDay;
  stats::Facts f;
  f.regions = stats::RegionNodes(regions);
  std::map<std::string, std::int32_t> node;
  for (std::size_t i = 0; i < f.regions.size(); ++i)
    node[f.regions[i].code] = static_cast<std::int32_t>(i);
  auto node_of = [&](const std::string& code) {
    auto it = node.find(code);
    return it == node.end() ? -1 : it->second;
  };
  std::map<std::string, std::uint16_t> country;
  for (std::size_t ci = 0; ci < net.carriers.size(); ++ci) {
    const auto& c = net.carriers[ci];
    stats::CarrierFact cf;
    cf.id = static_cast<std::int64_t>(ci) + 1;
    cf.kind = stats::ParseCarrierKind(c.kind);
    cf.region = node_of(c.region_code);
    cf.founded = ParseDay(c.founded_on);
    if (c.closed_on) cf.closed = ParseDay(*c.closed_on);
    for (const auto& r : c.recognitions)
      cf.recognitions.push_back({stats::ParseRecognitionLevel(r.level), ParseDay(r.valid_from),
                                 r.valid_to ? ParseDay(*r.valid_to) : stats::kNever});
    for (const auto& s : c.overseas_sites) {
      auto [it, fresh] = country.emplace(s.country_code, f.countries.size());
      if (fresh) f.countries.push_back(s.country_code);
      cf.countries.push_back(it->second);
    }
    f.carriers.push_back(std::move(cf));
  }
  for (std::size_t ei = 0; ei < net.enterprises.size(); ++ei) {
    const auto& e = net.enterprises[ei];
    stats::EnterpriseFact ef;
    ef.id = static_cast<std::int64_t>(ei) + 1;
    ef.seat = node_of(e.region_code);
    ef.registered = e.uscc.has_value();
    ef.team = e.is_team;
    ef.employees = static_cast<std::int32_t>(e.employees);
    for (const auto& q : e.qualifications)
      if (q.kind == "tech_sme" || q.kind == "high_tech")
        ef.tech_since = std::min(ef.tech_since, ParseDay(q.valid_from));
    for (const auto& l : e.listings) {
      ef.listed_since = std::min(ef.listed_since, ParseDay(l.listed_on));
      if (l.board == "star") ef.star_since = std::min(ef.star_since, ParseDay(l.listed_on));
    }
    f.enterprises.push_back(ef);
  }
  for (const auto& fin : net.financings) {
    auto& ef = f.enterprises[fin.enterprise_index];
    ef.financed_since = std::min(ef.financed_since, ParseDay(fin.financed_on));
  }
  for (const auto& di : net.incubations) {
    const auto& i = di.incubation;
    stats::StayFact s;
    s.enterprise = static_cast<std::int32_t>(di.enterprise_index);
    s.carrier = static_cast<std::int32_t>(di.carrier_index);
    if (i.admitted_on) s.admitted = ParseDay(*i.admitted_on);
    if (i.ended_on) s.ended = ParseDay(*i.ended_on);
    s.graduated = i.state == "graduated";
    f.stays.push_back(s);
  }
  std::map<std::pair<std::int32_t, int>, std::int64_t> events;
  for (const auto& ev : net.events)
    ++events[{static_cast<std::int32_t>(ev.carrier_index), std::stoi(ev.held_on.substr(0, 4))}];
  for (const auto& [k, n] : events) f.events.push_back({k.first, k.second, n});
  f.Index();
  return f;
}

}  // namespace incunet::domain::demo
