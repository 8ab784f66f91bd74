#include "app/consent/service.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

Json GrantJson(const domain::consent::Grant& g) {
  return Json{{"id", g.id},
              {"enterprise_id", g.enterprise_id},
              {"grantee_kind", g.grantee_kind},
              {"grantee", g.grantee},
              {"parts", g.parts},
              {"valid_from", g.valid_from},
              {"valid_to", g.valid_to},
              {"revoked_at", g.revoked_at.empty() ? Json(nullptr) : Json(g.revoked_at)},
              {"created_by", g.created_by},
              {"created_at", g.created_at}};
}

app::schema::Components ConsentSchemas() {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  namespace dc = domain::consent;
  return {{"ConsentGrant", Object({{"id", Id()},
                                   {"enterprise_id", Id()},
                                   {"grantee_kind", Enum({"user", "carrier", "region"})},
                                   {"grantee", Str()},
                                   {"parts", Array(Enum(dc::kParts))},
                                   {"valid_from", Date()},
                                   {"valid_to", Date()},
                                   {"revoked_at", Nullable(DateTime())},
                                   {"created_by", Str()},
                                   {"created_at", DateTime()}})},
          {"ConsentGrantInput",
           Object({{"enterprise_id", Id()},
                   {"grantee_kind", Enum({"user", "carrier", "region"})},
                   {"grantee", Describe(Str(), "a user id, a carrier id or a region code prefix")},
                   Opt("parts", Array(Enum(dc::kParts))),
                   {"valid_from", Date()},
                   {"valid_to", Date()}})}};
}

}  // namespace

void RegisterConsentRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(ConsentSchemas());
  auto svc = std::make_shared<app::consent::ConsentService>(s.store, s.clock);
  r.Add({"GET",
         "/api/v1/consents",
         Access::kLoggedIn,
         "consent",
         "数据共享授权列表 / List consent grants",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::consent::ConsentQuery q;
           if (!req.Query("enterprise_id").empty()) {
             Request tmp;
             tmp.params["id"] = req.Query("enterprise_id");
             auto id = PathId(tmp);
             if (!id) return ErrorResponse(id.error(), ctx);
             q.enterprise_id = *id;
           }
           auto page = svc->List(ctx.actor, q, *p);
           if (!page) return ErrorResponse(page.error(), ctx);
           Json items = Json::array();
           for (const auto& g : page->items) items.push_back(GrantJson(g));
           return JsonResponse(200, PageJson(items, page->next_cursor, page->total));
         },
         {},
         200,
         {"enterprise_id", "limit", "cursor"}})
      .Op("listConsents")
      .Returns(Page(Ref("ConsentGrant")));
  r.Add({"POST", "/api/v1/consents", Access::kLoggedIn, "consent",
         "企业授权共享数据 / An enterprise grants access to parts of its data",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           domain::consent::Grant g;
           app::JsonReader jr(*body);
           jr.Int("enterprise_id", g.enterprise_id, true);
           jr.Str("grantee_kind", g.grantee_kind, true);
           jr.Str("grantee", g.grantee, true);
           jr.StrList("parts", g.parts);
           jr.Str("valid_from", g.valid_from, true);
           jr.Str("valid_to", g.valid_to, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = svc->Grant(ctx.actor, std::move(g), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Response out = JsonResponse(201, GrantJson(*res));
           out.Set("Location", "/api/v1/consents/" + std::to_string(res->id));
           return out;
         },
         Json{{"enterprise_id", 1},
              {"grantee_kind", "user"},
              {"grantee", "2"},
              {"parts", {"profile", "financials"}},
              {"valid_from", "2026-01-01"},
              {"valid_to", "2026-12-31"}},
         201})
      .Op("grantConsent")
      .Takes(Ref("ConsentGrantInput"))
      .Returns(Ref("ConsentGrant"))
      .Errors({404});
  r.Add({"POST", "/api/v1/consents/{id}/revoke", Access::kLoggedIn, "consent",
         "撤销授权 / Revoke a consent grant",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto res = svc->Revoke(ctx.actor, *id, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, GrantJson(*res));
         },
         Json::object()})
      .Op("revokeConsent")
      .Takes(Object({}))
      .Returns(Ref("ConsentGrant"))
      .Errors({409});
}

}  // namespace incunet::http
