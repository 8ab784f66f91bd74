// Statistics endpoints (docs/api/stats.md): summary with the year before, breakdown by child
// region for the map, the funnel, year-end series, one carrier, the DOMAIN.md target check and
// an Excel export. Visibility rules live in app::stats::StatsService.
#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "app/stats/codec.hpp"
#include "app/stats/service.hpp"
#include "core/dates.hpp"
#include "export/table.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

namespace st = domain::stats;
using app::stats::StatsService;

core::Result<std::optional<int>> YearParam(const Request& req, const char* name) {
  std::string v = req.Query(name);
  if (v.empty()) return std::optional<int>();
  if (v.size() != 4 || v.find_first_not_of("0123456789") != std::string::npos)
    return core::Fail(core::InvalidField("invalid_parameter", name,
                                         fmt::format("{} 必须是四位年份", name),
                                         fmt::format("{} must be a four-digit year", name)));
  return std::optional<int>(std::stoi(v));
}

// Response bodies of the public-facing reads, kept for the current write generation only (the
// same rule as the figures below them): a warm dashboard request costs one generation query and
// a lookup. Keyed by route, parameters, the resolved date and the caller's scope.
class BodyCache {
 public:
  std::optional<std::string> Get(std::int64_t gen, const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (gen != gen_) return std::nullopt;
    auto it = bodies_.find(key);
    if (it == bodies_.end()) return std::nullopt;
    return it->second;
  }
  void Put(std::int64_t gen, const std::string& key, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    if (gen != gen_) {
      bodies_.clear();
      gen_ = gen;
    }
    if (bodies_.size() >= 4096) bodies_.clear();
    bodies_.emplace(key, std::move(body));
  }

 private:
  std::mutex mu_;
  std::int64_t gen_ = -1;
  std::unordered_map<std::string, std::string> bodies_;
};

// Serves the cached body when there is one; otherwise runs `fn` and keeps a 200 answer.
template <typename Fn>
Response Cached(StatsService& svc, BodyCache& cache, const std::string& route, const Request& req,
                const Ctx& ctx, Fn fn) {
  std::string as_of = req.Query("as_of");
  if (as_of.empty()) as_of = svc.Today();
  std::string key = route + '\x1f' + req.Query("region") + '\x1f' + req.Query("parent") + '\x1f' +
                    req.Query("from") + '\x1f' + req.Query("to") + '\x1f' + as_of + '\x1f' +
                    StatsService::AudienceKey(ctx.actor);
  std::int64_t gen = svc.Generation();
  if (auto body = cache.Get(gen, key)) {
    Response r;
    r.body = std::move(*body);
    return r;
  }
  Response r = fn();
  if (r.status == 200) cache.Put(gen, key, r.body);
  return r;
}

exporter::Table StatsTable(const app::stats::Breakdown& b) {
  exporter::Table t;
  t.sheet_name = "统计";
  t.headers = {
      "地区代码",       "地区",         "层级",         "截至日期",           "在运营载体",
      "孵化器",         "众创空间",     "加速器",       "大学科技园",         "产业园",
      "省级",           "国家级",       "部级·标准级",  "部级·卓越级",        "国家备案众创空间",
      "覆盖县级单元",   "县级单元总数", "覆盖率",       "累计孵化科技型企业", "在孵企业",
      "创业团队",       "带动就业",     "上市挂牌企业", "科创板上市（孵化）", "科创板上市（全部）",
      "科创板孵化占比", "活动年份",     "活动场次",     "海外国家和地区",     "最早成立",
      "入孵企业",       "获得融资",     "毕业企业"};
  t.numeric.assign(t.headers.size(), true);
  for (int c : {0, 1, 2, 3, 26, 29}) t.numeric[c] = false;
  auto row = [&](const app::stats::RegionRef& r, const st::Figures& f) {
    std::vector<std::string> v = {r.code, r.name, r.level, b.as_of, std::to_string(f.carriers)};
    for (auto k : f.by_kind) v.push_back(std::to_string(k));
    for (std::size_t i = 1; i < f.by_tier.size(); ++i) v.push_back(std::to_string(f.by_tier[i]));
    for (auto n : {f.makerspace_filed, f.covered_units, f.coverage_units})
      v.push_back(std::to_string(n));
    v.push_back(fmt::format("{:.4f}", f.CoverageRatio()));
    for (auto n : {f.tech_enterprises, f.incubatees, f.teams, f.jobs, f.listed, f.star_incubated,
                   f.star_all})
      v.push_back(std::to_string(n));
    v.push_back(fmt::format("{:.4f}", f.StarShare()));
    v.push_back(std::to_string(f.events_year));
    v.push_back(std::to_string(f.events));
    v.push_back(std::to_string(f.overseas_countries));
    v.push_back(st::DayToString(f.earliest_founded));
    for (auto n : {f.admitted, f.financed, f.graduated}) v.push_back(std::to_string(n));
    t.rows.push_back(std::move(v));
  };
  row(b.parent, b.parent_figures);
  for (const auto& i : b.items) row(i.region, i.figures);
  return t;
}

}  // namespace

void RegisterStatsRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(app::stats::Schemas());
  auto svc = std::make_shared<StatsService>(s.store, s.clock);
  auto cache = std::make_shared<BodyCache>();
  const std::vector<QueryParam> region_q = {"region", "as_of"};

  r.Add({"GET",
         "/api/v1/stats/summary",
         Access::kPublic,
         "stats",
         "统计概览（含上年同期）/ Figures of a region with the year before",
         [svc, cache](Request& req, Ctx& ctx) {
           return Cached(*svc, *cache, "summary", req, ctx, [&] {
             auto v = svc->GetSummary(ctx.actor, req.Query("region"), req.Query("as_of"));
             if (!v) return ErrorResponse(v.error(), ctx);
             return JsonResponse(200, app::stats::ToJson(*v));
           });
         },
         {},
         200,
         region_q})
      .Op("getStatsSummary")
      .Returns(Ref("StatsSummary"))
      .Errors({403, 404});
  r.Add({"GET",
         "/api/v1/stats/by-region",
         Access::kPublic,
         "stats",
         "下级地区统计（地图下钻）/ Figures of each child region (map drill-down)",
         [svc, cache](Request& req, Ctx& ctx) {
           return Cached(*svc, *cache, "by-region", req, ctx, [&] {
             auto v = svc->ByRegion(ctx.actor, req.Query("parent"), req.Query("as_of"));
             if (!v) return ErrorResponse(v.error(), ctx);
             return JsonResponse(200, app::stats::ToJson(*v));
           });
         },
         {},
         200,
         {"parent", "as_of"}})
      .Op("getStatsByRegion")
      .Returns(Ref("StatsBreakdown"))
      .Errors({403, 404});
  r.Add({"GET",
         "/api/v1/stats/funnel",
         Access::kPublic,
         "stats",
         "孵化漏斗：入孵→融资→毕业→上市 / Funnel admitted → financed → graduated → listed",
         [svc, cache](Request& req, Ctx& ctx) {
           return Cached(*svc, *cache, "funnel", req, ctx, [&] {
             auto v = svc->GetSummary(ctx.actor, req.Query("region"), req.Query("as_of"));
             if (!v) return ErrorResponse(v.error(), ctx);
             return JsonResponse(200, app::stats::FunnelJson(*v));
           });
         },
         {},
         200,
         region_q})
      .Op("getStatsFunnel")
      .Returns(Ref("StatsFunnel"))
      .Errors({403, 404});
  r.Add({"GET",
         "/api/v1/stats/series",
         Access::kPublic,
         "stats",
         "逐年统计（年末）/ Figures at each year end",
         [svc, cache](Request& req, Ctx& ctx) {
           return Cached(*svc, *cache, "series", req, ctx, [&] {
             auto to = YearParam(req, "to");
             if (!to) return ErrorResponse(to.error(), ctx);
             auto from = YearParam(req, "from");
             if (!from) return ErrorResponse(from.error(), ctx);
             auto [first, last] = svc->SeriesWindow(*from, *to);
             auto v = svc->GetSeries(ctx.actor, req.Query("region"), first, last);
             if (!v) return ErrorResponse(v.error(), ctx);
             return JsonResponse(200, app::stats::ToJson(*v));
           });
         },
         {},
         200,
         {"region", {"from", ParamKind::kYear}, {"to", ParamKind::kYear}}})
      .Op("getStatsSeries")
      .Returns(Ref("StatsSeries"))
      .Errors({403, 404, 422});
  r.Add({"GET",
         "/api/v1/stats/carriers/{id}",
         Access::kLoggedIn,
         "stats",
         "单个载体统计 / Figures of one carrier",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto v = svc->ForCarrier(ctx.actor, *id, req.Query("as_of"));
           if (!v) return ErrorResponse(v.error(), ctx);
           return JsonResponse(200, app::stats::ToJson(*v));
         },
         {},
         200,
         {"as_of"}})
      .Op("getCarrierStats")
      .Returns(Ref("CarrierStats"));
  r.Add({"GET", "/api/v1/stats/targets", Access::kPublic, "stats",
         "对照 DOMAIN.md 全国指标核验 / National figures checked against their targets",
         [svc](Request& req, Ctx& ctx) {
           Json items = Json::array();
           bool all_ok = true;
           for (const auto& c : svc->CheckTargets(1.0)) {
             all_ok = all_ok && c.ok;
             items.push_back({{"key", c.target.key},
                              {"label", c.target.label},
                              {"region", c.target.region.empty() ? std::string(st::kNationalCode)
                                                                 : c.target.region},
                              {"as_of", st::DayToString(st::YearEnd(c.target.year))},
                              {"actual", c.actual},
                              {"low", c.low},
                              {"high", c.high},
                              {"ok", c.ok}});
           }
           return JsonResponse(200, Json{{"ok", all_ok}, {"items", items}});
         }})
      .Op("getStatsTargets")
      .Returns(Ref("StatsTargets"));
  r.Add({"GET",
         "/api/v1/stats/export.xlsx",
         Access::kPublic,
         "stats",
         "导出地区及下级统计（Excel）/ Export a region and its children as Excel",
         [svc](Request& req, Ctx& ctx) {
           auto v = svc->ByRegion(ctx.actor, req.Query("region"), req.Query("as_of"));
           if (!v) return ErrorResponse(v.error(), ctx);
           if (!app::stats::MayView(ctx.actor, v->parent.code, v->parent.level))
             return ErrorResponse({ctx.actor.user_id ? core::ErrorCode::kForbidden
                                                     : core::ErrorCode::kUnauthenticated,
                                   ctx.actor.user_id ? "out_of_scope" : "login_required",
                                   "该地区统计不在您的数据范围内",
                                   "this region's statistics are outside your data scope",
                                   {}},
                                  ctx);
           Response res;
           res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
           res.body = exporter::ToXlsx(StatsTable(*v));
           res.Set("Content-Disposition", fmt::format("attachment; filename=\"stats-{}-{}.xlsx\"",
                                                      v->parent.code, v->as_of));
           return res;
         },
         {},
         200,
         region_q})
      .Op("exportStats")
      .Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
      .Errors({403, 404});
}

}  // namespace incunet::http
