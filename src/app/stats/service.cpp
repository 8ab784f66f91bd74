#include "app/stats/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/dates.hpp"

namespace incunet::app::stats {

namespace st = domain::stats;

bool MayView(const Actor& a, const std::string& code, const std::string& level) {
  if (level == "national" || level == "province") return true;
  return ScopeCoversRegion(a.scope, code);  // a visitor's scope covers no region
}

std::shared_ptr<const st::Cube> StatsService::Snapshot::CubeFor(st::Day d) {
  std::lock_guard<std::mutex> lock(mu);
  auto it = cubes.find(d);
  if (it != cubes.end()) return it->second;
  if (cubes.size() >= 64) cubes.erase(cubes.begin());  // bounded: a few MiB per date nationally
  auto cube = std::make_shared<const st::Cube>(st::ComputeCube(*facts, d));
  cubes.emplace(d, cube);
  return cube;
}

std::shared_ptr<StatsService::Snapshot> StatsService::Patch(Tx& tx, Snapshot& base) {
  auto changes = tx.stats().ChangesSince(base.generation, kMaxChanges);
  if (!changes || changes->regions) return nullptr;
  const st::Facts& old = *base.facts;
  st::FactsPatch patch;
  patch.carrier_ids = changes->carriers;
  tx.stats().LoadCarriers(old, patch);
  // An enterprise's share depends on the regions of its stays' carriers.
  std::vector<std::int64_t> ents = changes->enterprises;
  for (std::int64_t id : st::EnterprisesMovedWithCarriers(old, patch)) ents.push_back(id);
  std::sort(ents.begin(), ents.end());
  ents.erase(std::unique(ents.begin(), ents.end()), ents.end());
  if (ents.size() + patch.carrier_ids.size() > kMaxChanges) return nullptr;
  patch.enterprise_ids = std::move(ents);
  tx.stats().LoadEnterprises(old, patch);

  // The facts of the snapshot before `base` when no reader holds them any more: their buffers
  // are reused.
  std::shared_ptr<st::Facts> next =
      spare_ && spare_.use_count() == 1 ? std::move(spare_) : std::make_shared<st::Facts>();
  spare_.reset();
  std::vector<std::int32_t> removed, added;
  st::ApplyPatch(old, patch, *next, removed, added);
  auto fresh = std::make_shared<Snapshot>();
  fresh->generation = changes->generation;
  {
    std::lock_guard<std::mutex> lock(base.mu);
    for (const auto& [day, cube] : base.cubes) {
      auto patched = std::make_shared<st::Cube>(*cube);
      st::PatchCube(old, *next, removed, added, !patch.carrier_ids.empty(), *patched);
      fresh->cubes.emplace(day, std::move(patched));
    }
  }
  fresh->facts = std::move(next);
  return fresh;
}

std::shared_ptr<StatsService::Snapshot> StatsService::Current() {
  std::shared_ptr<Snapshot> out;
  store_.Read([&](Tx& tx) {
    std::int64_t gen = tx.stats().ChangeSeq();
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (snap_ && snap_->generation == gen) {
        out = snap_;
        return;
      }
    }
    std::lock_guard<std::mutex> load(load_mu_);
    std::shared_ptr<Snapshot> base;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (snap_ && snap_->generation == gen) {
        out = snap_;
        return;
      }
      base = snap_;
    }
    // A generation that went back (a restored database) cannot be patched forward.
    std::shared_ptr<Snapshot> fresh = base && base->generation < gen ? Patch(tx, *base) : nullptr;
    if (fresh) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++patches_;
        snap_ = fresh;
        out = fresh;
      }
      // Readers reach snapshots only through snap_: when nobody else holds the old one now,
      // nobody will, and its facts become the buffers of the next patch.
      if (base.use_count() == 1 && base->facts.use_count() == 1)
        spare_ = std::const_pointer_cast<st::Facts>(base->facts);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      base.reset();
      snap_.reset();  // let the old facts go before the new ones are read
      spare_.reset();
    }
    fresh = std::make_shared<Snapshot>();
    fresh->generation = gen;
    auto facts = std::make_shared<st::Facts>(tx.stats().LoadFacts());  // not const: reused
    // The first patch's buffers, faulted in now (a few hundred ms nationally, once) rather than
    // on the first read after a write.
    auto spare = std::make_shared<st::Facts>();
    std::vector<std::int32_t> removed, added;
    st::ApplyPatch(*facts, st::FactsPatch{}, *spare, removed, added);
    fresh->facts = std::move(facts);
    std::lock_guard<std::mutex> lock(mu_);
    ++loads_;
    snap_ = fresh;
    spare_ = std::move(spare);
    out = fresh;
  });
  return out;
}

std::int64_t StatsService::Generation() {
  std::int64_t gen = 0;
  store_.Read([&](Tx& tx) { gen = tx.stats().ChangeSeq(); });
  return gen;
}

core::Result<st::Day> StatsService::AsOf(const std::string& text) const {
  std::string t = text.empty() ? core::CivilDateCst(now_.Now()) : text;
  auto d = core::Date::Parse(t);
  if (!d || d->year() < 1900 || d->year() > 2200)
    return core::Fail(core::InvalidField("invalid_date", "as_of",
                                         "as_of 必须是 YYYY-MM-DD 格式的日期",
                                         "as_of must be a date YYYY-MM-DD"));
  return st::ParseDay(t);
}

core::Result<std::int32_t> StatsService::Node(const st::Facts& f, const Actor& a,
                                              const std::string& region) const {
  std::int32_t n = f.FindRegion(region);
  if (n < 0) return core::Fail(core::NotFound("地区 " + region, "region " + region));
  const auto& r = f.regions[n];
  if (MayView(a, r.code, r.level)) return n;
  if (a.user_id == 0)
    return core::Fail(core::ErrorCode::kUnauthenticated, "login_required",
                      "市、县级统计需登录后查看", "city and county statistics need a login");
  return core::Fail(core::ErrorCode::kForbidden, "out_of_scope", "该地区不在您的数据范围内",
                    "this region is outside your data scope");
}

RegionRef StatsService::Ref(const st::Facts& f, std::int32_t node) {
  const auto& r = f.regions[node];
  return {r.code, r.name, r.level, r.name_en};
}

core::Result<Summary> StatsService::GetSummary(const Actor& a, const std::string& region,
                                               const std::string& as_of) {
  auto d = AsOf(as_of);
  if (!d) return tl::unexpected(d.error());
  auto snap = Current();
  auto n = Node(*snap->facts, a, region);
  if (!n) return tl::unexpected(n.error());
  auto date = core::Date::Parse(st::DayToString(*d));
  st::Day prev = st::ParseDay(date->AddYears(-1).ToString());
  Summary s;
  s.region = Ref(*snap->facts, *n);
  s.as_of = st::DayToString(*d);
  s.previous_as_of = st::DayToString(prev);
  s.figures = snap->CubeFor(*d)->regions[*n];
  s.previous = snap->CubeFor(prev)->regions[*n];
  return s;
}

core::Result<Breakdown> StatsService::ByRegion(const Actor& a, const std::string& parent,
                                               const std::string& as_of) {
  auto d = AsOf(as_of);
  if (!d) return tl::unexpected(d.error());
  auto snap = Current();
  const st::Facts& f = *snap->facts;
  std::int32_t p = f.FindRegion(parent);
  if (p < 0) return core::Fail(core::NotFound("地区 " + parent, "region " + parent));
  auto cube = snap->CubeFor(*d);
  Breakdown b;
  b.parent = Ref(f, p);
  b.as_of = st::DayToString(*d);
  bool parent_visible = MayView(a, f.regions[p].code, f.regions[p].level);
  if (parent_visible) b.parent_figures = cube->regions[p];
  std::size_t hidden = 0;
  for (std::size_t i = 0; i < f.regions.size(); ++i) {
    if (f.regions[i].parent != p || static_cast<std::int32_t>(i) == p) continue;
    if (!MayView(a, f.regions[i].code, f.regions[i].level)) {
      ++hidden;
      continue;
    }
    b.items.push_back({Ref(f, static_cast<std::int32_t>(i)), cube->regions[i]});
  }
  if (b.items.empty() && hidden > 0) {
    // The caller may see none of the children: say why (401 for visitors, 403 otherwise).
    if (a.user_id == 0)
      return core::Fail(core::ErrorCode::kUnauthenticated, "login_required",
                        "市、县级统计需登录后查看", "city and county statistics need a login");
    return core::Fail(core::ErrorCode::kForbidden, "out_of_scope", "该地区不在您的数据范围内",
                      "this region is outside your data scope");
  }
  std::sort(b.items.begin(), b.items.end(), [](const RegionFigures& x, const RegionFigures& y) {
    return x.region.code < y.region.code;
  });
  return b;
}

core::Result<Series> StatsService::GetSeries(const Actor& a, const std::string& region,
                                             int from_year, int to_year) {
  if (from_year > to_year || to_year - from_year >= 40 || from_year < 1900 || to_year > 2200)
    return core::Fail(core::InvalidField("invalid_range", "from",
                                         "年份范围无效（from ≤ to，最多 40 年）",
                                         "invalid year range (from <= to, at most 40 years)"));
  auto snap = Current();
  auto n = Node(*snap->facts, a, region);
  if (!n) return tl::unexpected(n.error());
  Series s;
  s.region = Ref(*snap->facts, *n);
  for (int y = from_year; y <= to_year; ++y) {
    st::Day d = st::YearEnd(y);
    s.points.push_back({st::DayToString(d), snap->CubeFor(d)->regions[*n]});
  }
  return s;
}

core::Result<CarrierFigures> StatsService::ForCarrier(const Actor& a, std::int64_t carrier_id,
                                                      const std::string& as_of) {
  auto d = AsOf(as_of);
  if (!d) return tl::unexpected(d.error());
  auto snap = Current();
  const st::Facts& f = *snap->facts;
  std::int32_t ci = f.FindCarrier(carrier_id);
  if (ci < 0)
    return core::Fail(core::NotFound("孵化载体 " + std::to_string(carrier_id),
                                     "carrier " + std::to_string(carrier_id)));
  std::int32_t node = f.carriers[ci].region;
  std::string code = node >= 0 ? f.regions[node].code : "";
  if (!ScopeCoversCarrier(a.scope, carrier_id, code) && a.user_id == 0)
    return core::Fail(core::ErrorCode::kUnauthenticated, "login_required", "载体统计需登录后查看",
                      "carrier statistics need a login");
  if (!ScopeCoversCarrier(a.scope, carrier_id, code))
    return core::Fail(core::ErrorCode::kForbidden, "out_of_scope", "该载体不在您的数据范围内",
                      "this carrier is outside your data scope");
  CarrierFigures c;
  c.carrier_id = carrier_id;
  if (node >= 0) c.region = Ref(f, node);
  c.as_of = st::DayToString(*d);
  c.figures = st::ComputeCarrier(f, ci, *d);
  auto date = core::Date::Parse(c.as_of);
  c.previous = st::ComputeCarrier(f, ci, st::ParseDay(date->AddYears(-1).ToString()));
  return c;
}

core::Result<st::Figures> StatsService::Rebuild(const std::string& region,
                                                const std::string& as_of) {
  auto d = AsOf(as_of);
  if (!d) return tl::unexpected(d.error());
  st::Facts f;
  store_.Read([&](Tx& tx) { f = tx.stats().LoadFacts(); });
  std::int32_t n = f.FindRegion(region);
  if (n < 0) return core::Fail(core::NotFound("地区 " + region, "region " + region));
  return st::ComputeCube(f, *d).regions[n];
}

std::vector<st::TargetCheck> StatsService::CheckTargets(double scale) {
  auto snap = Current();
  return st::CheckTargets(
      [&](const std::string& region, st::Day d) {
        std::int32_t n = snap->facts->FindRegion(region);
        return n < 0 ? st::Figures{} : snap->CubeFor(d)->regions[n];
      },
      scale);
}

std::string StatsService::Today() const { return core::CivilDateCst(now_.Now()); }

std::string StatsService::AudienceKey(const Actor& a) {
  using K = Scope::Kind;
  switch (a.scope.kind) {
    case K::kNational:
      return "n";
    case K::kRegion:
      return "r" + a.scope.region_prefix;
    case K::kPublic:
      return a.user_id ? "u" : "p";
    default:
      return fmt::format("u{}", a.user_id);
  }
}

std::pair<int, int> StatsService::SeriesWindow(std::optional<int> from,
                                               std::optional<int> to) const {
  int last = to ? *to : core::Date::Parse(Today()).value().year();
  return {from ? *from : last - 9, last};
}

}  // namespace incunet::app::stats
