#include "domain/stats/targets.hpp"

namespace incunet::domain::stats {

const std::vector<Target>& DomainTargets() {
  static const std::vector<Target> kTargets = {
      {"earliest_year", "since 1987: earliest carrier founding year", "", 2024, 1987,
       Tolerance::kExact, false, false},
      {"carriers_2023", "~16,000 carriers active at the end of 2023", "", 2023, 16000,
       Tolerance::kApprox},
      {"incubators_2019", "~5,206 incubators at the end of 2019", "", 2019, 5206,
       Tolerance::kApprox},
      {"makerspaces_2019", "~8,000 makerspaces at the end of 2019", "", 2019, 8000,
       Tolerance::kApprox},
      {"incubators_2019_gd", "~1,013 incubators in 广东 at the end of 2019", "440000", 2019, 1013,
       Tolerance::kApprox},
      {"incubators_2019_js", "~832 incubators in 江苏 at the end of 2019", "320000", 2019, 832,
       Tolerance::kApprox},
      {"coverage", "~95% of county-level units covered (end of 2024)", "", 2024, 0.95,
       Tolerance::kApprox, false, true},
      {"tech_enterprises", ">300,000 technology enterprises incubated (cumulative, end of 2024)",
       "", 2024, 300000, Tolerance::kAbove},
      {"incubatees_and_teams", ">500,000 incubatees and startup teams (end of 2024)", "", 2024,
       500000, Tolerance::kAbove},
      {"jobs", ">4,000,000 jobs in incubatees and teams (end of 2024)", "", 2024, 4000000,
       Tolerance::kAbove},
      {"listed", ">5,000 incubated enterprises listed or quoted (end of 2024)", "", 2024, 5000,
       Tolerance::kAbove},
      {"star_share", "~1/3 of STAR-market listings were incubated (end of 2024)", "", 2024,
       1.0 / 3.0, Tolerance::kApprox, false, false},
      {"events", "~200,000 events in the latest full year (2024)", "", 2024, 200000,
       Tolerance::kApprox},
      {"countries", ">50 countries and regions with overseas sites (end of 2024)", "", 2024, 50,
       Tolerance::kAbove, false, true},
  };
  return kTargets;
}

double Measure(const Target& t, const Figures& f) {
  const std::string& k = t.key;
  if (k == "earliest_year") return f.earliest_founded == kNever ? 0 : YearOf(f.earliest_founded);
  if (k == "carriers_2023") return double(f.carriers);
  if (k.starts_with("incubators_2019")) return double(f.by_kind[kIncubator]);
  if (k == "makerspaces_2019") return double(f.by_kind[kMakerspace]);
  if (k == "coverage") return f.CoverageRatio();
  if (k == "tech_enterprises") return double(f.tech_enterprises);
  if (k == "incubatees_and_teams") return double(f.IncubateesAndTeams());
  if (k == "jobs") return double(f.jobs);
  if (k == "listed") return double(f.listed);
  if (k == "star_share") return f.StarShare();
  if (k == "events") return double(f.events);
  if (k == "countries") return double(f.overseas_countries);
  return 0;
}

std::vector<TargetCheck> CheckTargets(
    const std::function<Figures(const std::string& region, Day as_of)>& figures_at, double scale) {
  std::vector<TargetCheck> out;
  for (const Target& t : DomainTargets()) {
    if (t.national_only && scale != 1.0) continue;
    TargetCheck c;
    c.target = t;
    double v = t.scales ? t.value * scale : t.value;
    switch (t.tolerance) {
      case Tolerance::kApprox:
        c.low = v * 0.95;
        c.high = v * 1.05;
        break;
      case Tolerance::kAbove:
        c.low = v;
        c.high = v * 1.15;
        break;
      case Tolerance::kExact:
        c.low = c.high = v;
        break;
    }
    c.actual = Measure(t, figures_at(t.region, YearEnd(t.year)));
    c.ok = c.actual >= c.low && c.actual <= c.high;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace incunet::domain::stats
