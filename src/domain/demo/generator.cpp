#include "domain/demo/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/uscc.hpp"
#include "domain/demo/rng.hpp"
#include "domain/returns/workflow.hpp"
#include "domain/stats/facts.hpp"

namespace incunet::domain::demo {
namespace {

namespace reg = registry;
using stats::Day;
using stats::DayToString;
using stats::kNever;
using stats::ParseDay;

// Relative weight of each province, after the 2019 Torch counts of incubators (广东 1,013 and
// 江苏 832 are exact quotas; the rest share the remainder by these weights).
const std::vector<std::pair<std::string, double>> kProvinceWeight = {
    {"44", 1013}, {"32", 832}, {"33", 560}, {"37", 520}, {"11", 380}, {"31", 300}, {"42", 280},
    {"41", 270},  {"51", 260}, {"35", 230}, {"13", 220}, {"34", 210}, {"12", 160}, {"43", 170},
    {"61", 170},  {"21", 160}, {"50", 140}, {"36", 130}, {"53", 90},  {"45", 100}, {"14", 90},
    {"22", 80},   {"23", 90},  {"52", 70},  {"62", 60},  {"15", 60},  {"65", 50},  {"64", 30},
    {"63", 25},   {"46", 30},  {"54", 10}};

const std::vector<std::string> kDomains = {
    "电子信息",     "生物与新医药", "航空航天",         "新材料",   "高技术服务",
    "新能源与节能", "资源与环境",   "先进制造与自动化", "人工智能", "集成电路",
    "生物医药",     "机器人",       "现代农业"};
const std::vector<std::string> kCarrierWords = {"创新", "科技", "智谷", "创业", "星火", "启航",
                                                "未来", "硅巷", "云谷", "光谷", "慧谷", "青年"};
const std::vector<std::string> kFirmWords = {"智芯", "云图", "星链", "博睿", "华创", "瑞康",
                                             "微纳", "极光", "海思", "远景", "数联", "新材",
                                             "精工", "蓝海", "绿能", "天衡", "量子", "启明"};
const std::vector<std::string> kFirmTrades = {"科技",   "信息技术", "生物科技", "智能装备",
                                              "新材料", "医疗器械", "软件",     "环保科技"};
const std::vector<std::pair<std::string, std::string>> kEventKinds = {
    {"roadshow", "项目路演"}, {"training", "创业培训"},        {"competition", "创新创业大赛"},
    {"salon", "创业沙龙"},    {"matchmaking", "投融资对接会"}, {"lecture", "政策宣讲"}};
const std::vector<std::string> kInvestors = {"天使投资基金", "种子基金",     "创业投资有限公司",
                                             "科技创新基金", "产业投资基金", "科技银行"};
// Where the network's overseas sites are (50+ countries and regions).
const std::vector<std::string> kOverseas = {
    "US", "GB", "DE", "FR", "JP", "KR", "SG", "IL", "FI", "SE", "NL", "CH", "CA",
    "AU", "NZ", "IT", "ES", "BE", "DK", "NO", "AT", "IE", "PT", "RU", "KZ", "UZ",
    "TH", "MY", "ID", "VN", "PH", "AE", "SA", "EG", "ZA", "NG", "KE", "BR", "AR",
    "CL", "MX", "PE", "PL", "CZ", "HU", "RS", "BY", "TR", "PK", "LK", "MN", "BD"};
const char kUsccBody[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::string Uscc(Rng& r, const std::string& region, std::uint64_t serial) {
  // 91 = enterprise legal person; the 9-char body mixes a serial (uniqueness) and noise.
  std::string body;
  std::uint64_t v = serial;
  for (int i = 0; i < 5; ++i) {
    body += kUsccBody[v % 31];
    v /= 31;
  }
  for (int i = 0; i < 4; ++i) body += kUsccBody[r.Below(31)];
  return core::MakeUscc("91" + region + body);
}

// The first `n` characters of UTF-8 text (never a partial character).
std::string Utf8Prefix(const std::string& s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t chars = 0; i < s.size() && chars < n; ++chars) {
    unsigned char c = s[i];
    i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  }
  return s.substr(0, std::min(i, s.size()));
}

Day D(int y, int m, int d) { return ParseDay(fmt::format("{:04}-{:02}-{:02}", y, m, d)); }

// Per kind: national counts of each founding cohort, stays per carrier and stay lengths.
struct KindProfile {
  const char* kind;
  const char* suffix;
  double incubatees;           // mean stays in progress at once
  double team_share;           // share of unregistered startup teams
  int min_months, max_months;  // length of a stay
  double history;  // stays that ended in the six years before the reference date, per slot
  double events;   // events per active year
};
const std::vector<KindProfile> kProfiles = {
    {"incubator", "科技企业孵化器", 45, 0.05, 24, 54, 0.62, 15},
    {"makerspace", "众创空间", 21, 0.42, 12, 36, 0.85, 10},
    {"accelerator", "加速器", 30, 0.0, 18, 42, 0.55, 12},
    {"university_park", "大学科技园", 45, 0.05, 24, 54, 0.62, 14},
    {"industrial_park", "产业园", 50, 0.0, 24, 60, 0.5, 12},
};

struct Cohort {
  std::size_t profile;
  double count;  // national
  int found_lo, found_hi;
  double growth;  // founding-year weight exp(growth * (year - found_lo))
  double closed_2020_23 = 0, closed_2024_25 = 0;  // how many of the cohort close then
  bool closed_before_2020 = false;                // a cohort of carriers already gone by 2019
  bool exact_provinces = false;                   // 2019 incubators: exact provincial quotas
};
// Calibrated so that 2019 has 5,206 incubators and 8,000 makerspaces and the end of 2023 has
// 16,000 carriers of all kinds.
const std::vector<Cohort> kCohorts = {
    {0, 5206, 1988, 2019, 0.14, 80, 40, false, true},
    {0, 1450, 2020, 2023, 0.0},
    {0, 500, 2024, 2025, 0.0},
    {0, 150, 1988, 2012, 0.05, 0, 0, true},
    {1, 8000, 2015, 2019, 0.25, 900, 200},
    {1, 1350, 2020, 2023, 0.0},
    {1, 400, 2024, 2025, 0.0},
    {1, 300, 2015, 2017, 0.0, 0, 0, true},
    {2, 250, 2008, 2019, 0.15},
    {2, 180, 2020, 2023, 0.0},
    {2, 60, 2024, 2025, 0.0},
    {3, 120, 1999, 2019, 0.05},
    {3, 20, 2020, 2023, 0.0},
    {4, 300, 2000, 2019, 0.08},
    {4, 104, 2020, 2023, 0.0},
};

// Stays before the window: their rate relative to the window's, and the share of it a carrier
// had in 1988 (rising linearly to the full rate at the window).
constexpr double kEarlyRate = 1.0;
constexpr double kEarlyRampFloor = 0.4;

struct Unit {
  std::string code;
  std::string city_name;
  std::string name;
  double weight = 1;
};

struct CarrierPlan {
  std::size_t profile;
  std::string prov;
  Day founded;
  Day closed = kNever;
};

// Largest-remainder split of `total` over weights.
std::vector<long> Apportion(long total, const std::vector<double>& weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<long> out(weights.size());
  std::vector<std::pair<double, std::size_t>> rest;
  long used = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    double exact = sum > 0 ? total * weights[i] / sum : 0;
    out[i] = static_cast<long>(std::floor(exact));
    used += out[i];
    rest.emplace_back(exact - out[i], i);
  }
  std::sort(rest.begin(), rest.end(), std::greater<>());
  for (std::size_t k = 0; used < total && k < rest.size(); ++k, ++used) ++out[rest[k].second];
  return out;
}

long Scaled(double national, double f) { return std::lround(national * f); }

}  // namespace

double ScaleFactor(const std::string& scale) {
  if (scale == "national") return 1.0;
  if (scale == "province") return 0.1;
  return 0.015;
}

std::size_t CarrierCountFor(const std::string& scale) {
  double f = ScaleFactor(scale);
  std::size_t n = 0;
  for (const auto& c : kCohorts) n += static_cast<std::size_t>(Scaled(c.count, f));
  return n;
}

DemoNetwork GenerateDemo(const DemoSpec& spec, const std::vector<core::RegionRow>& regions,
                         const std::function<void(std::size_t, std::size_t)>& progress) {
  Rng rng(spec.seed);
  DemoNetwork net;
  const double f = ScaleFactor(spec.scale);
  const Day as_of = ParseDay(spec.as_of);
  const Day ref = D(2024, 12, 31);       // the reference date of the national figures
  const Day window = ref - 6 * 365;      // stays that ended earlier are not kept
  const Day star_open = D(2019, 7, 22);  // first STAR-market listings
  const Day bse_open = D(2021, 11, 15);

  // Coverage units per province; zones per city; names.
  std::map<std::string, std::string> names;
  std::map<std::string, std::vector<Unit>> units;
  std::map<std::string, std::vector<std::string>> zones_of_city;
  for (const auto& r : regions) names[r.code] = r.name;
  for (const auto& r : regions) {
    if (r.level == core::RegionLevel::kZone) zones_of_city[r.parent_code].push_back(r.code);
    if (!core::IsCoverageUnit(r)) continue;
    std::string prov = r.code.substr(0, 2);
    std::string city = r.level == core::RegionLevel::kCity ? r.code : r.parent_code;
    // Districts of the capital city attract more carriers.
    double w = r.code.substr(2, 2) == "01" ? 4.0 : r.name.ends_with("区") ? 2.0 : 1.0;
    units[prov].push_back({r.code, names[city], r.name, w});
  }
  std::vector<std::string> countries;
  for (const auto& c : kOverseas)
    if (names.count(c)) countries.push_back(c);

  std::uint64_t serial = 1;
  auto city_name = [&](const std::string& region) {
    auto it = names.find(region.substr(0, 4) + "00");
    return it != names.end() && it->first != region.substr(0, 2) + "0000"
               ? it->second
               : names[region.substr(0, 2) + "0000"];
  };

  // ---- the carriers the seed article names ----
  auto named = [&](std::string name, std::string kind, std::string county, std::string founded,
                   double area, std::string spec_kind, std::optional<std::string> industry) {
    reg::Carrier c;
    c.name = std::move(name);
    c.kind = std::move(kind);
    c.region_code = std::move(county);
    c.founded_on = std::move(founded);
    c.operator_uscc = Uscc(rng, c.region_code, serial++);
    c.specialization = std::move(spec_kind);
    c.industry = std::move(industry);
    c.area_total_m2 = area;
    c.area_self_controlled_m2 = area * 0.9;
    c.area_incubatee_m2 = area * 0.7;
    c.area_public_service_m2 = area * 0.1;
    return c;
  };
  auto add_carrier = [&](reg::Carrier c) {
    net.carriers.push_back(std::move(c));
    return net.carriers.size() - 1;
  };
  // China's first incubator (1987), where the network's history starts.
  auto donghu = named("武汉东湖新技术创业者中心", "incubator", "420111", "1987-06-07", 30000,
                      "general", std::nullopt);
  donghu.address = "湖北省武汉市洪山区";
  donghu.recognitions.push_back(
      {0, 0, "MOST", "national", "2000-01-01", std::nullopt, "国科发高字〔2000〕"});
  add_carrier(donghu);
  // 北京10号线"青创村": three parks along Line 10 in 丰台区 and the hardware incubator with its
  // free shared labs.
  auto jjm = named("纪家庙双创产业园", "industrial_park", "110106", "2016-06-01", 60000, "general",
                   std::nullopt);
  jjm.address = "北京市丰台区玉泉营街道纪家庙";
  auto hx = named("花乡青旅科创园", "industrial_park", "110106", "2018-03-01", 45000, "general",
                  std::nullopt);
  hx.address = "北京市丰台区花乡";
  auto l10 = named("10号线创意公园", "industrial_park", "110106", "2019-09-01", 95000, "general",
                   std::nullopt);
  l10.address = "北京市丰台区玉泉营";
  auto mi = named("小米谷仓智能硬件孵化器", "incubator", "110106", "2015-04-01", 12000,
                  "specialized", std::string("C39"));
  mi.address = "北京市丰台区纪家庙双创产业园";
  mi.recognitions.push_back(
      {0, 0, "MOST", "national", "2019-01-01", std::nullopt, "国科发区〔2018〕300号"});
  DemoCluster village;
  village.cluster.name = "北京10号线“青创村”";
  village.cluster.region_code = "110106";
  village.cluster.description = "一村多园：纪家庙双创产业园、花乡青旅科创园、10号线创意公园";
  village.carrier_indexes = {add_carrier(jjm), add_carrier(hx), add_carrier(l10)};
  std::size_t mi_index = add_carrier(mi);
  village.carrier_indexes.push_back(mi_index);
  net.clusters.push_back(village);

  // 科大硅谷 (合肥): one carrier in each of Anhui's five focus domains of the top-incubator list.
  DemoCluster valley;
  valley.cluster.name = "科大硅谷";
  valley.cluster.region_code = "340100";
  valley.cluster.description = "安徽顶尖孵化器建设：人工智能、生命科学、机器人、空天信息、集成电路";
  const std::vector<std::pair<std::string, std::string>> valley_domains = {{"人工智能", "I65"},
                                                                           {"生命科学", "C27"},
                                                                           {"机器人", "C34"},
                                                                           {"空天信息", "I65"},
                                                                           {"集成电路", "C39"}};
  for (const auto& [domain_name, industry] : valley_domains) {
    auto c = named("科大硅谷" + domain_name + "孵化器", "incubator", "340104", "2022-01-01", 15000,
                   "specialized", industry);
    c.address = "安徽省合肥市蜀山区";
    c.recognitions.push_back(
        {0, 0, "34", "provincial", "2023-06-01", std::nullopt, "皖科区〔2023〕"});
    valley.carrier_indexes.push_back(add_carrier(c));
  }
  net.clusters.push_back(valley);

  // ---- carrier plans: kind, province, founding and closing dates by cohort ----
  std::vector<double> weights;
  for (const auto& [p, w] : kProvinceWeight) weights.push_back(w);
  auto weighted_province = [&]() -> const std::string& {
    double sum = 0;
    for (double w : weights) sum += w;
    double pick = rng.Unit() * sum;
    for (const auto& [p, w] : kProvinceWeight) {
      pick -= w;
      if (pick <= 0) return p;
    }
    return kProvinceWeight.back().first;
  };
  std::vector<CarrierPlan> plans;
  for (const auto& co : kCohorts) {
    long n = Scaled(co.count, f);
    std::vector<std::string> provs;
    if (co.exact_provinces) {
      long gd = Scaled(1013, f), js = Scaled(832, f);
      std::vector<double> rest(weights);
      rest[0] = rest[1] = 0;
      auto q = Apportion(std::max(0L, n - gd - js), rest);
      q[0] = gd;
      q[1] = js;
      for (std::size_t i = 0; i < q.size(); ++i)
        for (long k = 0; k < q[i]; ++k) provs.push_back(kProvinceWeight[i].first);
    } else {
      for (long k = 0; k < n; ++k) provs.push_back(weighted_province());
    }
    std::vector<double> year_w;
    for (int y = co.found_lo; y <= co.found_hi; ++y)
      year_w.push_back(std::exp(co.growth * (y - co.found_lo)));
    auto years = Apportion(n, year_w);
    std::size_t start = plans.size();
    std::size_t k = 0;
    for (std::size_t yi = 0; yi < years.size(); ++yi)
      for (long j = 0; j < years[yi]; ++j) {
        int y = co.found_lo + static_cast<int>(yi);
        Day lo = D(y, 1, 1), hi = std::min(D(y, 12, 31), as_of - 30);
        plans.push_back({co.profile, provs[k++], rng.DayIn(lo, hi)});
      }
    // Closures: exact numbers drawn at random from the cohort.
    std::vector<std::size_t> idx(plans.size() - start);
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = start + i;
    rng.Shuffle(idx);
    std::size_t c1 = static_cast<std::size_t>(Scaled(co.closed_2020_23, f));
    std::size_t c2 = static_cast<std::size_t>(Scaled(co.closed_2024_25, f));
    for (std::size_t i = 0; i < idx.size(); ++i) {
      auto& p = plans[idx[i]];
      if (co.closed_before_2020)
        p.closed = rng.DayIn(std::min(p.founded + 3 * 365, D(2019, 6, 30)), D(2019, 12, 31));
      else if (i < c1)
        p.closed = rng.DayIn(D(2020, 1, 1), D(2023, 12, 31));
      else if (i < c1 + c2)
        p.closed = rng.DayIn(D(2024, 1, 1), as_of - 31);
    }
  }

  // ---- sites: 95% of coverage units hold a carrier active at the reference date ----
  std::map<std::string, std::vector<std::size_t>> plans_of;
  for (std::size_t i = 0; i < plans.size(); ++i) plans_of[plans[i].prov].push_back(i);
  std::map<std::string, std::size_t> cover;
  std::size_t all_units = 0, want = 0;
  for (auto& [prov, list] : plans_of) {
    std::size_t active = 0;
    for (auto i : list) active += plans[i].founded <= ref && plans[i].closed > ref;
    cover[prov] = std::min(active, units[prov].size());
    want += cover[prov];
  }
  for (const auto& [prov, u] : units) all_units += u.size();
  std::size_t target = std::min(want, static_cast<std::size_t>(std::lround(0.95 * all_units)));
  while (want > target) {
    // Leave uncovered the units of the best-covered province first.
    std::string best;
    double best_ratio = -1;
    for (const auto& [prov, n] : cover) {
      double r = units[prov].empty() ? 0 : double(n) / double(units[prov].size());
      if (n > 0 && r > best_ratio) best_ratio = r, best = prov;
    }
    --cover[best];
    --want;
  }
  std::vector<std::string> site_of(plans.size());
  std::vector<std::string> city_of(plans.size());
  std::vector<std::string> county_name_of(plans.size());
  for (auto& [prov, list] : plans_of) {
    auto& u = units[prov];
    if (u.empty()) continue;
    rng.Shuffle(u);
    std::size_t n = cover[prov];
    std::vector<double> cum;
    double total = 0;
    for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i)
      cum.push_back(total += u[i].weight);
    std::vector<std::size_t> order(list);
    rng.Shuffle(order);
    std::size_t next_unit = 0;
    for (auto i : order) {
      const auto& p = plans[i];
      std::size_t ui;
      if (next_unit < n && p.founded <= ref && p.closed > ref) {
        ui = next_unit++;
      } else {
        double pick = rng.Unit() * total;
        ui = std::lower_bound(cum.begin(), cum.end(), pick) - cum.begin();
        ui = std::min(ui, cum.size() - 1);
      }
      site_of[i] = u[ui].code;
      city_of[i] = u[ui].city_name;
      county_name_of[i] = u[ui].name;
    }
  }

  // ---- generated carriers ----
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& p = plans[i];
    const KindProfile& kp = kProfiles[p.profile];
    if (site_of[i].empty()) continue;
    reg::Carrier c;
    c.kind = kp.kind;
    c.founded_on = DayToString(p.founded);
    if (p.closed != kNever) c.closed_on = DayToString(p.closed);
    c.region_code = site_of[i];
    c.name = fmt::format(
        "{}{}{}{}", county_name_of[i], rng.Pick(kCarrierWords), kp.suffix,
        net.carriers.size() % 7 == 0 ? fmt::format("（{}号）", net.carriers.size()) : "");
    std::string city = site_of[i].substr(0, 4) + "00";
    if (zones_of_city.count(city) && rng.Chance(0.25)) c.zone_code = rng.Pick(zones_of_city[city]);
    c.address = city_of[i] + county_name_of[i];
    c.operator_uscc = Uscc(rng, site_of[i], serial++);
    c.specialization = rng.Chance(0.3) ? "specialized" : "general";
    if (c.specialization == "specialized") c.industry = "C39";
    double area =
        c.kind == std::string("makerspace") ? rng.Between(500, 5000) : rng.Between(3000, 40000);
    c.area_total_m2 = area;
    c.area_self_controlled_m2 = std::round(area * (0.6 + 0.4 * rng.Unit()));
    c.area_incubatee_m2 = std::round(area * (0.5 + 0.25 * rng.Unit()));
    c.area_public_service_m2 = std::round(area * 0.1);
    int year = stats::YearOf(p.founded);
    std::string prov = p.prov;
    if (c.kind == std::string("incubator") && year < 2020 && rng.Chance(0.28)) {
      Day from = rng.DayIn(std::max(p.founded + 3 * 365, D(2000, 1, 1)), D(2024, 6, 30));
      std::optional<std::string> to;
      if (from < D(2025, 7, 10) && rng.Chance(0.1)) to = DayToString(from + 5 * 365);
      c.recognitions.push_back(
          {0, 0, "MOST", "national", DayToString(from), to, "国科发区〔2018〕300号"});
      if (from <= D(2024, 6, 30) && rng.Chance(0.1))
        c.recognitions.push_back({0, 0, "MIIT", rng.Chance(0.2) ? "excellence" : "standard",
                                  DayToString(rng.DayIn(D(2025, 7, 10), as_of)), std::nullopt,
                                  "工信部科〔2025〕"});
    } else if (c.kind == std::string("incubator") && rng.Chance(0.35)) {
      c.recognitions.push_back({0, 0, prov, "provincial",
                                DayToString(rng.DayIn(p.founded + 365, as_of)), std::nullopt, ""});
    } else if (c.kind == std::string("makerspace") && rng.Chance(0.25)) {
      c.recognitions.push_back(
          {0, 0, "MOST", "makerspace_filing",
           DayToString(rng.DayIn(std::max(p.founded + 365, D(2016, 1, 1)), D(2022, 12, 31))),
           std::nullopt, "国科火字〔2017〕120号"});
    }
    add_carrier(std::move(c));
  }

  // ---- overseas sites: long-lived carriers other than makerspaces, in 50+ countries ----
  {
    std::vector<std::size_t> hosts;
    for (std::size_t i = 0; i < net.carriers.size(); ++i) {
      const auto& c = net.carriers[i];
      if (c.kind != "makerspace" && !c.closed_on && c.founded_on < "2020-01-01") hosts.push_back(i);
    }
    rng.Shuffle(hosts);
    std::size_t sites = std::min(hosts.size(), static_cast<std::size_t>(Scaled(140, f)));
    for (std::size_t k = 0; k < sites && !countries.empty(); ++k) {
      const std::string& cc = k < countries.size() ? countries[k] : rng.Pick(countries);
      net.carriers[hosts[k]].overseas_sites.push_back({cc, ""});
    }
  }

  // ---- enterprises, their stays, qualifications and financing ----
  struct FirmInfo {
    Day first_admitted = kNever;
    bool graduated = false;
    bool active_at_ref = false;
  };
  std::vector<FirmInfo> info;
  // Room for the national run's 1.22 million firms and stays (scaled): growing these vectors
  // moved every element again and touched fresh pages each time.
  const auto expected = static_cast<std::size_t>(1'300'000 * f);
  net.enterprises.reserve(expected);
  net.incubations.reserve(expected);
  info.reserve(expected);
  // Team names per carrier: the importer keys a team by carrier code and name.
  std::vector<std::set<std::string>> team_names(net.carriers.size());
  // `early`: a firm that left before the six-year window. The registry holds fewer of the
  // certificates of firms that left before it existed, and none older than the schemes: 高新技术
  // 企业 under the 2008 rules, 科技型中小企业 since the 2017 evaluation.
  auto new_firm = [&](std::size_t ci, bool team, Day admitted, bool early = false) {
    const reg::Carrier& carrier = net.carriers[ci];
    reg::Enterprise e;
    e.is_team = team;
    e.region_code = carrier.region_code;
    if (team) {
      auto& used = team_names[ci];
      for (int attempt = 0; attempt < 4 && (e.name.empty() || used.count(e.name)); ++attempt)
        e.name = fmt::format("{}{}创业团队", rng.Pick(kFirmWords), rng.Pick(kFirmWords));
      // A carrier with many teams: number the name until it is free.
      for (int k = 2; used.count(e.name); ++k)
        e.name = fmt::format("{}{}创业团队{}队", rng.Pick(kFirmWords), rng.Pick(kFirmWords), k);
      used.insert(e.name);
    } else {
      e.name = fmt::format("{}{}{}{}有限公司", city_name(carrier.region_code), rng.Pick(kFirmWords),
                           rng.Pick(kFirmWords), rng.Pick(kFirmTrades));
      e.uscc = Uscc(rng, carrier.region_code, serial++);
      e.founded_on = DayToString(admitted - rng.Between(0, 730));
    }
    e.domains = {rng.Pick(kDomains)};
    e.employees = team ? rng.Between(2, 6) : rng.Between(3, 15);
    if (!team) {
      // 科技型中小企业 is evaluated yearly (so many have lapsed), 高新技术企业 for three years.
      const double kept = early ? 0.3 : 1.0;
      if (rng.Chance(0.47 * kept)) {
        Day from = std::min(as_of, admitted + rng.Between(-365, 540));
        int y = stats::YearOf(from);
        if (!early || from >= D(2017, 5, 1))
          e.qualifications.push_back(
              {"tech_sme", DayToString(from), DayToString(stats::YearEnd(y + rng.Between(0, 3)))});
      }
      if (rng.Chance(0.17 * kept)) {
        Day from = admitted + rng.Between(180, 1460);
        if (from <= as_of && (!early || from >= D(2008, 4, 14)))
          e.qualifications.push_back(
              {"high_tech", DayToString(from), DayToString(from + 3 * 365 - 1)});
      }
      if (rng.Chance(0.02)) {
        Day from = admitted + rng.Between(365, 1800);
        if (from <= as_of)
          e.qualifications.push_back(
              {rng.Chance(0.15) ? "little_giant" : "srdi", DayToString(from), std::nullopt});
      }
      if (rng.Chance(0.01)) {
        Day from = admitted + rng.Between(365, 1800);
        if (from <= as_of) e.qualifications.push_back({"gazelle", DayToString(from), std::nullopt});
      }
    }
    net.enterprises.push_back(std::move(e));
    info.push_back({});
    return net.enterprises.size() - 1;
  };
  auto add_stay = [&](std::size_t ei, std::size_t ci, Day admitted, Day ended, bool graduated,
                      bool applied_only = false) {
    reg::Incubation inc;
    inc.applied_on = DayToString(admitted - rng.Between(5, 40));
    inc.space_m2 = net.enterprises[ei].is_team ? rng.Between(10, 40) : rng.Between(40, 400);
    if (applied_only) {
      inc.state = "applied";
      inc.applied_on = DayToString(admitted);
    } else {
      inc.admitted_on = inc.started_on = DayToString(admitted);
      if (ended == kNever) {
        inc.state = "incubating";
      } else {
        inc.state = graduated ? "graduated" : "exited";
        inc.ended_on = DayToString(ended);
        inc.end_reason = inc.state;
      }
      auto& fi = info[ei];
      fi.first_admitted = std::min(fi.first_admitted, admitted);
      fi.graduated = fi.graduated || (graduated && ended <= ref);
      fi.active_at_ref = fi.active_at_ref || (admitted <= ref && ended > ref);
    }
    net.incubations.push_back({std::move(inc), ei, ci});
  };

  // Registered firms that graduated from a makerspace, by province: some move on to an
  // incubator later (an enterprise with two stays counts once).
  std::map<std::string, std::vector<std::pair<std::size_t, Day>>> movers;
  const std::size_t total = net.carriers.size();
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t ci = 0; ci < net.carriers.size(); ++ci) {
      const reg::Carrier& c = net.carriers[ci];
      std::size_t pi = 0;
      while (pi + 1 < kProfiles.size() && c.kind != kProfiles[pi].kind) ++pi;
      const KindProfile& kp = kProfiles[pi];
      Day founded = ParseDay(c.founded_on);
      Day closed = c.closed_on ? ParseDay(*c.closed_on) : kNever;
      Day open_end = std::min(closed, as_of);
      double slots = kp.incubatees * (0.4 + 1.2 * rng.Unit());
      auto months = [&] { return rng.Between(kp.min_months, kp.max_months) * 30; };
      if (pass == 0) {
        // Stays that ended by the reference date, over the six years before it (or before the
        // carrier closed).
        Day lo = std::max(founded + 90, window), hi = std::min(ref, closed);
        double span = hi > lo ? double(hi - lo) / double(ref - window) : 0.0;
        if (closed <= window) span = 0.5, lo = founded + 90, hi = closed;
        long n = std::lround(slots * kp.history * span);
        for (long k = 0; k < n && hi > lo; ++k) {
          Day ended = rng.DayIn(lo, hi);
          Day admitted = std::max(founded, ended - months());
          if (admitted >= ended) continue;
          bool team = rng.Chance(kp.team_share);
          bool graduated = rng.Chance(0.65);
          std::size_t ei = new_firm(ci, team, admitted);
          add_stay(ei, ci, admitted, ended, graduated);
          if (!team && graduated && c.kind == std::string("makerspace"))
            movers[c.region_code.substr(0, 2)].emplace_back(ei, ended);
        }
        // Stays that ended before the window, back to the carrier's founding (the national
        // series since 1987): the window's rate, lower the further back, as carriers were
        // smaller then.
        if (closed > window && founded + 90 < window) {
          Day elo = founded + 90, ehi = window - 1;
          for (int y = stats::YearOf(elo); y <= stats::YearOf(ehi); ++y) {
            Day ylo = std::max(elo, D(y, 1, 1)), yhi = std::min(ehi, D(y, 12, 31));
            if (yhi < ylo) continue;
            double ramp =
                kEarlyRampFloor +
                (1 - kEarlyRampFloor) *
                    std::clamp((y - 1988) / double(stats::YearOf(window) - 1988), 0.0, 1.0);
            double rate = slots * kp.history / 6.0 * kEarlyRate * ramp;
            long n = std::lround(rate * double(yhi - ylo + 1) / 365.0 + rng.Unit() - 0.5);
            for (long k = 0; k < n; ++k) {
              Day ended = rng.DayIn(ylo, yhi);
              Day admitted = std::max(founded, ended - months());
              if (admitted >= ended) continue;
              bool team = rng.Chance(kp.team_share);
              std::size_t ei = new_firm(ci, team, admitted, true);
              add_stay(ei, ci, admitted, ended, rng.Chance(0.65));
            }
          }
        }
        continue;
      }
      // Stays in progress on the reference date, some ending during the following year.
      if (founded <= ref && closed > ref) {
        long n = std::lround(slots);
        auto& pool = movers[c.region_code.substr(0, 2)];
        for (long k = 0; k < n; ++k) {
          Day len = months();
          Day admitted = rng.DayIn(std::max(founded, ref - len), ref);
          Day end = admitted + len;
          Day ended = end <= open_end ? end : closed <= as_of ? closed : kNever;
          bool graduated = ended != kNever && ended == end && rng.Chance(0.7);
          bool team = rng.Chance(kp.team_share);
          std::size_t ei;
          if (!team && c.kind == std::string("incubator") && !pool.empty() &&
              pool.back().second < admitted && rng.Chance(0.04)) {
            ei = pool.back().first;
            pool.pop_back();
          } else {
            ei = new_firm(ci, team, admitted);
          }
          add_stay(ei, ci, admitted, ended, graduated);
        }
      }
      // Admissions after the reference date (and a few applications not yet decided).
      Day lo = std::max(founded, ref + 1), hi = open_end - 1;
      if (hi > lo) {
        double share = double(hi - lo) / double(as_of - ref);
        long n = std::lround(slots * (founded > ref ? 0.5 : 0.40) * share);
        for (long k = 0; k < n; ++k) {
          Day admitted = rng.DayIn(lo, hi);
          bool team = rng.Chance(kp.team_share);
          std::size_t ei = new_firm(ci, team, admitted);
          add_stay(ei, ci, admitted, closed <= as_of ? closed : kNever, false, rng.Chance(0.03));
        }
      }
      if (progress && ci % 500 == 0) progress(ci, total);
    }
  }

  // ---- listings: exact numbers, so the STAR share means the same at every scale ----
  const std::size_t incubated_firms = net.enterprises.size();
  std::vector<std::size_t> graduates, others;
  for (std::size_t ei = 0; ei < incubated_firms; ++ei) {
    const auto& e = net.enterprises[ei];
    if (e.is_team || info[ei].first_admitted > ref - 365) continue;
    (info[ei].graduated ? graduates : others).push_back(ei);
  }
  rng.Shuffle(graduates);
  rng.Shuffle(others);
  auto list_firm = [&](std::size_t ei, const std::string& board, Day on) {
    auto& e = net.enterprises[ei];
    e.listings.push_back(
        {board, fmt::format("{:06}", 300000 + (serial++ % 700000)), DayToString(on)});
    if (!info[ei].active_at_ref) e.employees = rng.Between(60, 600);
  };
  auto board_for = [&](Day lo, Day hi) -> std::pair<std::string, Day> {
    double u = rng.Unit();
    std::string b = u < 0.62   ? "neeq"
                    : u < 0.78 ? "chinext"
                    : u < 0.86 ? "bse"
                    : u < 0.91 ? "main"
                    : u < 0.98 ? "regional"
                               : "overseas";
    if (b == "bse") lo = std::max(lo, bse_open);
    return {b, rng.DayIn(lo, hi)};
  };
  long star_incubated = Scaled(205, f), listed_incubated = Scaled(5300, f);
  long listed_later = Scaled(260, f);
  std::size_t gi = 0, oi = 0;
  auto next_candidate = [&]() -> std::optional<std::size_t> {
    bool grad = rng.Chance(0.85);
    if (grad && gi < graduates.size()) return graduates[gi++];
    if (oi < others.size()) return others[oi++];
    if (gi < graduates.size()) return graduates[gi++];
    return std::nullopt;
  };
  for (long k = 0; k < listed_incubated + listed_later; ++k) {
    auto ei = next_candidate();
    if (!ei) break;
    Day lo = info[*ei].first_admitted + 365;
    bool later = k >= listed_incubated;
    Day hi = later ? as_of : ref;
    if (later) lo = std::max(lo, ref + 1);
    if (k < star_incubated || (later && k < listed_incubated + Scaled(30, f))) {
      list_firm(*ei, "star", rng.DayIn(std::max(lo, star_open), hi));
    } else {
      auto [board, on] = board_for(lo, hi);
      list_firm(*ei, board, on);
    }
  }
  // Listed firms that were never incubated (most STAR listings are).
  auto outsider = [&](const std::string& board, Day lo, Day hi) {
    const std::string& prov = weighted_province();
    if (units[prov].empty()) return;
    const Unit& u = rng.Pick(units[prov]);
    reg::Enterprise e;
    e.name =
        fmt::format("{}{}{}股份有限公司", u.city_name, rng.Pick(kFirmWords), rng.Pick(kFirmTrades));
    e.uscc = Uscc(rng, u.code, serial++);
    e.region_code = u.code;
    Day on = rng.DayIn(lo, hi);
    e.founded_on = DayToString(on - rng.Between(5, 20) * 365);
    e.domains = {rng.Pick(kDomains)};
    e.employees = rng.Between(300, 5000);
    e.qualifications.push_back({"high_tech", DayToString(on - 1000), DayToString(on + 95)});
    e.listings.push_back(
        {board, fmt::format("{:06}", 600000 + (serial++ % 300000)), DayToString(on)});
    net.enterprises.push_back(std::move(e));
    info.push_back({});
  };
  for (long k = 0; k < Scaled(410, f); ++k) outsider("star", star_open, ref);
  for (long k = 0; k < Scaled(70, f); ++k) outsider("star", ref + 1, as_of);
  for (long k = 0; k < Scaled(800, f); ++k) {
    double u = rng.Unit();
    outsider(u < 0.5   ? "main"
             : u < 0.8 ? "chinext"
                       : "bse",
             u < 0.8 ? D(2000, 1, 1) : bse_open, as_of);
  }

  // Financing: a round for a fifth of the registered firms, and one before every listing.
  for (std::size_t ei = 0; ei < incubated_firms; ++ei) {
    const auto& e = net.enterprises[ei];
    if (e.is_team || info[ei].first_admitted == kNever) continue;
    bool listed = !e.listings.empty();
    if (!listed && !rng.Chance(0.2)) continue;
    Day lo = info[ei].first_admitted + 60;
    Day hi = listed ? ParseDay(e.listings.front().listed_on) - 30 : lo + 900;
    hi = std::min(hi, as_of);
    if (hi < lo) hi = lo;
    if (lo > as_of) continue;
    static const std::vector<std::pair<std::string, std::int64_t>> rounds = {
        {"seed", 50}, {"angel", 300}, {"pre_a", 1000}, {"a", 3000}, {"b", 8000}, {"loan", 200}};
    const auto& [round, wan] = rounds[rng.Below(rounds.size())];
    // `wan` is the typical round in 万元 (1 万元 = 1,000,000 fen); ±50%.
    net.financings.push_back({ei, round, wan * 1000000 * rng.Between(5, 15) / 10,
                              DayToString(rng.DayIn(lo, hi)),
                              city_name(e.region_code) + rng.Pick(kInvestors)});
  }

  // Events: a dozen a year per active carrier, 2022 on (0.74 million nationally).
  net.events.reserve(static_cast<std::size_t>(800'000 * f));
  for (std::size_t ci = 0; ci < net.carriers.size(); ++ci) {
    const reg::Carrier& c = net.carriers[ci];
    std::size_t pi = 0;
    while (pi + 1 < kProfiles.size() && c.kind != kProfiles[pi].kind) ++pi;
    Day founded = ParseDay(c.founded_on);
    Day closed = c.closed_on ? ParseDay(*c.closed_on) : kNever;
    for (int y = 2022; y <= stats::YearOf(as_of); ++y) {
      Day lo = std::max(founded, D(y, 1, 1)), hi = std::min({closed - 1, D(y, 12, 31), as_of});
      if (hi < lo) continue;
      double share = double(hi - lo + 1) / 365.0;
      double growth = y == 2022 ? 0.86 : y == 2023 ? 0.93 : y == 2024 ? 1.0 : 1.03;
      long n = std::lround(kProfiles[pi].events * growth * share * (0.5 + rng.Unit()));
      for (long k = 0; k < n; ++k) {
        const auto& [kind, label] = kEventKinds[rng.Below(kEventKinds.size())];
        net.events.push_back(
            {ci, DayToString(rng.DayIn(lo, hi)),
             fmt::format("{}{}（{}年第{}期）", Utf8Prefix(c.name, 8), label, y, k + 1), kind,
             rng.Chance(0.8)});
      }
    }
  }

  // Firms the article names, at the hardware incubator.
  for (const char* firm : {"北京慧储科技有限公司", "北京鸿途鸿运科技有限公司"}) {
    reg::Enterprise e;
    e.name = firm;
    e.uscc = Uscc(rng, "110106", serial++);
    e.founded_on = "2021-05-10";
    e.region_code = "110106";
    e.domains = {"电子信息"};
    e.employees = 40;
    e.qualifications.push_back({"high_tech", "2023-11-01", std::nullopt});
    net.enterprises.push_back(std::move(e));
    info.push_back({});
    reg::Incubation inc;
    inc.state = "incubating";
    inc.applied_on = "2022-03-01";
    inc.admitted_on = inc.started_on = std::string("2022-03-15");
    inc.space_m2 = 300;
    net.incubations.push_back({inc, net.enterprises.size() - 1, mi_index});
  }
  std::size_t huichu = net.enterprises.size() - 2;

  net.accounts = {
      {"demo-national", "national_admin", "", {}, {}},
      {"demo-beijing", "region_admin", "11", {}, {}},
      {"demo-fengtai", "region_admin", "110106", {}, {}},
      {"demo-operator", "carrier_operator", "", {mi_index}, {}},
      {"demo-enterprise", "enterprise_member", "", {}, {huichu}},
      {"demo-investor", "investor", "", {}, {}},
      {"demo-expert", "expert", "", {}, {}},
  };
  // Review paths of the annual returns, from the region tree.
  {
    std::map<std::string, const core::RegionRow*> by_code;
    for (const auto& r : regions) by_code[r.code] = &r;
    auto chain = [&](const std::string& code) {
      std::vector<returns::RegionNode> out;
      for (auto it = by_code.find(code); it != by_code.end();
           it = by_code.find(it->second->parent_code)) {
        out.push_back({it->second->code, std::string(core::RegionLevelName(it->second->level))});
        if (it->second->parent_code.empty()) break;
      }
      std::reverse(out.begin(), out.end());
      return out;
    };
    net.seed = spec.seed;
    net.as_of = spec.as_of;
    for (const auto& c : net.carriers) {
      auto site = chain(c.region_code);
      if (site.empty()) {
        net.review_paths.emplace_back();
        continue;
      }
      net.review_paths.push_back(returns::ReviewPath(
          site, c.zone_code ? chain(*c.zone_code) : std::vector<returns::RegionNode>{}));
    }
  }
  if (progress) progress(total, total);
  return net;
}

}  // namespace incunet::domain::demo
