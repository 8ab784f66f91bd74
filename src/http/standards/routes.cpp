// Standards routes (docs/api/standards.md): rule sets and versions, declared facts, verdicts and
// tiered cultivation. Thin: parse, call StandardsService, map to JSON.
#include <charconv>
#include <cmath>
#include <limits>

#include "app/standards/codec.hpp"
#include "app/standards/service.hpp"
#include "core/limits.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

namespace sa = app::standards;
namespace st = domain::standards;
using Svc = std::shared_ptr<sa::StandardsService>;

core::Error BadParam(const std::string& name, const std::string& zh, const std::string& en) {
  core::Error e{core::ErrorCode::kMalformed, "invalid_parameter", zh, en, {}};
  e.details["field"] = name;
  return e;
}

// A positive whole number from the query or path; nullopt when absent.
core::Result<std::optional<int>> IntParam(const std::string& text, const std::string& name) {
  if (text.empty()) return std::optional<int>();
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 1)
    return tl::unexpected(
        BadParam(name, name + " 必须是正整数", name + " must be a positive integer"));
  return std::optional<int>(v);
}

Json Items(const Json& items) { return PageJson(items, std::nullopt, items.size()); }

// Cultivation lists are ranked over the whole scope before they are cut into pages, so a page is
// a slice by position and the cursor holds the offset of its first item (in the same opaque
// encoding as keyset cursors; the router has refused an unreadable one). Only the page's items
// are turned into JSON: the ranked list itself is cached by the service, so a page costs its own
// size plus the filter.
template <class T, class Keep, class ToJson>
Json Slice(const std::vector<T>& all, const app::PageRequest& p, Keep keep, ToJson to_json) {
  std::vector<const T*> items;
  items.reserve(all.size());
  for (const auto& x : all)
    if (keep(x)) items.push_back(&x);
  std::size_t from = 0;
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t offset = 0;
    from = app::DecodeCursor(p.cursor, &key, &offset) && offset >= 0
               ? static_cast<std::size_t>(offset)
               : items.size();
  }
  from = std::min(from, items.size());  // a cursor past the end must not wrap around below
  Json page = Json::array();
  std::size_t to = std::min(items.size(), from + static_cast<std::size_t>(p.limit));
  for (std::size_t i = from; i < to; ++i) page.push_back(to_json(*items[i]));
  std::optional<std::string> next;
  if (to < items.size()) next = app::EncodeCursor("", static_cast<std::int64_t>(to));
  return PageJson(page, next, items.size());
}

Json NextTierJson(const sa::NextTierReport& r) {
  Json j{{"carrier_id", r.carrier_id},
         {"carrier_name", r.carrier_name},
         {"province", r.province},
         {"as_of", r.as_of},
         {"current_level", st::LevelName(r.current)},
         {"next_level", r.next ? Json(st::LevelName(*r.next)) : Json(nullptr)},
         {"rule_set", nullptr},
         {"provincial_default", false},
         {"verdict", nullptr},
         {"gaps", Json::array()},
         {"excellence_rank", nullptr}};
  if (r.distance) {
    j["rule_set"] = sa::VersionSummaryJson(r.rule_set);
    j["provincial_default"] = r.distance->tier.provincial_default;
    j["verdict"] = sa::VerdictJson(r.distance->verdict);
    Json gaps = Json::array();
    for (const auto& g : r.distance->gaps) gaps.push_back(sa::GapJson(g));
    j["gaps"] = gaps;
  }
  if (r.rank)
    j["excellence_rank"] =
        Json{{"rank", r.rank->rank},           {"candidates", r.rank->candidates},
             {"quota", r.rank->quota},         {"within_quota", r.rank->within_quota},
             {"qualifies", r.rank->qualifies}, {"merit", r.rank->merit}};
  return j;
}

Json CandidateJson(const sa::Candidate& c) {
  Json gaps = Json::array();
  for (const auto& g : c.gaps) gaps.push_back(sa::GapJson(g));
  return Json{
      {"carrier_id", c.carrier_id},
      {"carrier_name", c.carrier_name},
      {"region_code", c.region_code},
      {"province", c.province},
      {"current_level", st::LevelName(c.current)},
      {"next_level", st::LevelName(c.next)},
      {"rule_set_id", c.rule_set_id},
      {"rule_set_version", c.rule_set_version},
      {"provincial_default", c.provincial_default},
      {"outcome", st::OutcomeName(c.outcome)},
      {"merit", c.merit},
      {"rank", c.rank},
      {"quota", c.next == st::Level::kExcellence ? Json(c.quota) : Json(nullptr)},
      {"within_quota", c.next == st::Level::kExcellence ? Json(c.within_quota) : Json(nullptr)},
      {"gaps", gaps}};
}

Json AlertJson(const sa::Alert& a) {
  Json data = Json::object();
  for (const auto& [k, v] : a.data) data[k] = v;
  return Json{{"kind", a.kind},
              {"carrier_id", a.carrier_id},
              {"carrier_name", a.carrier_name},
              {"region_code", a.region_code},
              {"enterprise_id", a.enterprise_id ? Json(*a.enterprise_id) : Json(nullptr)},
              {"enterprise_name", a.enterprise_id ? Json(a.enterprise_name) : Json(nullptr)},
              {"incubation_id", a.incubation_id ? Json(*a.incubation_id) : Json(nullptr)},
              {"detail_zh", a.detail_zh},
              {"detail_en", a.detail_en},
              {"data", data}};
}

// The shapes above, for the API contract.
app::schema::Components CultivationSchemas() {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  Json level = Ref("Level");
  return {{"NextTier", Object({{"carrier_id", Id()},
                               {"carrier_name", Str()},
                               {"province", Str()},
                               {"as_of", Date()},
                               {"current_level", level},
                               {"next_level", Nullable(level)},
                               {"rule_set", Nullable(Ref("RuleSetVersion"))},
                               {"provincial_default", Bool()},
                               {"verdict", Nullable(Ref("Evaluation"))},
                               {"gaps", Array(Ref("Gap"))},
                               {"excellence_rank", Nullable(Object({{"rank", Int()},
                                                                    {"candidates", Int()},
                                                                    {"quota", Int()},
                                                                    {"within_quota", Bool()},
                                                                    {"qualifies", Bool()},
                                                                    {"merit", Num()}}))}})},
          {"Candidate", Object({{"carrier_id", Id()},
                                {"carrier_name", Str()},
                                {"region_code", Str()},
                                {"province", Str()},
                                {"current_level", level},
                                {"next_level", level},
                                {"rule_set_id", Str()},
                                {"rule_set_version", Int()},
                                {"provincial_default", Bool()},
                                {"outcome", Enum({"pass", "fail", "unknown", "not_applicable"})},
                                {"merit", Num()},
                                {"rank", Int()},
                                {"quota", Nullable(Int())},
                                {"within_quota", Nullable(Bool())},
                                {"gaps", Array(Ref("Gap"))}})},
          {"Alert", Object({{"kind", Enum({"revocation_warning", "tax_benefit_ending",
                                           "incubation_over_limit", "graduation_due"})},
                            {"carrier_id", Id()},
                            {"carrier_name", Str()},
                            {"region_code", Str()},
                            {"enterprise_id", Nullable(Id())},
                            {"enterprise_name", Nullable(Str())},
                            {"incubation_id", Nullable(Id())},
                            {"detail_zh", Str()},
                            {"detail_en", Str()},
                            {"data", Map(Str())}})}};
}

Json FactsJson(const std::vector<sa::CarrierFact>& facts) {
  Json a = Json::array();
  for (const auto& f : facts) a.push_back(sa::FactJson(f));
  return Items(a);
}

// {"facts":[{"indicator","value","as_of","source_note"}]}; value null removes that fact.
core::Result<std::vector<sa::CarrierFact>> ReadFacts(const Json& body) {
  auto bad = [](const std::string& field, const std::string& zh, const std::string& en) {
    core::Error e{core::ErrorCode::kMalformed, "invalid_field", zh, en, {}};
    e.details["field"] = field;
    return tl::unexpected(e);
  };
  if (!body.is_object() || !body.contains("facts") || !body["facts"].is_array())
    return bad("facts", "需要 facts 数组", "facts must be an array");
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "facts")
      return bad(it.key(), "未知字段 " + it.key(), "unknown field " + it.key());
  std::vector<sa::CarrierFact> out;
  std::size_t i = 0;
  for (const auto& el : body["facts"]) {
    std::string p = "facts[" + std::to_string(i++) + "]";
    if (!el.is_object()) return bad(p, p + " 应为对象", p + " must be an object");
    sa::CarrierFact f;
    for (auto it = el.begin(); it != el.end(); ++it) {
      const std::string& k = it.key();
      const Json& v = it.value();
      if (k == "indicator" && v.is_string()) {
        f.indicator = v.get<std::string>();
      } else if (k == "as_of" && v.is_string()) {
        f.as_of = v.get<std::string>();
      } else if (k == "source_note" && v.is_string()) {
        f.source_note = v.get<std::string>();
      } else if (k == "value" && (v.is_number() || v.is_boolean() || v.is_null())) {
        f.value = v.is_null()      ? std::numeric_limits<double>::quiet_NaN()
                  : v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0)
                                   : v.get<double>();
      } else {
        return bad(p + "." + k, p + "." + k + " 未知或类型错误",
                   p + "." + k + " is unknown or has the wrong type");
      }
    }
    if (f.indicator.empty() || f.as_of.empty() || !el.contains("value"))
      return bad(p, p + " 需要 indicator、value 和 as_of", p + " needs indicator, value and as_of");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

void RegisterStandardsRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(sa::Schemas());
  r.AddSchemas(CultivationSchemas());
  Svc svc = std::make_shared<sa::StandardsService>(s.store, s.clock);

  // ---- rule sets ----
  r.Add({"GET",
         "/api/v1/rule-sets",
         Access::kPublic,
         "standards",
         "规则集列表（各最新版本）/ List rule sets (latest versions)",
         [svc](Request& req, Ctx& ctx) {
           Json items = Json::array();
           std::string kind = req.Query("kind"), subject = req.Query("subject");
           for (const auto& row : svc->ListRuleSets()) {
             if (!kind.empty() && row.kind != kind) continue;
             if (!subject.empty() && row.subject != subject) continue;
             Json j = sa::VersionSummaryJson(row);
             // The issuing authority and document number name a rule set to people; the
             // version cache makes this a lookup, not a parse.
             auto rs = svc->Load(row);
             j["document"] = rs && !(*rs)->document.empty() ? Json((*rs)->document) : Json(nullptr);
             j["issuer_zh"] =
                 rs && !(*rs)->issuer_zh.empty() ? Json((*rs)->issuer_zh) : Json(nullptr);
             items.push_back(std::move(j));
           }
           return JsonResponse(200, Items(items));
         },
         {},
         200,
         {{"kind", {"recognition", "eligibility", "graduation", "tax", "evaluation", "filing"}},
          {"subject", {"carrier", "enterprise"}}}})
      .Op("listRuleSets")
      .Returns(Page(Ref("RuleSetListItem")));
  r.Add({"POST",
         "/api/v1/rule-sets",
         Access::kNational,
         "standards",
         "上传规则集新版本（TOML 正文）/ Upload a new rule-set version (TOML body)",
         [svc](Request& req, Ctx& ctx) {
           const std::string& ct = req.Header("content-type");
           if (!ct.starts_with("application/toml") && !ct.starts_with("text/plain"))
             return ErrorResponse({core::ErrorCode::kMalformed,
                                   "unsupported_content_type",
                                   "请以 application/toml 或 text/plain 上传 TOML 文本",
                                   "send the TOML text as application/toml or text/plain",
                                   {{"field", "content-type"}}},
                                  ctx);
           std::string file = req.Query("file_name", "upload.toml");
           auto res = svc->Upload(ctx.actor, req.body, file, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Response out = JsonResponse(201, sa::RuleSetJson(res->row, *res->rule_set));
           out.Set("Location", "/api/v1/rule-sets/" + res->row.rule_set_id + "/versions/" +
                                   std::to_string(res->row.version));
           return out;
         },
         {},
         201,
         {"file_name"},
         {"application/toml", "text/plain"}})
      .Op("uploadRuleSet")
      .Returns(Ref("RuleSet"));
  r.Add({"GET", "/api/v1/rule-sets/{id}", Access::kPublic, "standards",
         "规则集（最新版本及版本列表）/ A rule set: latest version and its versions",
         [svc](Request& req, Ctx& ctx) {
           auto d = svc->GetRuleSet(req.params["id"]);
           if (!d) return ErrorResponse(d.error(), ctx);
           Json j = sa::RuleSetJson(d->latest.row, *d->latest.rule_set);
           Json versions = Json::array();
           for (const auto& v : d->versions) versions.push_back(sa::VersionSummaryJson(v));
           j["versions"] = versions;
           return JsonResponse(200, j);
         }})
      .Op("getRuleSet")
      .Returns(Ref("RuleSetWithVersions"));
  r.Add({"GET", "/api/v1/rule-sets/{id}/versions/{version}", Access::kPublic, "standards",
         "规则集的某一版本 / One version of a rule set",
         [svc](Request& req, Ctx& ctx) {
           auto v = IntParam(req.params["version"], "version");
           if (!v || !*v) return ErrorResponse(core::NotFound("版本", "version"), ctx);
           auto e = svc->GetVersion(req.params["id"], **v);
           if (!e) return ErrorResponse(e.error(), ctx);
           return JsonResponse(200, sa::RuleSetJson(e->row, *e->rule_set));
         }})
      .Op("getRuleSetVersion")
      .Returns(Ref("RuleSet"));
  r.Add({"GET",
         "/api/v1/rule-sets/{id}/diff",
         Access::kPublic,
         "standards",
         "两个版本之间的差异 / Differences between two versions",
         [svc](Request& req, Ctx& ctx) {
           auto from = IntParam(req.Query("from"), "from");
           if (!from) return ErrorResponse(from.error(), ctx);
           auto to = IntParam(req.Query("to"), "to");
           if (!to) return ErrorResponse(to.error(), ctx);
           int t = to->value_or(0), f = from->value_or(0);
           if (!t) {
             auto d = svc->GetRuleSet(req.params["id"]);
             if (!d) return ErrorResponse(d.error(), ctx);
             t = d->latest.row.version;
           }
           if (!f) f = std::max(1, t - 1);
           auto d = svc->Diff(req.params["id"], f, t);
           if (!d) return ErrorResponse(d.error(), ctx);
           Json j = sa::DiffJson(d->diff);
           j["rule_set_id"] = d->to.rule_set_id;
           j["from"] = sa::VersionSummaryJson(d->from);
           j["to"] = sa::VersionSummaryJson(d->to);
           return JsonResponse(200, j);
         },
         {},
         200,
         {{"from", ParamKind::kId}, {"to", ParamKind::kId}}})
      .Op("diffRuleSet")
      .Returns(Ref("RuleSetDiff"));
  r.Add({"PATCH", "/api/v1/rule-sets/{id}/parameters", Access::kNational, "standards",
         "修改暂定参数（生成新版本）/ Edit provisional parameters (makes a new version)",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::map<std::string, double> values;
           std::optional<int> version;
           for (auto it = body->begin(); body->is_object() && it != body->end(); ++it) {
             if (it.key() == "version" && it->is_number_integer()) {
               version = it->get<int>();
             } else if (it.key() == "parameters" && it->is_object()) {
               for (auto p = it->begin(); p != it->end(); ++p) {
                 if (p->is_boolean())
                   values[p.key()] = p->get<bool>() ? 1 : 0;
                 else if (p->is_number())
                   values[p.key()] = p->get<double>();
                 else
                   return ErrorResponse(BadParam("parameters." + p.key(), "参数值应为数字或布尔值",
                                                 "a parameter value must be a number or boolean"),
                                        ctx);
               }
             } else {
               return ErrorResponse(BadParam(it.key(), "未知字段或类型错误：" + it.key(),
                                             "unknown field or wrong type: " + it.key()),
                                    ctx);
             }
           }
           if (!body->is_object() || !body->contains("parameters"))
             return ErrorResponse(BadParam("parameters", "缺少 parameters 对象",
                                           "the parameters object is required"),
                                  ctx);
           auto res =
               svc->EditParameters(ctx.actor, req.params["id"], values, version, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Response out = JsonResponse(200, sa::RuleSetJson(res->row, *res->rule_set));
           out.Set("Location", "/api/v1/rule-sets/" + res->row.rule_set_id + "/versions/" +
                                   std::to_string(res->row.version));
           return out;
         },
         Json{{"version", 1}, {"parameters", {{"quota_share", 0.12}}}}})
      .Op("editRuleSetParameters")
      .Takes(Object({Opt("version", Int(1, INT32_MAX)),
                     {"parameters", Map({{"type", Json::array({"number", "boolean"})}})}}))
      .Returns(Ref("RuleSet"))
      .Errors({409});

  // ---- indicator catalogue ----
  r.Add({"GET",
         "/api/v1/indicators",
         Access::kPublic,
         "standards",
         "指标目录（名称、单位、来源）/ The indicator catalogue: names, units, sources",
         [](Request& req, Ctx& ctx) {
           std::string subject = req.Query("subject"), source = req.Query("source");
           if (!subject.empty() && !st::ParseSubject(subject))
             return ErrorResponse(BadParam("subject", "subject 应为 carrier 或 enterprise",
                                           "subject must be carrier or enterprise"),
                                  ctx);
           if (!source.empty() && source != "records" && source != "declared")
             return ErrorResponse(BadParam("source", "source 应为 records 或 declared",
                                           "source must be records or declared"),
                                  ctx);
           Json items = Json::array();
           for (const auto& ind : st::IndicatorCatalogue()) {
             if (!subject.empty() && subject != st::SubjectName(ind.subject)) continue;
             Json j = sa::IndicatorJson(ind);
             if (!source.empty() && j["source"] != source) continue;
             items.push_back(std::move(j));
           }
           return JsonResponse(200, Items(items));
         },
         {},
         200,
         {"subject", "source"}})
      .Op("listIndicators")
      .Returns(Page(Ref("Indicator")));

  // ---- hardship-area county list (provisional) ----
  r.Add({"GET", "/api/v1/hardship-counties", Access::kPublic, "standards",
         "艰苦边远地区县名单（暂定）/ The hardship-area county list (provisional)",
         [svc](Request&, Ctx&) {
           Json items = Json::array();
           for (const auto& h : svc->HardshipCounties()) items.push_back(sa::HardshipJson(h));
           return JsonResponse(200, Items(items));
         }})
      .Op("listHardshipCounties")
      .Returns(Page(Ref("HardshipCounty")));
  r.Add({"PUT", "/api/v1/hardship-counties", Access::kNational, "standards",
         "替换艰苦边远地区县名单 / Replace the hardship-area county list",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           auto bad = [&](const std::string& field) {
             return ErrorResponse(BadParam(field, "字段缺失、未知或类型错误：" + field,
                                           "missing, unknown or mistyped field: " + field),
                                  ctx);
           };
           if (!body->is_object() || !body->contains("counties") || !(*body)["counties"].is_array())
             return bad("counties");
           for (auto it = body->begin(); it != body->end(); ++it)
             if (it.key() != "counties") return bad(it.key());
           std::vector<sa::HardshipCounty> rows;
           const Json& list = (*body)["counties"];
           for (std::size_t i = 0; i < list.size(); ++i) {
             const Json& e = list[i];
             std::string at = "counties[" + std::to_string(i) + "]";
             if (!e.is_object() || !e.contains("region_code") || !e["region_code"].is_string())
               return bad(at + ".region_code");
             sa::HardshipCounty h;
             for (auto f = e.begin(); f != e.end(); ++f) {
               if (f.key() == "region_code") {
                 h.region_code = f->get<std::string>();
               } else if (f.key() == "note" && f->is_string()) {
                 h.note = f->get<std::string>();
               } else if (f.key() == "provisional" && f->is_boolean()) {
                 h.provisional = f->get<bool>();
               } else {
                 return bad(at + "." + f.key());
               }
             }
             rows.push_back(std::move(h));
           }
           auto res = svc->PutHardshipCounties(ctx.actor, std::move(rows), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Json items = Json::array();
           for (const auto& h : *res) items.push_back(sa::HardshipJson(h));
           return JsonResponse(200, Items(items));
         },
         Json{{"counties",
               {{{"region_code", "632722"},
                 {"note", "人社部名单（待核）"},
                 {"provisional", true}}}}}})
      .Op("replaceHardshipCounties")
      .Takes(Object({{"counties", Array(Object({{"region_code", Str()},
                                                Opt("note", Str(core::limits::kNoteChars)),
                                                Opt("provisional", Bool())}))}}))
      .Returns(Page(Ref("HardshipCounty")));

  // ---- declared facts ----
  r.Add({"GET", "/api/v1/carriers/{id}/facts", Access::kLoggedIn, "standards",
         "载体申报的指标事实 / Facts a carrier declares",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto res = svc->GetFacts(ctx.actor, *id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, FactsJson(*res));
         }})
      .Op("getCarrierFacts")
      .Returns(Page(Ref("CarrierFact")));
  r.Add({"PUT", "/api/v1/carriers/{id}/facts", Access::kLoggedIn, "standards",
         "申报或修改指标事实（value 为 null 删除）/ Declare facts (value null removes one)",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           auto facts = ReadFacts(*body);
           if (!facts) return ErrorResponse(facts.error(), ctx);
           auto res = svc->PutFacts(ctx.actor, *id, std::move(*facts), ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, FactsJson(*res));
         },
         Json{{"facts",
               {{{"indicator", "mentors"},
                 {"value", 12},
                 {"as_of", "2025-12-31"},
                 {"source_note", "导师聘书"}}}}}})
      .Op("putCarrierFacts")
      .Takes(Object(
          {{"facts",
            Array(Object({{"indicator", Str()},
                          {"value", Describe({{"type", Json::array({"number", "boolean", "null"})}},
                                             "null removes the fact")},
                          {"as_of", Date()},
                          Opt("source_note", Str(core::limits::kNoteChars))}))}}))
      .Returns(Page(Ref("CarrierFact")));

  // ---- verdicts ----
  r.Add({"POST", "/api/v1/verdicts", Access::kLoggedIn, "standards",
         "按规则集评价一个主体 / Evaluate a subject against a rule set",
         [svc](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           sa::EvaluateRequest er;
           app::JsonReader jr(*body);
           std::optional<std::int64_t> version;
           jr.Str("rule_set_id", er.rule_set_id, true);
           jr.OptInt("rule_set_version", version);
           jr.Str("subject_type", er.subject_type, true);
           jr.Int("subject_id", er.subject_id, true);
           jr.Str("as_of", er.as_of);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           if (version) er.version = static_cast<int>(*version);
           auto res = svc->EvaluateSubject(ctx.actor, er, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Response out = JsonResponse(201, sa::StoredVerdictJson(*res));
           out.Set("Location", "/api/v1/verdicts/" + std::to_string(res->id));
           return out;
         },
         Json{{"rule_set_id", "RS-MIIT-2025-STANDARD"},
              {"subject_type", "carrier"},
              {"subject_id", 1},
              {"as_of", "2025-12-31"}},
         201})
      .Op("evaluateSubject")
      .Takes(Object({{"rule_set_id", Str()},
                     Opt("rule_set_version", Int(1, INT32_MAX)),
                     {"subject_type", Enum({"carrier", "enterprise"})},
                     {"subject_id", Id()},
                     Opt("as_of", Date())}))
      .Returns(Ref("Verdict"))
      .Errors({404});
  r.Add({"GET",
         "/api/v1/verdicts",
         Access::kLoggedIn,
         "standards",
         "评价结果列表 / List verdicts",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           sa::VerdictQuery q;
           q.subject_type = req.Query("subject_type");
           q.rule_set_id = req.Query("rule_set_id");
           q.region = req.Query("region");
           std::string sid = req.Query("subject_id");
           if (!sid.empty()) {
             std::int64_t v = 0;
             auto [ptr, ec] = std::from_chars(sid.data(), sid.data() + sid.size(), v);
             if (ec != std::errc() || ptr != sid.data() + sid.size())
               return ErrorResponse(
                   BadParam("subject_id", "subject_id 必须是整数", "subject_id must be an integer"),
                   ctx);
             q.subject_id = v;
           }
           auto page = svc->ListVerdicts(ctx.actor, q, *p);
           Json items = Json::array();
           for (const auto& v : page.items) items.push_back(sa::StoredVerdictJson(v));
           return JsonResponse(200, PageJson(items, page.next_cursor, page.total));
         },
         {},
         200,
         {"subject_type", "subject_id", "rule_set_id", "region", "limit", "cursor"}})
      .Op("listVerdicts")
      .Returns(Page(Ref("VerdictSummary")));
  r.Add({"GET", "/api/v1/verdicts/{id}", Access::kLoggedIn, "standards",
         "评价结果（逐条标准）/ A verdict with every criterion",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto v = svc->GetVerdict(ctx.actor, *id);
           if (!v) return ErrorResponse(v.error(), ctx);
           return JsonResponse(200, sa::StoredVerdictJson(*v));
         }})
      .Op("getVerdict")
      .Returns(Ref("Verdict"));

  // ---- tiered cultivation ----
  r.Add({"GET",
         "/api/v1/carriers/{id}/next-tier",
         Access::kLoggedIn,
         "standards",
         "距下一梯度的差距 / Distance to the next tier",
         [svc](Request& req, Ctx& ctx) {
           auto id = PathId(req);
           if (!id) return ErrorResponse(id.error(), ctx);
           auto res = svc->NextTier(ctx.actor, *id, req.Query("as_of"));
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, NextTierJson(*res));
         },
         {},
         200,
         {"as_of"}})
      .Op("getNextTier")
      .Returns(Ref("NextTier"));
  r.Add({"GET",
         "/api/v1/cultivation/candidates",
         Access::kLoggedIn,
         "standards",
         "各省升级候选（排名）/ Ranked upgrade candidates per province",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto res = svc->Candidates(ctx.actor, req.Query("region"), req.Query("level"),
                                      req.Query("as_of"));
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(
               200, Slice(
                        **res, *p, [](const sa::Candidate&) { return true; }, CandidateJson));
         },
         {},
         200,
         {"region", "level", "as_of", "limit", "cursor"}})
      .Op("listCultivationCandidates")
      .Returns(Page(Ref("Candidate")));
  r.Add({"GET",
         "/api/v1/cultivation/alerts",
         Access::kLoggedIn,
         "standards",
         "培育预警 / Cultivation alerts",
         [svc](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto res = svc->Alerts(ctx.actor, req.Query("region"), req.Query("as_of"));
           if (!res) return ErrorResponse(res.error(), ctx);
           std::string kind = req.Query("kind");
           return JsonResponse(
               200, Slice(
                        **res, *p,
                        [&kind](const sa::Alert& a) { return kind.empty() || a.kind == kind; },
                        AlertJson));
         },
         {},
         200,
         {"region",
          "as_of",
          {"kind",
           {"revocation_warning", "tax_benefit_ending", "incubation_over_limit", "graduation_due"}},
          "limit",
          "cursor"}})
      .Op("listCultivationAlerts")
      .Returns(Page(Ref("Alert")));
}

}  // namespace incunet::http
