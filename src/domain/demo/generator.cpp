#include "domain/demo/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <map>

#include "core/dates.hpp"
#include "core/uscc.hpp"

namespace incunet::domain::demo {
namespace {

namespace reg = registry;

// splitmix64: portable and deterministic, unlike std:: distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n ? static_cast<std::size_t>(Next() % n) : 0; }
  double Unit() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  std::uint64_t s_;
};

// Relative weight of each province, after the 2019 Torch counts of incubators and makerspaces
// (广东 and 江苏 largest).
const std::map<std::string, double> kProvinceWeight = {
    {"44", 1013}, {"32", 832}, {"33", 560}, {"37", 520}, {"11", 380}, {"31", 300}, {"42", 280},
    {"41", 270},  {"51", 260}, {"35", 230}, {"13", 220}, {"34", 210}, {"12", 160}, {"43", 170},
    {"61", 170},  {"21", 160}, {"50", 140}, {"36", 130}, {"53", 90},  {"45", 100}, {"14", 90},
    {"22", 80},   {"23", 90},  {"52", 70},  {"62", 60},  {"15", 60},  {"65", 50},  {"64", 30},
    {"63", 25},   {"46", 30},  {"54", 10}};

const std::vector<std::string> kDomains = {"电子信息",   "生物与新医药", "航空航天", "新材料",
                                           "高技术服务", "新能源与节能", "资源与环境",
                                           "先进制造与自动化", "人工智能", "集成电路",
                                           "生物医药", "机器人", "现代农业"};
const std::vector<std::string> kCarrierWords = {"创新", "科技", "智谷", "创业", "星火", "启航",
                                                "未来", "硅巷", "云谷", "光谷", "慧谷", "青年"};
const std::vector<std::string> kFirmWords = {"智芯", "云图", "星链", "博睿", "华创", "瑞康",
                                             "微纳", "极光", "海思", "远景", "数联", "新材",
                                             "精工", "蓝海", "绿能", "天衡", "量子", "启明"};
const std::vector<std::string> kFirmTrades = {"科技", "信息技术", "生物科技", "智能装备",
                                              "新材料", "医疗器械", "软件", "环保科技"};
const char kUsccBody[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::string Date(int y, int m, int d) { return fmt::format("{:04}-{:02}-{:02}", y, m, d); }

std::string RandomDate(Rng& r, int y0, int y1) {
  return Date(r.Between(y0, y1), r.Between(1, 12), r.Between(1, 28));
}

std::string Uscc(Rng& r, const std::string& region, std::uint64_t serial) {
  // 91 = enterprise legal person; 9-char body mixes a serial (uniqueness) and noise.
  std::string body;
  std::uint64_t v = serial;
  for (int i = 0; i < 5; ++i) {
    body += kUsccBody[v % 31];
    v /= 31;
  }
  for (int i = 0; i < 4; ++i) body += kUsccBody[r.Below(31)];
  return core::MakeUscc("91" + region + body);
}

struct Place {
  std::string county;  // county-level unit or county-less city
  std::string city_name;
  std::string county_name;
};

}  // namespace

std::size_t CarrierCountFor(const std::string& scale) {
  if (scale == "national") return 16000;
  if (scale == "province") return 1600;
  return 240;
}

DemoNetwork GenerateDemo(const DemoSpec& spec, const std::vector<core::RegionRow>& regions) {
  Rng rng(spec.seed);
  DemoNetwork net;
  int as_of_year = std::stoi(spec.as_of.substr(0, 4));

  // Places per province, and the zone list per city.
  std::map<std::string, std::string> names;
  std::map<std::string, std::vector<Place>> places;
  std::map<std::string, std::vector<std::string>> zones_of_city;
  std::vector<std::string> countries;
  for (const auto& r : regions) names[r.code] = r.name;
  for (const auto& r : regions) {
    if (r.level == core::RegionLevel::kCountry) countries.push_back(r.code);
    if (r.level == core::RegionLevel::kZone) zones_of_city[r.parent_code].push_back(r.code);
    if (!core::IsCoverageUnit(r)) continue;
    std::string prov = r.code.substr(0, 2);
    std::string city = r.level == core::RegionLevel::kCity ? r.code : r.parent_code;
    places[prov].push_back({r.code, names[city], r.name});
  }

  auto add_carrier = [&](reg::Carrier c) {
    net.carriers.push_back(std::move(c));
    return net.carriers.size() - 1;
  };
  std::uint64_t serial = 1;

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
  // 北京10号线"青创村": three parks along Line 10 in 丰台区 and the hardware incubator with its
  // free shared labs.
  auto jjm = named("纪家庙双创产业园", "industrial_park", "110106", "2016-06-01", 60000,
                   "general", std::nullopt);
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
  mi.recognitions.push_back({0, 0, "MOST", "national", "2019-01-01", std::nullopt,
                             "国科发区〔2018〕300号"});
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
  const std::vector<std::pair<std::string, std::string>> valley_domains = {
      {"人工智能", "I65"}, {"生命科学", "C27"}, {"机器人", "C34"}, {"空天信息", "I65"},
      {"集成电路", "C39"}};
  for (const auto& [domain_name, industry] : valley_domains) {
    auto c = named("科大硅谷" + domain_name + "孵化器", "incubator", "340104", "2022-01-01",
                   15000, "specialized", industry);
    c.address = "安徽省合肥市蜀山区";
    c.recognitions.push_back({0, 0, "34", "provincial", "2023-06-01", std::nullopt, "皖科区〔2023〕"});
    valley.carrier_indexes.push_back(add_carrier(c));
  }
  net.clusters.push_back(valley);

  // ---- generated carriers ----
  double total_weight = 0;
  for (const auto& [p, w] : kProvinceWeight) total_weight += w;
  std::size_t target = CarrierCountFor(spec.scale);
  while (net.carriers.size() < target) {
    double pick = rng.Unit() * total_weight;
    std::string prov = "11";
    for (const auto& [p, w] : kProvinceWeight) {
      pick -= w;
      if (pick <= 0) {
        prov = p;
        break;
      }
    }
    const auto& pl = places[prov];
    if (pl.empty()) continue;
    const Place& place = pl[rng.Below(pl.size())];
    reg::Carrier c;
    double k = rng.Unit();
    c.kind = k < 0.39 ? "incubator"
             : k < 0.97 ? "makerspace"
             : k < 0.985 ? "accelerator"
             : k < 0.995 ? "university_park"
                         : "industrial_park";
    int first_year = c.kind == "makerspace" ? 2015 : 1987;
    // Most carriers are recent: squash towards the present.
    double u = rng.Unit();
    int year = as_of_year - 1 - static_cast<int>((as_of_year - 1 - first_year) * u * u * u);
    c.founded_on = Date(year, rng.Between(1, 12), rng.Between(1, 28));
    std::string suffix = c.kind == "incubator" ? "科技企业孵化器"
                         : c.kind == "makerspace" ? "众创空间"
                         : c.kind == "accelerator" ? "加速器"
                         : c.kind == "university_park" ? "大学科技园"
                                                        : "产业园";
    c.name = fmt::format("{}{}{}{}", place.county_name, rng.Pick(kCarrierWords), suffix,
                         net.carriers.size() % 7 == 0 ? fmt::format("（{}号）", net.carriers.size()) : "");
    c.region_code = place.county;
    std::string city = place.county.substr(0, 4) + "00";
    if (zones_of_city.count(city) && rng.Chance(0.25)) c.zone_code = rng.Pick(zones_of_city[city]);
    c.address = place.city_name + place.county_name;
    c.operator_uscc = Uscc(rng, place.county, serial++);
    c.specialization = rng.Chance(0.3) ? "specialized" : "general";
    if (c.specialization == "specialized") c.industry = "C39";
    double area = c.kind == "makerspace" ? rng.Between(500, 5000) : rng.Between(3000, 40000);
    c.area_total_m2 = area;
    c.area_self_controlled_m2 = std::round(area * (0.6 + 0.4 * rng.Unit()));
    c.area_incubatee_m2 = std::round(area * (0.5 + 0.25 * rng.Unit()));
    c.area_public_service_m2 = std::round(area * 0.1);
    if (c.kind == "incubator" && year < as_of_year - 4 && rng.Chance(0.28)) {
      c.recognitions.push_back({0, 0, "MOST", "national", RandomDate(rng, std::max(year + 3, 2000), 2024),
                                std::nullopt, "国科发区〔2018〕300号"});
    } else if (c.kind == "incubator" && rng.Chance(0.35)) {
      c.recognitions.push_back({0, 0, prov, "provincial", RandomDate(rng, std::max(year + 1, 2005), 2025),
                                std::nullopt, ""});
    } else if (c.kind == "makerspace" && rng.Chance(0.25)) {
      c.recognitions.push_back({0, 0, "MOST", "makerspace_filing", RandomDate(rng, std::max(year + 1, 2016), 2022),
                                std::nullopt, "国科火字〔2017〕120号"});
    }
    if (c.kind != "makerspace" && rng.Chance(0.015) && !countries.empty())
      c.overseas_sites.push_back({rng.Pick(countries), ""});
    if (rng.Chance(0.01)) c.closed_on = RandomDate(rng, year + 1, as_of_year - 1);
    add_carrier(std::move(c));
  }

  // ---- enterprises and their stays ----
  double per_carrier = spec.scale == "small" ? 10 : 31;
  for (std::size_t ci = 0; ci < net.carriers.size(); ++ci) {
    const auto& carrier = net.carriers[ci];
    int n = static_cast<int>(per_carrier * (0.4 + 1.2 * rng.Unit()));
    int carrier_year = std::stoi(carrier.founded_on.substr(0, 4));
    for (int i = 0; i < n; ++i) {
      reg::Enterprise e;
      bool team = carrier.kind == "makerspace" && rng.Chance(0.35);
      e.is_team = team;
      e.region_code = carrier.region_code;
      int start_year = std::max(carrier_year, as_of_year - 8) + static_cast<int>(rng.Below(
                           std::max(1, as_of_year - std::max(carrier_year, as_of_year - 8) + 1)));
      start_year = std::min(start_year, as_of_year);
      std::string applied = RandomDate(rng, start_year, start_year);
      if (applied > spec.as_of) applied = spec.as_of;
      if (team) {
        e.name = fmt::format("{}{}创业团队", rng.Pick(kFirmWords), rng.Pick(kFirmWords));
      } else {
        e.name = fmt::format("{}{}{}{}有限公司", names[carrier.region_code.substr(0, 4) + "00"].empty()
                                                ? names[carrier.region_code.substr(0, 2) + "0000"]
                                                : names[carrier.region_code.substr(0, 4) + "00"],
                             rng.Pick(kFirmWords), rng.Pick(kFirmWords), rng.Pick(kFirmTrades));
        e.uscc = Uscc(rng, carrier.region_code, serial++);
        e.founded_on = RandomDate(rng, start_year - 1, start_year);
        if (e.founded_on > applied) e.founded_on = applied;
      }
      e.domains = {rng.Pick(kDomains)};
      e.employees = team ? rng.Between(2, 6) : rng.Between(3, 14);
      reg::Incubation inc;
      inc.applied_on = applied;
      double s = rng.Unit();
      auto admitted = core::Date::Parse(applied)->AddDays(rng.Between(5, 40)).ToString();
      if (admitted > spec.as_of) admitted = spec.as_of;
      inc.space_m2 = team ? rng.Between(10, 40) : rng.Between(40, 400);
      if (s < 0.02) {
        inc.state = "applied";
      } else {
        inc.admitted_on = admitted;
        inc.started_on = admitted;
        inc.state = "incubating";
        if (s > 0.70 && start_year <= as_of_year - 2) {
          bool graduated = s < 0.92;
          auto end = core::Date::Parse(admitted)->AddMonths(rng.Between(18, 46)).ToString();
          if (end > spec.as_of) end = spec.as_of;
          inc.state = graduated ? "graduated" : "exited";
          inc.ended_on = end;
          inc.end_reason = inc.state;
          if (graduated && !team && rng.Chance(0.04))
            e.listings.push_back({rng.Chance(0.3) ? "star" : rng.Chance(0.5) ? "neeq" : "chinext",
                                  fmt::format("{:06}", 300000 + serial), end});
        }
      }
      if (!team) {
        if (rng.Chance(0.45))
          e.qualifications.push_back({"tech_sme", std::max(e.founded_on, applied.substr(0, 4) + "-06-30"), std::nullopt});
        if (rng.Chance(0.15))
          e.qualifications.push_back({"high_tech", RandomDate(rng, start_year, std::min(as_of_year, start_year + 3)), std::nullopt});
        if (rng.Chance(0.02))
          e.qualifications.push_back({"srdi", RandomDate(rng, start_year, as_of_year), std::nullopt});
      }
      net.enterprises.push_back(std::move(e));
      net.incubations.push_back({inc, net.enterprises.size() - 1, ci});
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
  return net;
}

}  // namespace incunet::domain::demo
