// Annual statistical returns (火炬统计): /api/v1/annual-returns. Thin handlers over
// app::returns::ReturnsService; docs/api/annual-returns.md describes the shapes.
#include <chrono>
#include <memory>

#include "app/returns/codec.hpp"
#include "app/returns/render.hpp"
#include "app/returns/service.hpp"
#include "core/limits.hpp"
#include "export/table.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

namespace rs = app::returns;
namespace rs_domain = domain::returns;
using Svc = std::shared_ptr<rs::ReturnsService>;

constexpr const char* kBase = "/api/v1/annual-returns";

Response ViewOr(const core::Result<rs::ReturnView>& v, const Ctx& ctx, int status = 200) {
  if (!v) return ErrorResponse(v.error(), ctx);
  return JsonResponse(status, rs::ToJson(*v));
}

core::Result<Json> Body(const Request& req) {
  if (req.body.empty()) return Json::object();
  return app::ParseJsonBody(req.body);
}

core::Result<std::optional<std::int64_t>> QueryId(const Request& req, const char* key) {
  if (req.Query(key).empty()) return std::optional<std::int64_t>();
  Request tmp;
  tmp.params["id"] = req.Query(key);
  auto v = PathId(tmp);
  if (!v) {
    core::Error e = v.error();
    e.details["field"] = key;
    return tl::unexpected(e);
  }
  return std::optional<std::int64_t>(*v);
}

core::Result<std::optional<int>> QueryYear(const Request& req) {
  std::string y = req.Query("year");
  if (y.empty()) return std::optional<int>();
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return core::Fail(core::Error{core::ErrorCode::kMalformed,
                                  "invalid_parameter",
                                  "year 应为四位年份",
                                  "year must be a four-digit year",
                                  {{"field", "year"}}});
  return std::optional<int>(std::stoi(y));
}

// Reads the version from If-Match ("3" or W/"3") or the body's "version" (-1 when absent).
core::Result<std::pair<std::int64_t, bool>> Version(const Request& req, std::int64_t body_v) {
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
  if (body_v < 0)
    return core::Fail(core::Error{core::ErrorCode::kMalformed,
                                  "missing_field",
                                  "更新时必须提供 version 字段或 If-Match 头",
                                  "an update needs the version field or an If-Match header",
                                  {{"field", "version"}}});
  return std::pair{body_v, false};
}

// Reads {"reason": "..."} or {"comment": "..."}; `key` names the one field allowed.
core::Result<std::string> ReadText(const Request& req, const char* key, bool required) {
  auto body = Body(req);
  if (!body) return tl::unexpected(body.error());
  std::string text;
  app::JsonReader jr(*body);
  jr.Str(key, text, required);
  if (auto st = jr.Finish(); !st) return tl::unexpected(st.error());
  return text;
}

std::string AsciiFileName(const rs::ReturnView& v, const std::string& form) {
  return "annual-return-" + std::to_string(v.ret.carrier_id) + "-" + std::to_string(v.ret.year) +
         "-" + form + ".xlsx";
}

}  // namespace

void RegisterReturnsRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(rs::Schemas());
  Svc svc = std::make_shared<rs::ReturnsService>(s.store, s.clock);

  r.Add({"GET", std::string(kBase) + "/catalogue", Access::kPublic, "annual-returns",
         "报表指标目录与校验规则 / Field catalogue and checks of the annual return",
         [](Request&, Ctx&) { return JsonResponse(200, rs::CatalogueJson()); }})
      .Op("getReturnCatalogue")
      .Returns(Ref("ReturnCatalogue"));

  r.Add({"GET",
         std::string(kBase) + "/deadlines",
         Access::kLoggedIn,
         "annual-returns",
         "填报期限 / Filing windows",
         [svc](Request& req, Ctx& ctx) {
           auto year = QueryYear(req);
           if (!year) return ErrorResponse(year.error(), ctx);
           Json items = Json::array();
           for (const auto& d : svc->Deadlines(*year)) items.push_back(rs::ToJson(d));
           return JsonResponse(200, Json{{"items", items}});
         },
         {},
         200,
         {"year"}})
      .Op("listDeadlines")
      .Returns(Ref("Deadlines"));
  r.Add({"POST", std::string(kBase) + "/deadlines", Access::kNational, "annual-returns",
         "设置填报期限 / Set the filing window of a year and carrier kind",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           domain::returns::Deadline d;
           std::int64_t year = 0;
           app::JsonReader jr(*body);
           jr.Int("year", year, true);
           jr.Str("kind", d.kind, true);
           jr.Str("opens_on", d.opens_on, true);
           jr.Str("closes_on", d.closes_on, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           d.year = static_cast<int>(std::clamp<std::int64_t>(year, -1, 100000));
           auto res = svc->SetDeadline(ctx.actor, d, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, rs::ToJson(*res));
         },
         Json{{"year", 2024},
              {"kind", "incubator"},
              {"opens_on", "2025-01-01"},
              {"closes_on", "2025-01-20"}}})
      .Op("setDeadline")
      .Takes(Object({{"year", Int(1000, 9999)},
                     {"kind", Str()},
                     {"opens_on", Date()},
                     {"closes_on", Date()}}))
      .Returns(Ref("Deadline"));

  r.Add({"GET",
         kBase,
         Access::kLoggedIn,
         "annual-returns",
         "年度统计报表列表 / List annual returns",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::returns::ReturnQuery q;
           if (req.Query("queue") == "mine") {
             auto mine = rs::ReturnsService::ReviewQueue(ctx.actor);
             if (!mine) return JsonResponse(200, PageJson(Json::array(), std::nullopt, 0));
             q = *mine;
           } else if (!req.Query("queue").empty()) {
             return ErrorResponse({core::ErrorCode::kMalformed,
                                   "invalid_parameter",
                                   "queue 只能为 mine",
                                   "queue must be mine",
                                   {{"field", "queue"}}},
                                  ctx);
           }
           auto year = QueryYear(req);
           if (!year) return ErrorResponse(year.error(), ctx);
           q.year = *year;
           auto carrier = QueryId(req, "carrier_id");
           if (!carrier) return ErrorResponse(carrier.error(), ctx);
           q.carrier_id = *carrier;
           if (!req.Query("status").empty()) q.status = req.Query("status");
           q.region = req.Query("region");
           auto page = svc->List(ctx.actor, q, *p);
           Json items = Json::array();
           for (const auto& x : page.items) items.push_back(rs::ToJson(x, false));
           return JsonResponse(200, PageJson(items, page.next_cursor, page.total));
         },
         {},
         200,
         {"year",
          {"status",
           {rs_domain::kStatusDraft, rs_domain::kStatusSubmitted, rs_domain::kStatusReturned,
            rs_domain::kStatusAccepted}},
          "region",
          "carrier_id",
          {"queue", {"mine"}},
          "limit",
          "cursor"}})
      .Op("listAnnualReturns")
      .Returns(Page(Ref("AnnualReturnSummary")));

  r.Add({"POST", kBase, Access::kLoggedIn, "annual-returns",
         "新建年度统计报表（按登记数据预填） / Start a return, prefilled from the records",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::int64_t carrier_id = 0, year = 0;
           app::JsonReader jr(*body);
           jr.Int("carrier_id", carrier_id, true);
           jr.Int("year", year, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = svc->Create(ctx.actor, carrier_id,
                                  static_cast<int>(std::clamp<std::int64_t>(year, -1, 100000)),
                                  ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Response out = JsonResponse(201, rs::ToJson(*res));
           out.Set("Location", std::string(kBase) + "/" + std::to_string(res->ret.id));
           return out;
         },
         Json{{"carrier_id", 1}, {"year", 2024}}, 201})
      .Op("createAnnualReturn")
      .Takes(Object({{"carrier_id", Id()}, {"year", Int(1000, 9999)}}))
      .Returns(Ref("AnnualReturn"))
      .Errors({404, 409});

  r.Add({"GET", std::string(kBase) + "/{id}", Access::kLoggedIn, "annual-returns",
         "年度统计报表（含校验结果） / A return with its check findings",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           return ViewOr(svc->Get(ctx.actor, *id), ctx);
         }})
      .Op("getAnnualReturn")
      .Returns(Ref("AnnualReturn"));

  r.Add({"PATCH", std::string(kBase) + "/{id}", Access::kLoggedIn, "annual-returns",
         "填报或修改数值与说明 / Edit values, incubatee rows and explanations",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           rs::ReturnEdit edit;
           std::int64_t body_version = -1;
           if (auto st = rs::ReadEdit(*body, edit, &body_version); !st)
             return ErrorResponse(st.error(), ctx);
           auto ver = Version(req, body_version);
           if (!ver) return ErrorResponse(ver.error(), ctx);
           return ViewOr(svc->Update(ctx.actor, *id, ver->first, ver->second, edit, ctx.request_id),
                         ctx);
         },
         Json{{"version", 1},
              {"values", {{"Tdf7b00", 523400000}, {"Tdf7e00", 12000.5}, {"TDF714", "张伟"}}},
              {"incubatees", Json::array({Json{{"row_id", 5}, {"values", {{"I19", 1250000}}}}})},
              {"explanations", {{"year_over_year:Tdf7b00", "新增二期场地，收入随之增长"}}}}})
      .Op("editAnnualReturn")
      .Takes(Ref("AnnualReturnEdit"))
      .Returns(Ref("AnnualReturn"))
      .Errors({409, 412});

  r.Add({"POST", std::string(kBase) + "/{id}/submit", Access::kLoggedIn, "annual-returns",
         "提交报表 / Submit for review",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = Body(req);
           if (!body) return ErrorResponse(body.error(), ctx);
           app::JsonReader jr(*body);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           return ViewOr(svc->Submit(ctx.actor, *id, ctx.request_id), ctx);
         },
         Json::object()})
      .Op("submitAnnualReturn")
      .Takes(Object({}))
      .Returns(Ref("AnnualReturn"))
      .Errors({409});
  r.Add({"POST", std::string(kBase) + "/{id}/approve", Access::kAdmin, "annual-returns",
         "本级审核通过 / Approve at the reviewer's level",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto comment = ReadText(req, "comment", false);
           if (!comment) return ErrorResponse(comment.error(), ctx);
           return ViewOr(svc->Approve(ctx.actor, *id, *comment, ctx.request_id), ctx);
         },
         Json{{"comment", "数据已核实"}}})
      .Op("approveAnnualReturn")
      .Takes(Object({Opt("comment", Str(core::limits::kNoteChars))}))
      .Returns(Ref("AnnualReturn"))
      .Errors({409});
  r.Add({"POST", std::string(kBase) + "/{id}/return", Access::kAdmin, "annual-returns",
         "退回载体修改 / Return to the carrier with a reason",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto reason = ReadText(req, "reason", true);
           if (!reason) return ErrorResponse(reason.error(), ctx);
           return ViewOr(svc->SendBack(ctx.actor, *id, *reason, ctx.request_id), ctx);
         },
         Json{{"reason", "在孵企业用房面积与上年差异过大，请核实"}}})
      .Op("returnAnnualReturn")
      .Takes(Object({{"reason", Str(core::limits::kNoteChars)}}))
      .Returns(Ref("AnnualReturn"))
      .Errors({409});
  r.Add({"POST", std::string(kBase) + "/{id}/reopen", Access::kNational, "annual-returns",
         "重新开放逾期填报 / Reopen filing after the deadline",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::string until, reason;
           app::JsonReader jr(*body);
           jr.Str("until", until, true);
           jr.Str("reason", reason, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           return ViewOr(svc->Reopen(ctx.actor, *id, until, reason, ctx.request_id), ctx);
         },
         Json{{"until", "2025-02-15"}, {"reason", "系统故障导致未能按期填报"}}})
      .Op("reopenAnnualReturn")
      .Takes(Object({{"until", Date()}, {"reason", Str(core::limits::kNoteChars)}}))
      .Returns(Ref("AnnualReturn"))
      .Errors({409});

  r.Add({"GET",
         std::string(kBase) + "/{id}/history",
         Access::kLoggedIn,
         "annual-returns",
         "数值修改历史 / History of every value",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto h = svc->History(ctx.actor, *id, req.Query("code"));
           if (!h) return ErrorResponse(h.error(), ctx);
           Json items = Json::array();
           for (const auto& c : *h) items.push_back(rs::ToJson(c));
           return JsonResponse(200, Json{{"items", items}});
         },
         {},
         200,
         {"code"}})
      .Op("getAnnualReturnHistory")
      .Returns(Ref("ValueChanges"));
  r.Add({"GET", std::string(kBase) + "/{id}/reviews", Access::kLoggedIn, "annual-returns",
         "审核记录 / Workflow steps",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto h = svc->Reviews(ctx.actor, *id);
           if (!h) return ErrorResponse(h.error(), ctx);
           Json items = Json::array();
           for (const auto& e : *h) items.push_back(rs::ToJson(e));
           return JsonResponse(200, Json{{"items", items}});
         }})
      .Op("getAnnualReturnReviews")
      .Returns(Ref("ReviewEvents"));

  r.Add({"GET",
         std::string(kBase) + "/{id}/export.xlsx",
         Access::kLoggedIn,
         "annual-returns",
         "导出Excel / Export as Excel (form=carrier|incubatees)",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           std::string form = req.Query("form", "carrier");
           if (form != "carrier" && form != "incubatees")
             return ErrorResponse({core::ErrorCode::kMalformed,
                                   "invalid_parameter",
                                   "form 只能为 carrier 或 incubatees",
                                   "form must be carrier or incubatees",
                                   {{"field", "form"}}},
                                  ctx);
           auto v = svc->Get(ctx.actor, *id);
           if (!v) return ErrorResponse(v.error(), ctx);
           rs::Sheet sh = form == "carrier" ? rs::CarrierSheet(v->ret) : rs::IncubateeSheet(v->ret);
           exporter::Table t{sh.name, sh.headers, sh.numeric, sh.rows};
           Response out;
           out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
           out.body = exporter::ToXlsx(t);
           out.Set("Content-Disposition",
                   "attachment; filename=\"" + AsciiFileName(*v, form) + "\"");
           return out;
         },
         {},
         200,
         {"form"}})
      .Op("exportAnnualReturn")
      .Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
  r.Add({"GET", std::string(kBase) + "/{id}/print", Access::kLoggedIn, "annual-returns",
         "打印页（HTML） / Printable page",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto v = svc->Get(ctx.actor, *id);
           if (!v) return ErrorResponse(v.error(), ctx);
           auto reviews = svc->Reviews(ctx.actor, *id);
           if (!reviews) return ErrorResponse(reviews.error(), ctx);
           Response out;
           out.content_type = "text/html; charset=utf-8";
           out.body = rs::PrintHtml(*v, *reviews);
           return out;
         }})
      .Op("printAnnualReturn")
      .Produces({"text/html"});
}

}  // namespace incunet::http
