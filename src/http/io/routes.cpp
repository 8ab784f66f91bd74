// Bulk import and export over HTTP: POST a CSV body to start an asynchronous import job, poll
// it, download templates, and export any list as CSV or .xlsx within the caller's scope.
// The request body is limited by the server's --body-limit (1 MiB by default); bigger files go
// through `incunet import` on the server machine (docs/adr/0002-import.md).
#include <memory>

#include "app/io/export.hpp"
#include "app/io/jobs.hpp"
#include "domain/io/csv.hpp"
#include "domain/io/return_spec.hpp"
#include "domain/io/spec.hpp"
#include "export/table.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

Json JobJson(const app::io::ImportJob& j) {
  return Json{{"id", j.id},
              {"entity", j.entity},
              {"status", j.status},
              {"skip_bad", j.skip_bad},
              {"actor", j.actor_login},
              {"file_name", j.file_name},
              {"file_sha256", j.file_sha256},
              {"encoding", j.encoding},
              {"bytes_total", j.bytes_total},
              {"bytes_done", j.bytes_done},
              {"progress", j.bytes_total > 0 ? double(j.bytes_done) / double(j.bytes_total) : 0.0},
              {"counts",
               {{"rows", j.counts.rows},
                {"inserted", j.counts.inserted},
                {"updated", j.counts.updated},
                {"unchanged", j.counts.unchanged},
                {"rejected", j.counts.rejected}}},
              {"errors_total", j.errors_total},
              {"warnings_total", j.warnings_total},
              {"message_zh", j.message_zh},
              {"message_en", j.message_en},
              {"created_at", j.created_at},
              {"finished_at", j.finished_at.empty() ? Json(nullptr) : Json(j.finished_at)}};
}

Json ErrorJson(const domain::io::RowError& e) {
  return Json{{"row", e.row},
              {"line", e.line},
              {"column", e.column},
              {"value", e.value},
              {"code", e.code},
              {"message_zh", e.message_zh},
              {"message_en", e.message_en}};
}

// The shapes above, for the API contract.
app::schema::Components IoSchemas() {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  Json count = Int(0, INT64_MAX);
  Json job = Object({{"id", Id()},
                     {"entity", Str()},
                     {"status", Enum({"queued", "importing", "succeeded", "failed"})},
                     {"skip_bad", Bool()},
                     {"actor", Str()},
                     {"file_name", Str()},
                     {"file_sha256", Str()},
                     {"encoding", Str()},
                     {"bytes_total", count},
                     {"bytes_done", count},
                     {"progress", Num(0, 1)},
                     {"counts", Object({{"rows", count},
                                        {"inserted", count},
                                        {"updated", count},
                                        {"unchanged", count},
                                        {"rejected", count}})},
                     {"errors_total", count},
                     {"warnings_total", count},
                     {"message_zh", Str()},
                     {"message_en", Str()},
                     {"created_at", DateTime()},
                     {"finished_at", Nullable(DateTime())}});
  Json row_error = Object({{"row", Int()},
                           {"line", Int()},
                           {"column", Str()},
                           {"value", Str()},
                           {"code", Str()},
                           {"message_zh", Str()},
                           {"message_en", Str()}});
  return {{"ImportJob", job},
          {"ImportRowError", row_error},
          {"ImportJobWithErrors", Extend(job, {{"errors", Page(Ref("ImportRowError"))}})}};
}

core::Error BadParam(const std::string& field, std::string zh, std::string en) {
  return {core::ErrorCode::kMalformed,
          "invalid_parameter",
          std::move(zh),
          std::move(en),
          {{"field", field}}};
}

// "carriers.csv" → {"carriers", "csv"}.
bool SplitFile(const std::string& file, std::string* entity, std::string* ext) {
  auto dot = file.rfind('.');
  if (dot == std::string::npos) return false;
  *entity = file.substr(0, dot);
  *ext = file.substr(dot + 1);
  return domain::io::FindEntitySpec(*entity) != nullptr;
}

Response Download(std::string body, const std::string& type, const std::string& filename) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  r.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace

void RegisterIoRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(IoSchemas());
  auto jobs = std::make_shared<app::io::ImportJobs>(s.store, s.clock);
  app::Store& store = s.store;

  r.Add({"POST",
         "/api/v1/imports",
         Access::kLoggedIn,
         "io",
         "提交批量导入（请求体为 CSV，UTF-8 或 GB18030）/ Start a bulk import (body: CSV)",
         [jobs](Request& req, Ctx& ctx) {
           // Admins import anything in their region; a carrier operator only its own carriers'
           // annual returns (the importer checks each row's carrier against the scope).
           if (!ctx.actor.IsAdmin() && !(ctx.actor.role == app::Role::kCarrierOperator &&
                                         domain::io::IsReturnEntity(req.Query("entity"))))
             return ErrorResponse(
                 {core::ErrorCode::kForbidden,
                  "forbidden",
                  "只有管理员可以批量导入；载体运营方只能导入本载体的年度统计报表",
                  "only administrators run bulk imports; a carrier operator may import only its "
                  "own annual returns",
                  {}},
                 ctx);
           const std::string& type = req.Header("content-type");
           if (!type.starts_with("text/csv") && !type.starts_with("application/octet-stream"))
             return ErrorResponse(
                 BadParam("content-type", "请求体必须是 CSV（Content-Type: text/csv）",
                          "the body must be CSV (Content-Type: text/csv)"),
                 ctx);
           std::string skip = req.Query("skip_bad", "false");
           if (skip != "true" && skip != "false" && skip != "1" && skip != "0")
             return ErrorResponse(BadParam("skip_bad", "skip_bad 必须是 true 或 false",
                                           "skip_bad must be true or false"),
                                  ctx);
           app::io::ImportRequest ir;
           ir.entity = req.Query("entity");
           ir.skip_bad = skip == "true" || skip == "1";
           ir.file_name = req.Query("file_name");
           ir.request_id = ctx.request_id;
           auto job = jobs->Submit(ctx.actor, std::move(ir), std::move(req.body));
           if (!job) return ErrorResponse(job.error(), ctx);
           Response res = JsonResponse(202, JobJson(*job));
           res.Set("Location", "/api/v1/imports/" + std::to_string(job->id));
           return res;
         },
         {},
         202,
         {"entity", "skip_bad", "file_name"},
         {"text/csv", "application/octet-stream"}})
      .Op("startImport")
      .Returns(Ref("ImportJob"));

  r.Add({"GET",
         "/api/v1/imports",
         Access::kLoggedIn,
         "io",
         "本人提交的导入任务（全国管理员为全部），最新的在前 / The caller's import jobs, newest "
         "first",
         [jobs](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto page = jobs->List(ctx.actor, *p);
           Json items = Json::array();
           for (const auto& j : page.items) items.push_back(JobJson(j));
           return JsonResponse(200, PageJson(items, page.next_cursor, page.total));
         },
         {},
         200,
         {"limit", "cursor"}})
      .Op("listImports")
      .Returns(Page(Ref("ImportJob")));

  r.Add({"GET",
         "/api/v1/imports/{id}",
         Access::kLoggedIn,
         "io",
         "导入任务的状态、进度、计数和错误（分页）/ An import job with progress, counts and errors",
         [jobs](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto job = jobs->Get(ctx.actor, *id);
           if (!job) return ErrorResponse(job.error(), ctx);
           auto errs = jobs->Errors(ctx.actor, *id, *p);
           if (!errs) return ErrorResponse(errs.error(), ctx);
           Json items = Json::array();
           for (const auto& e : errs->items) items.push_back(ErrorJson(e));
           Json j = JobJson(*job);
           j["errors"] = PageJson(items, errs->next_cursor, errs->total);
           return JsonResponse(200, j);
         },
         {},
         200,
         {"limit", "cursor"}})
      .Op("getImport")
      .Returns(Ref("ImportJobWithErrors"));

  r.Add({"GET", "/api/v1/imports/templates/{file}", Access::kPublic, "io",
         "下载导入模板（中文表头）/ Download an import template with Chinese headers",
         [](Request& req, Ctx& ctx) {
           std::string entity, ext;
           if (!SplitFile(req.params["file"], &entity, &ext) || ext != "csv")
             return ErrorResponse(
                 core::NotFound("导入模板 " + req.params["file"], "template " + req.params["file"]),
                 ctx);
           const auto& spec = *domain::io::FindEntitySpec(entity);
           return Download("\xEF\xBB\xBF" + domain::io::CsvLine(domain::io::HeaderRow(spec)),
                           "text/csv; charset=utf-8", entity + ".csv");
         }})
      .Op("getImportTemplate")
      .Produces({"text/csv"});

  r.Add({"GET",
         "/api/v1/exports/{file}",
         Access::kLoggedIn,
         "io",
         "导出列表（CSV 或 Excel，仅限可见范围）/ Export a list as CSV or .xlsx within your scope",
         [&store](Request& req, Ctx& ctx) {
           std::string entity, ext;
           if (!SplitFile(req.params["file"], &entity, &ext) || (ext != "csv" && ext != "xlsx"))
             return ErrorResponse(
                 core::NotFound("导出 " + req.params["file"], "export " + req.params["file"]), ctx);
           app::io::ExportQuery q{entity, req.Query("region")};
           if (ext == "csv") {
             std::string body = "\xEF\xBB\xBF";
             auto st = app::io::ExportRows(
                 store, ctx.actor, q,
                 [&](const std::vector<std::string>& row) { body += domain::io::CsvLine(row); });
             if (!st) return ErrorResponse(st.error(), ctx);
             return Download(std::move(body), "text/csv; charset=utf-8", entity + ".csv");
           }
           exporter::Table t;
           t.sheet_name = domain::io::FindEntitySpec(entity)->name_zh;
           bool first = true;
           auto st =
               app::io::ExportRows(store, ctx.actor, q, [&](const std::vector<std::string>& row) {
                 if (first) {
                   t.headers = row;
                   first = false;
                 } else {
                   t.rows.push_back(row);
                 }
               });
           if (!st) return ErrorResponse(st.error(), ctx);
           const auto& spec = *domain::io::FindEntitySpec(entity);
           for (const auto& c : spec.columns)
             t.numeric.push_back(c.type == domain::io::ColumnType::kDecimal ||
                                 c.type == domain::io::ColumnType::kInt);
           return Download(exporter::ToXlsx(t),
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           entity + ".xlsx");
         },
         {},
         200,
         {"region"}})
      .Op("exportList")
      .Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
}

}  // namespace incunet::http
