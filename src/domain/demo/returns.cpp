#include "domain/demo/returns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "domain/demo/rng.hpp"
#include "domain/returns/workflow.hpp"

namespace incunet::domain::demo {
namespace {

namespace reg = registry;
namespace ret = returns;
using stats::Day;
using stats::DayToString;
using stats::kNever;
using stats::ParseDay;

// Why a reviewer sends a return back (the reason is required).
const std::vector<std::string> kSendBackReasons = {
    "在孵企业数与在孵企业表行数不一致，请核对后重新报送",
    "总收入与分项收入合计不符，请补充说明",
    "孵化场地面积较上年变化较大，请提供说明材料",
    "管理机构从业人员数缺少专业技术人员分项，请补填",
    "部分在孵企业统一社会信用代码有误，请更正",
    "当年毕业企业数与在孵企业表中的毕业企业不一致",
};

std::string Fen(double yuan) { return std::to_string(std::llround(std::max(0.0, yuan) * 100)); }
std::string Area(double m2) { return fmt::format("{}", std::round(m2)); }
const char* Bool(bool b) { return b ? "true" : "false"; }

bool InForce(const std::string& from, const std::optional<std::string>& to, const std::string& on) {
  return from <= on && (!to || on <= *to);
}

// One stay of the carrier, as the forms of a year see it.
struct StayView {
  std::size_t enterprise = 0;
  const reg::Incubation* inc = nullptr;
};

// Per (enterprise, year) economics, the same whichever return reads them.
struct FirmYear {
  double income_yuan = 0;
  double rd_yuan = 0;
  int valid_ip = 0;
  bool mentored = false;
};
FirmYear EconomicsOf(std::uint64_t seed, std::size_t enterprise, int year,
                     const reg::Enterprise& e) {
  Rng r(seed ^ (0xA5A5ULL + enterprise * 131 + static_cast<std::uint64_t>(year) * 7919));
  FirmYear f;
  // Revenue grows with the workforce; a few firms pass 1000万元.
  f.income_yuan =
      std::round(e.employees * (60'000 + 340'000 * r.Unit()) * (r.Chance(0.03) ? 8 : 1));
  f.rd_yuan = std::round(f.income_yuan * (0.04 + 0.12 * r.Unit()));
  f.valid_ip = r.Chance(0.55) ? r.Between(1, 12) : 0;
  f.mentored = r.Chance(0.6);
  return f;
}

struct Context {
  const DemoNetwork& net;
  std::uint64_t seed;
  Day as_of;
  int current_year;
  std::vector<std::vector<StayView>> stays_of;          // by carrier
  std::vector<std::vector<std::size_t>> financings_of;  // by enterprise
};

// Financing of one enterprise: the amount raised within the year and whether any by its end.
std::pair<double, bool> FinancingOf(const Context& cx, std::size_t ei, int year) {
  double in_year = 0;
  bool any = false;
  std::string lo = fmt::format("{}-01-01", year), hi = fmt::format("{}-12-31", year);
  for (auto fi : cx.financings_of[ei]) {
    const auto& f = cx.net.financings[fi];
    if (f.financed_on <= hi) any = true;
    if (f.financed_on >= lo && f.financed_on <= hi) in_year += f.amount_fen / 100.0;
  }
  return {in_year, any};
}

bool Holds(const reg::Enterprise& e, const char* kind, const std::string& on) {
  for (const auto& q : e.qualifications)
    if (q.kind == kind && InForce(q.valid_from, q.valid_to, on)) return true;
  return false;
}

// The forms of carrier `ci` for `year`; rows only when `with_rows`.
void FillForms(const Context& cx, std::size_t ci, int year, bool with_rows, Rng& r,
               ret::AnnualReturn& out) {
  const reg::Carrier& c = cx.net.carriers[ci];
  const std::string ye = fmt::format("{}-12-31", year), ys = fmt::format("{}-01-01", year);
  auto& v = out.values;
  v["TDF711"] = c.name;
  v["TDF713"] = ci % 5 == 0 ? "事业" : "企业";
  bool national = false;
  for (const auto& rec : c.recognitions)
    national |= rec.level == "national" && InForce(rec.valid_from, rec.valid_to, ye);
  v["TDF721"] = Bool(national);
  v["TDF716"] = Bool(c.zone_code.has_value());
  v["TDF719"] = c.founded_on;
  v["TDF730"] = c.specialization == "specialized" ? "专业" : "综合";
  if (!c.address.empty()) v["TDF717"] = c.address;

  // Floor space as registered; the office and other space make up the rest.
  double office = std::round(c.area_total_m2 * 0.05);
  v["Tdf7e00"] = Area(c.area_total_m2);
  v["Tdf7e01"] = Area(office);
  v["Tdf7e02"] = Area(c.area_incubatee_m2);
  v["Tdf7e03"] = Area(c.area_public_service_m2);
  v["Tdf7e04"] = Area(
      std::max(0.0, c.area_total_m2 - office - c.area_incubatee_m2 - c.area_public_service_m2));

  long firms = 0, teams = 0, members = 0, employees = 0, graduated = 0, high_tech = 0, financed = 0;
  double income = 0, rd = 0, vc_cumulative = 0;
  for (const auto& s : cx.stays_of[ci]) {
    const auto& inc = *s.inc;
    if (!inc.started_on || *inc.started_on > ye) continue;
    bool active = !inc.ended_on || *inc.ended_on > ye;
    bool grad_in_year =
        inc.state == "graduated" && inc.ended_on && *inc.ended_on >= ys && *inc.ended_on <= ye;
    if (!active && !grad_in_year) continue;
    const reg::Enterprise& e = cx.net.enterprises[s.enterprise];
    // Graduations are counted as the registry's prefill counts them, teams included.
    graduated += grad_in_year;
    if (e.is_team) {
      if (active) ++teams, members += e.employees;
      continue;
    }
    FirmYear fy = EconomicsOf(cx.seed, s.enterprise, year, e);
    auto [vc_year, any_financing] = FinancingOf(cx, s.enterprise, year);
    bool ht = Holds(e, "high_tech", ye);
    if (active) {
      ++firms;
      employees += e.employees;
      high_tech += ht;
      financed += any_financing;
      income += fy.income_yuan;
      rd += fy.rd_yuan;
      for (auto fi : cx.financings_of[s.enterprise])
        if (cx.net.financings[fi].financed_on <= ye)
          vc_cumulative += cx.net.financings[fi].amount_fen / 100.0;
    }
    if (!with_rows) continue;
    ret::IncubateeRow row{static_cast<ret::Id>(s.enterprise), {}};
    auto& rv = row.values;
    rv["I01"] = e.name;
    if (e.uscc) rv["I02"] = *e.uscc;
    rv["I04"] = *inc.started_on;
    rv["I09"] = Bool(fy.mentored);
    rv["I10"] = Bool(grad_in_year);
    if (grad_in_year) rv["I11"] = *inc.ended_on;
    if (ht) rv["I12"] = "true";
    if (Holds(e, "tech_sme", ye)) rv["I12a"] = "true";
    if (vc_year > 0) rv["I16"] = Fen(vc_year);
    rv["I17"] = Area(inc.space_m2);
    rv["I19"] = Fen(fy.income_yuan);
    rv["I24"] = std::to_string(e.employees);
    rv["I25e"] = std::to_string(fy.valid_ip);
    out.incubatees.push_back(std::move(row));
  }
  v["Tdf7f00"] = std::to_string(firms);
  v["Tdf7f02"] = std::to_string(employees);
  v["Tdf7f03"] = Fen(income);
  v["Tdf7f04"] = Fen(rd);
  v["Tdf7f06"] = Fen(vc_cumulative);
  v["Tdf7f07"] = std::to_string(financed);
  v["Tdf7f08"] = std::to_string(graduated);
  v["Tdf7f09"] = std::to_string(teams);
  v["Tdf7f10"] = std::to_string(members);
  v["Tdf7f11"] = std::to_string(high_tech);

  // The operator's own accounts: rent and property fees by area, services and investment on top.
  bool makerspace = c.kind == "makerspace";
  double property = c.area_incubatee_m2 * (makerspace ? 300 : 200) * (0.7 + 0.6 * r.Unit());
  double service = property * (0.2 + 0.5 * r.Unit());
  double investment = r.Chance(0.3) ? property * r.Unit() : 0;
  double other = property * 0.1 * r.Unit();
  double total = property + service + investment + other;
  v["Tdf7b00"] = Fen(total);
  v["Tdf7b01"] = Fen(service);
  v["Tdf7b04"] = Fen(property);
  v["Tdf7b02"] = Fen(investment);
  v["Tdf7b03"] = Fen(other);
  double profit = total * (-0.1 + 0.3 * r.Unit());
  v["Tdf7b10"] = std::to_string(std::llround(profit * 100));
  v["Tdf7b11"] = Fen(total * (0.03 + 0.04 * r.Unit()));
  double grants = r.Chance(0.5) ? total * 0.2 * r.Unit() : 0;
  v["Tdf7b15"] = Fen(grants);
  v["Tdf7b16"] = Fen(grants * 0.3 * r.Unit());
  double fund = makerspace ? 500'000 + 4'500'000 * r.Unit() : 2'000'000 + 28'000'000 * r.Unit();
  v["Tdf7c60"] = Fen(std::round(fund / 1000) * 1000);
  double fixed = c.area_total_m2 * (800 + 2200 * r.Unit());
  v["Tdf7c00"] = Fen(fixed);
  v["Tdf7c10"] = Fen(fixed * (0.5 + 0.4 * r.Unit()));
  v["Tdf7a10"] = Fen(fixed * 0.4 * r.Unit());
  v["Tdf7a11"] = Fen(fixed * (0.3 + 0.5 * r.Unit()));

  // Staff and mentors in proportion to the firms served.
  long staff = std::max(3L, std::lround((firms + teams) / 7.0 + r.Between(2, 8)));
  v["Tdf7d00"] = std::to_string(staff);
  v["Tdf7d10"] = std::to_string(std::lround(staff * (0.6 + 0.35 * r.Unit())));
  v["Tdf7d11"] = std::to_string(std::lround(staff * (0.8 + 0.2 * r.Unit())));
  v["Tdf7d12"] = std::to_string(r.Chance(0.3) ? r.Between(1, 3) : 0);
  v["Tdf7d20"] =
      std::to_string(std::max(1L, std::lround((firms + teams) / 10.0 * (0.6 + 1.2 * r.Unit()))));
}

std::string Stamp(Day d, int hour) { return DayToString(d) + fmt::format("T{:02}:00:00Z", hour); }

// A reviewer's login for the history (the demo creates accounts only for a few of them).
std::string ReviewerLogin(const ret::ReviewStop& s) {
  return s.level == ret::kLevelNational ? "demo-national" : "demo-review-" + s.region_prefix;
}

void Event(DemoReturn& d, const char* decision, const std::string& level, const std::string& prefix,
           const std::string& reason, const std::string& login, const std::string& at) {
  d.reviews.push_back({0, 0, decision, level, prefix, reason, 0, login, at});
}

// Walks the return up its path: submitted on `day`, then `approvals` approvals a few days apart
// (the last approval at the national stop accepts it). Returns the day of the last step.
Day Advance(DemoReturn& d, const std::vector<ret::ReviewStop>& path, Day day, std::size_t approvals,
            Rng& r) {
  auto& rt = d.ret;
  if (!ret::Submit(rt, path)) return day;
  rt.submitted_at = Stamp(day, 9);
  Event(d, "submit", "carrier", "", "", "demo-operator", rt.submitted_at);
  for (std::size_t k = 0; k < approvals && rt.status == ret::kStatusSubmitted; ++k) {
    ret::ReviewStop at{rt.pending_level, rt.pending_prefix};
    if (!ret::Approve(rt, at.level, at.region_prefix)) break;
    day += r.Between(2, 12);
    bool accepted = rt.status == ret::kStatusAccepted;
    Event(d, accepted ? "accept" : "approve", at.level, at.region_prefix, "", ReviewerLogin(at),
          Stamp(day, 15));
    if (accepted) rt.accepted_at = Stamp(day, 15);
  }
  return day;
}

}  // namespace

void ForEachReturn(const DemoNetwork& net, const std::function<void(const DemoReturn&)>& sink) {
  Context cx{net, net.seed, ParseDay(net.as_of), stats::YearOf(ParseDay(net.as_of)), {}, {}};
  cx.stays_of.resize(net.carriers.size());
  for (const auto& di : net.incubations)
    if (di.carrier_index < net.carriers.size() && di.incubation.started_on)
      cx.stays_of[di.carrier_index].push_back({di.enterprise_index, &di.incubation});
  cx.financings_of.resize(net.enterprises.size());
  for (std::size_t i = 0; i < net.financings.size(); ++i)
    cx.financings_of[net.financings[i].enterprise_index].push_back(i);

  for (int year = cx.current_year - kAcceptedReturnYears; year <= cx.current_year; ++year) {
    const bool current = year == cx.current_year;
    const std::string ye = fmt::format("{}-12-31", year);
    for (std::size_t ci = 0; ci < net.carriers.size(); ++ci) {
      const reg::Carrier& c = net.carriers[ci];
      // Carriers active at the year end report on it.
      if (c.founded_on > ye || (c.closed_on && *c.closed_on <= ye)) continue;
      if (ci >= net.review_paths.size() || net.review_paths[ci].empty()) continue;
      Rng r(net.seed * 1'000'003ULL + ci * 97ULL + static_cast<std::uint64_t>(year));
      double u = r.Unit();
      // A few carriers never filed a past year; in the current year some have not started.
      if (!current && u < 0.02) continue;
      if (current && u < 0.08) continue;
      const auto& path = net.review_paths[ci];
      DemoReturn d;
      d.carrier_index = ci;
      auto& rt = d.ret;
      rt.year = year;
      rt.kind = c.kind;
      Day opened = ParseDay(fmt::format("{}-01-05", year + 1));
      Day created = opened + r.Between(0, 40);
      rt.created_at = Stamp(created, 8);
      // The latest past year and the current one carry the per-incubatee form.
      FillForms(cx, ci, year, year >= cx.current_year - 1, r, rt);
      Day day = created + r.Between(3, 30);
      if (!current) {
        Advance(d, path, day, path.size(), r);
      } else {
        // Draft 15%, returned 9%, waiting at one of the stops 48%, accepted 20%.
        double w = (u - 0.08) / 0.92;
        if (w < 0.16) {
          // draft: nothing submitted yet
        } else if (w < 0.26) {
          std::size_t reached = r.Below(path.size());
          day = Advance(d, path, day, reached, r);
          ret::ReviewStop at{rt.pending_level, rt.pending_prefix};
          const std::string& reason = r.Pick(kSendBackReasons);
          if (ret::SendBack(rt, at.level, at.region_prefix, reason)) {
            day += r.Between(1, 10);
            Event(d, "return", at.level, at.region_prefix, reason, ReviewerLogin(at),
                  Stamp(day, 16));
          }
        } else if (w < 0.78) {
          day = Advance(d, path, day, r.Below(path.size()), r);
        } else {
          day = Advance(d, path, day, path.size(), r);
        }
      }
      rt.updated_at = d.reviews.empty() ? Stamp(day, 10) : d.reviews.back().at;
      rt.version = 1 + static_cast<std::int64_t>(d.reviews.size());
      sink(d);
    }
  }
}

}  // namespace incunet::domain::demo
