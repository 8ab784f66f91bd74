#include "app/registry/codec.hpp"
#include "core/limits.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

namespace reg = domain::registry;
using app::registry::ToJson;

template <typename T>
Json Items(const std::vector<T>& v) {
  Json a = Json::array();
  for (const auto& x : v) a.push_back(ToJson(x));
  return a;
}

template <std::size_t N>
std::vector<std::string> Values(const char* const (&names)[N]) {
  return {std::begin(names), std::end(names)};
}

template <typename T>
Response Created(const T& entity, const std::string& base) {
  Response r = JsonResponse(201, ToJson(entity));
  r.Set("Location", base + "/" + std::to_string(entity.id));
  return r;
}

template <typename T>
Response OkOr(const core::Result<T>& r, const Ctx& ctx) {
  if (!r) return ErrorResponse(r.error(), ctx);
  return JsonResponse(200, ToJson(*r));
}

// Reads the optimistic-concurrency version from If-Match ("3" or W/"3") or the body's "version".
core::Result<std::pair<std::int64_t, bool>> ReadVersion(const Request& req, app::JsonReader& jr) {
  std::int64_t v = -1;
  jr.Int("version", v);
  const std::string& im = req.Header("if-match");
  if (!im.empty()) {
    std::string digits;
    for (char c : im)
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.empty() || digits.size() > 18)
      return core::Fail(core::ErrorCode::kMalformed, "invalid_if_match", "If-Match 头格式无效",
                        "invalid If-Match header");
    return std::pair{std::stoll(digits), true};
  }
  if (v < 0) {
    core::Error e{core::ErrorCode::kMalformed,
                  "missing_field",
                  "更新时必须提供 version 字段或 If-Match 头",
                  "an update needs the version field or an If-Match header",
                  {}};
    e.details["field"] = "version";
    return tl::unexpected(e);
  }
  return std::pair{v, false};
}

// PATCH for a versioned entity: reads the version (body or If-Match), checks the body's shape
// before touching the database, then lets the use case apply the same fields to the stored
// record inside its transaction.
template <typename Entity, typename ReadFn, typename UpdateFn>
Response PatchVersioned(Request& req, Ctx& ctx, ReadFn read, UpdateFn update) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(id.error(), ctx);
  auto body = app::ParseJsonBody(req.body);
  if (!body) return ErrorResponse(body.error(), ctx);
  app::JsonReader jr(*body);
  auto ver = ReadVersion(req, jr);
  if (!ver) return ErrorResponse(ver.error(), ctx);
  auto apply_body = [&](Entity& e) -> core::Status {
    app::JsonReader apply(*body);
    std::int64_t ignored;
    apply.Int("version", ignored);
    read(apply, e);
    return apply.Finish();
  };
  Entity probe;
  if (auto st = apply_body(probe); !st) return ErrorResponse(st.error(), ctx);
  return OkOr(update(*id, ver->first, ver->second, apply_body), ctx);
}

Json CarrierExample() {
  return Json{{"kind", "incubator"},
              {"name", "深圳湾科技创业孵化器"},
              {"operator_uscc", "91440300MA5DA1B2CC"},
              {"region_code", "440305"},
              {"address", "南山区科技园"},
              {"founded_on", "2016-05-01"},
              {"specialization", "general"},
              {"area_total_m2", 12000},
              {"area_self_controlled_m2", 11000},
              {"area_incubatee_m2", 8000},
              {"area_public_service_m2", 1500}};
}

}  // namespace

void RegisterRegistryRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  auto& reg_svc = s.registry;
  r.AddSchemas(app::registry::Schemas());

  // ---- regions ----
  r.Add({"GET",
         "/api/v1/regions",
         Access::kPublic,
         "registry",
         "行政区划列表 / List regions",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::registry::RegionQuery q;
           if (req.query.count("parent")) q.parent = req.Query("parent");
           if (req.query.count("level")) q.level = req.Query("level");
           q.q = req.Query("q");
           auto page = reg_svc.ListRegions(q, *p);
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         },
         {},
         200,
         {"parent", {"level", {"province", "city", "county", "zone"}}, "q", "limit", "cursor"}})
      .Op("listRegions")
      .Returns(Page(Ref("Region")));
  r.Add({"GET", "/api/v1/regions/{code}", Access::kPublic, "registry",
         "行政区划详情及上级 / A region with its ancestors",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto d = reg_svc.GetRegion(req.params["code"]);
           if (!d) return ErrorResponse(d.error(), ctx);
           Json j = ToJson(d->region);
           j["ancestors"] = Items(d->ancestors);
           return JsonResponse(200, j);
         }})
      .Op("getRegion")
      .Returns(Ref("RegionWithAncestors"));

  // ---- carriers ----
  r.Add({"GET",
         "/api/v1/carriers",
         Access::kPublic,
         "registry",
         "孵化载体列表 / List carriers",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::registry::CarrierQuery q{req.Query("region"), req.Query("kind"), req.Query("tier"),
                                         req.Query("q"), req.Query("sort", "name")};
           if (q.sort != "name" && q.sort != "-name" && q.sort != "founded_on" &&
               q.sort != "-founded_on")
             return ErrorResponse({core::ErrorCode::kMalformed,
                                   "invalid_parameter",
                                   "sort 必须是 name、-name、founded_on 或 -founded_on",
                                   "sort must be name, -name, founded_on or -founded_on",
                                   {{"field", "sort"}}},
                                  ctx);
           auto page = reg_svc.ListCarriers(ctx.actor, q, *p);
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         },
         {},
         200,
         {"region",
          {"kind", Values(reg::kCarrierKinds)},
          {"tier", {"none", "provincial", "national", "standard", "excellence"}},
          "q",
          {"sort", {"name", "-name", "founded_on", "-founded_on"}},
          "limit",
          "cursor"}})
      .Op("listCarriers")
      .Returns(Page(Ref("Carrier")));
  r.Add({"GET", "/api/v1/carriers/{id}", Access::kPublic, "registry", "孵化载体详情 / A carrier",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           return OkOr(reg_svc.GetCarrier(ctx.actor, *id), ctx);
         }})
      .Op("getCarrier")
      .Returns(Ref("Carrier"));
  r.Add({"POST", "/api/v1/carriers", Access::kAdmin, "registry",
         "登记孵化载体 / Register a carrier",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           reg::Carrier c;
           app::JsonReader jr(*body);
           app::registry::ReadCarrier(jr, c);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.CreateCarrier(ctx.actor, std::move(c), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return Created(*res, "/api/v1/carriers");
         },
         CarrierExample(), 201})
      .Op("createCarrier")
      .Takes(Ref("CarrierInput"))
      .Returns(Ref("Carrier"))
      .Errors({409});
  r.Add({"PATCH", "/api/v1/carriers/{id}", Access::kLoggedIn, "registry",
         "修改孵化载体 / Update a carrier",
         [&reg_svc](Request& req, Ctx& ctx) {
           return PatchVersioned<reg::Carrier>(
               req, ctx, app::registry::ReadCarrier,
               [&](std::int64_t id, std::int64_t v, bool if_match, const auto& apply) {
                 return reg_svc.UpdateCarrier(ctx.actor, id, v, if_match, apply, ctx.request_id);
               });
         },
         Json{{"version", 1}, {"address", "南山区科技园南区"}}})
      .Op("updateCarrier")
      .Takes(Ref("CarrierPatch"))
      .Returns(Ref("Carrier"))
      .Errors({409, 412});
  r.Add({"POST", "/api/v1/carriers/{id}/recognitions", Access::kAdmin, "registry",
         "登记认定 / Record a recognition",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           reg::Recognition rec;
           app::JsonReader jr(*body);
           app::registry::ReadRecognition(jr, rec);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.AddRecognition(ctx.actor, *id, std::move(rec), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(201, ToJson(*res));
         },
         Json{{"authority", "44"},
              {"level", "provincial"},
              {"valid_from", "2020-01-01"},
              {"document_no", "粤科高字〔2020〕1号"}},
         201})
      .Op("addRecognition")
      .Takes(Ref("RecognitionInput"))
      .Returns(Ref("Recognition"))
      .Errors({409});

  // ---- clusters ----
  r.Add({"GET",
         "/api/v1/clusters",
         Access::kPublic,
         "registry",
         "一村多园集群列表 / List clusters",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto page = reg_svc.ListClusters(req.Query("region"), *p);
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         },
         {},
         200,
         {"region", "limit", "cursor"}})
      .Op("listClusters")
      .Returns(Page(Ref("Cluster")));
  r.Add({"GET", "/api/v1/clusters/{id}", Access::kPublic, "registry", "集群详情 / A cluster",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           return OkOr(reg_svc.GetCluster(*id), ctx);
         }})
      .Op("getCluster")
      .Returns(Ref("Cluster"));
  r.Add({"POST", "/api/v1/clusters", Access::kAdmin, "registry", "创建集群 / Create a cluster",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           reg::Cluster c;
           app::JsonReader jr(*body);
           jr.Str("name", c.name, true);
           jr.Str("region_code", c.region_code, true);
           jr.Str("description", c.description);
           jr.IntList("carrier_ids", c.carrier_ids);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.CreateCluster(ctx.actor, std::move(c), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return Created(*res, "/api/v1/clusters");
         },
         Json{{"name", "青创村"}, {"region_code", "110106"}, {"carrier_ids", Json::array()}}, 201})
      .Op("createCluster")
      .Takes(Object({{"name", Str(core::limits::kNameChars)},
                     {"region_code", Str()},
                     Opt("description", Str(core::limits::kNoteChars)),
                     Opt("carrier_ids", Array(Id()))}))
      .Returns(Ref("Cluster"))
      .Errors({404, 409});

  // ---- enterprises ----
  r.Add({"GET",
         "/api/v1/enterprises",
         Access::kLoggedIn,
         "registry",
         "企业列表 / List enterprises",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::registry::EnterpriseQuery q{
               req.Query("region"), req.Query("q"), req.Query("domain"), {}};
           if (!req.Query("carrier_id").empty()) {
             Request tmp;
             tmp.params["id"] = req.Query("carrier_id");
             auto cid = PathId(tmp);
             if (!cid) return ErrorResponse(cid.error(), ctx);
             q.carrier_id = *cid;
           }
           auto page = reg_svc.ListEnterprises(ctx.actor, q, *p);
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         },
         {},
         200,
         {"region", "q", "domain", "carrier_id", "limit", "cursor"}})
      .Op("listEnterprises")
      .Returns(Page(Ref("Enterprise")));
  r.Add({"GET", "/api/v1/enterprises/{id}", Access::kLoggedIn, "registry",
         "企业详情 / An enterprise",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           return OkOr(reg_svc.GetEnterprise(ctx.actor, *id), ctx);
         }})
      .Op("getEnterprise")
      .Returns(Ref("Enterprise"));
  r.Add({"POST", "/api/v1/enterprises", Access::kLoggedIn, "registry",
         "登记企业或创业团队 / Register an enterprise or team",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           reg::Enterprise e;
           app::JsonReader jr(*body);
           app::registry::ReadEnterprise(jr, e);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.CreateEnterprise(ctx.actor, std::move(e), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return Created(*res, "/api/v1/enterprises");
         },
         Json{{"name", "深圳市智芯微电子有限公司"},
              {"uscc", "91440300MA5FXXXX0U"},
              {"founded_on", "2021-03-15"},
              {"region_code", "440305"},
              {"domains", {"集成电路", "电子信息"}},
              {"employees", 25}},
         201})
      .Op("createEnterprise")
      .Takes(Ref("EnterpriseInput"))
      .Returns(Ref("Enterprise"))
      .Errors({409});
  r.Add({"PATCH", "/api/v1/enterprises/{id}", Access::kLoggedIn, "registry",
         "修改企业 / Update an enterprise",
         [&reg_svc](Request& req, Ctx& ctx) {
           return PatchVersioned<reg::Enterprise>(
               req, ctx, app::registry::ReadEnterprise,
               [&](std::int64_t id, std::int64_t v, bool if_match, const auto& apply) {
                 return reg_svc.UpdateEnterprise(ctx.actor, id, v, if_match, apply, ctx.request_id);
               });
         },
         Json{{"version", 1}, {"employees", 30}}})
      .Op("updateEnterprise")
      .Takes(Ref("EnterprisePatch"))
      .Returns(Ref("Enterprise"))
      .Errors({409, 412});
  r.Add({"GET", "/api/v1/enterprises/{id}/incubations", Access::kLoggedIn, "registry",
         "企业孵化历程 / An enterprise's incubation timeline",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto e = reg_svc.GetEnterprise(ctx.actor, *id);
           if (!e) return ErrorResponse(e.error(), ctx);
           app::registry::IncubationQuery q;
           q.enterprise_id = *id;
           auto page = reg_svc.ListIncubations(ctx.actor, q, {200, ""});
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         }})
      .Op("listEnterpriseIncubations")
      .Returns(Page(Ref("Incubation")));

  // ---- incubations ----
  r.Add({"GET",
         "/api/v1/incubations",
         Access::kLoggedIn,
         "registry",
         "孵化关系列表 / List incubations",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::registry::IncubationQuery q;
           for (auto [key, slot] : {std::pair{"enterprise_id", &q.enterprise_id},
                                    std::pair{"carrier_id", &q.carrier_id}}) {
             if (req.Query(key).empty()) continue;
             Request tmp;
             tmp.params["id"] = req.Query(key);
             auto v = PathId(tmp);
             if (!v) return ErrorResponse(v.error(), ctx);
             *slot = *v;
           }
           q.state = req.Query("state");
           auto page = reg_svc.ListIncubations(ctx.actor, q, *p);
           return JsonResponse(200, PageJson(Items(page.items), page.next_cursor, page.total));
         },
         {},
         200,
         {"enterprise_id",
          "carrier_id",
          {"state", Values(reg::kIncubationStates)},
          "limit",
          "cursor"}})
      .Op("listIncubations")
      .Returns(Page(Ref("Incubation")));
  r.Add({"GET", "/api/v1/incubations/{id}", Access::kLoggedIn, "registry",
         "孵化关系详情 / An incubation",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           return OkOr(reg_svc.GetIncubation(ctx.actor, *id), ctx);
         }})
      .Op("getIncubation")
      .Returns(Ref("Incubation"));
  r.Add({"POST", "/api/v1/incubations", Access::kLoggedIn, "registry",
         "申请入驻 / Apply for incubation",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           reg::Incubation i;
           app::JsonReader jr(*body);
           jr.Int("enterprise_id", i.enterprise_id, true);
           jr.Int("carrier_id", i.carrier_id, true);
           jr.Str("applied_on", i.applied_on);
           jr.Num("space_m2", i.space_m2);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.Apply(ctx.actor, std::move(i), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return Created(*res, "/api/v1/incubations");
         },
         Json{{"enterprise_id", 1},
              {"carrier_id", 1},
              {"applied_on", "2024-03-01"},
              {"space_m2", 120}},
         201})
      .Op("applyForIncubation")
      .Takes(Object({{"enterprise_id", Id()},
                     {"carrier_id", Id()},
                     Opt("applied_on", Date()),
                     Opt("space_m2", Num(0, core::limits::kMaxAreaM2))}))
      .Returns(Ref("Incubation"))
      .Errors({404, 409});
  r.Add({"POST", "/api/v1/incubations/{id}/transitions", Access::kLoggedIn, "registry",
         "孵化状态变更 / Move an incubation along its lifecycle",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::string to, on;
           app::JsonReader jr(*body);
           jr.Str("to", to, true);
           jr.Str("on", on);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           return OkOr(reg_svc.Transition(ctx.actor, *id, to, on, ctx.request_id), ctx);
         },
         Json{{"to", "admitted"}, {"on", "2024-03-10"}}})
      .Op("transitionIncubation")
      .Takes(Object(
          {{"to", Enum({"admitted", "incubating", "graduated", "exited"})}, Opt("on", Date())}))
      .Returns(Ref("Incubation"))
      .Errors({409});
  r.Add({"POST", "/api/v1/incubations/{id}/transfer", Access::kLoggedIn, "registry",
         "转移到其他载体 / Transfer to another carrier",
         [&reg_svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::int64_t carrier_id = 0;
           std::string on;
           app::JsonReader jr(*body);
           jr.Int("carrier_id", carrier_id, true);
           jr.Str("on", on);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = reg_svc.Transfer(ctx.actor, *id, carrier_id, on, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return Created(*res, "/api/v1/incubations");
         },
         Json{{"carrier_id", 2}, {"on", "2025-01-01"}}, 201})
      .Op("transferIncubation")
      .Takes(Object({{"carrier_id", Id()}, Opt("on", Date())}))
      .Returns(Ref("Incubation"))
      .Errors({409});
}

}  // namespace incunet::http
