// The audit log as the API serves it. Checkpoints and chain verification are CLI work
// (cli/audit.cpp): they need key files outside the database.
#include <chrono>
#include <memory>

#include "app/audit/service.hpp"
#include "http/api.hpp"

namespace incunet::http {

void RegisterAuditRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(
      {{"AuditRecord",
        Object({{"id", Id()},
                {"at", DateTime()},
                {"actor", Str()},
                {"action", Str()},
                {"subject_type", Str()},
                {"subject_id", Str()},
                {"before", Describe(Str(), "the record before, as JSON text")},
                {"after", Describe(Str(), "the record after, as JSON text")},
                {"request_id", Str()},
                {"hash", Describe(Str(), "SHA-256 of the row chained to the one before")}})}});
  auto svc = std::make_shared<app::audit::AuditService>(s.store, s.clock);
  r.Add({"GET",
         "/api/v1/audit",
         Access::kNational,
         "audit",
         "操作日志 / Audit log",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           app::audit::AuditQuery q{req.Query("actor"), req.Query("action"),
                                    req.Query("subject_type"), req.Query("subject_id")};
           auto page = svc->List(ctx.actor, q, *p);
           if (!page) return ErrorResponse(page.error(), ctx);
           Json items = Json::array();
           for (const auto& a : page->items)
             items.push_back(Json{{"id", a.id},
                                  {"at", a.at},
                                  {"actor", a.actor_login},
                                  {"action", a.action},
                                  {"subject_type", a.subject_type},
                                  {"subject_id", a.subject_id},
                                  {"before", a.before_json},
                                  {"after", a.after_json},
                                  {"request_id", a.request_id},
                                  {"hash", a.hash}});
           return JsonResponse(200, PageJson(items, page->next_cursor, page->total));
         },
         {},
         200,
         {"actor", "action", "subject_type", "subject_id", "limit", "cursor"}})
      .Op("listAuditRecords")
      .Returns(Page(Ref("AuditRecord")));
}

}  // namespace incunet::http
