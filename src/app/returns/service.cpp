#include "app/returns/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/returns/codec.hpp"
#include "core/dates.hpp"
#include "domain/registry/entities.hpp"
#include "domain/returns/catalogue.hpp"
#include "domain/returns/workflow.hpp"

namespace incunet::app::returns {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr int kFirstYear = 1987;  // the first Chinese incubator opened in 1987
constexpr std::size_t kMaxReasonChars = 2000;

core::Error Forbidden(const char* zh, const char* en) {
  return core::Error{ErrorCode::kForbidden, "forbidden", zh, en, {}};
}

core::Error ReturnNotFound() { return core::NotFound("年度统计报表", "annual return"); }

core::Error StaleVersion(bool if_match, std::int64_t current) {
  core::Error e{if_match ? ErrorCode::kPreconditionFailed : ErrorCode::kConflict,
                "stale_version",
                "数据已被他人修改，请刷新后重试",
                "the record was changed by someone else; reload and try again",
                {}};
  e.details["current_version"] = std::to_string(current);
  return e;
}

bool CanFile(const Actor& a, std::int64_t carrier_id) {
  if (a.role == Role::kNationalAdmin && a.scope.kind == Scope::Kind::kNational) return true;
  return a.role == Role::kCarrierOperator && a.scope.kind == Scope::Kind::kCarriers &&
         std::find(a.scope.carrier_ids.begin(), a.scope.carrier_ids.end(), carrier_id) !=
             a.scope.carrier_ids.end();
}

// The reviewer's (level, prefix), or nullopt for actors who review nothing.
std::optional<std::pair<std::string, std::string>> ReviewerOf(const Actor& a) {
  if (a.role == Role::kNationalAdmin && a.scope.kind == Scope::Kind::kNational)
    return std::pair{std::string(ret::kLevelNational), std::string()};
  if (a.role != Role::kRegionAdmin || a.scope.kind != Scope::Kind::kRegion) return std::nullopt;
  auto level = ret::ReviewerLevel(false, a.scope.region_prefix);
  if (!level) return std::nullopt;
  return std::pair{*level, a.scope.region_prefix};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::optional<ret::Values> LastYear(Tx& tx, const ret::AnnualReturn& r) {
  auto prev = tx.returns().FindByCarrierYear(Scope::National(), r.carrier_id, r.year - 1);
  if (!prev || prev->status == ret::kStatusDraft) return std::nullopt;
  return prev->values;
}

ReturnView MakeView(Tx& tx, ret::AnnualReturn r) {
  ReturnView v;
  auto last = LastYear(tx, r);
  v.has_last_year = last.has_value();
  v.findings = ret::RunChecks(r, last ? &*last : nullptr);
  v.ret = std::move(r);
  return v;
}

std::vector<ret::RegionNode> Chain(Tx& tx, const std::string& code) {
  std::vector<ret::RegionNode> out;
  for (const auto& g : tx.regions().Ancestors(code)) out.push_back({g.code, g.level});
  if (auto self = tx.regions().Find(code)) out.push_back({self->code, self->level});
  return out;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

core::Status CheckReason(const std::string& reason, bool required) {
  if (required && Blank(reason)) {
    core::Error e{
        ErrorCode::kInvalid, "reason_required", "必须填写理由", "a reason is required", {}};
    e.details["field"] = "reason";
    return Fail(std::move(e));
  }
  if (reason.size() > kMaxReasonChars * 3) {
    core::Error e{ErrorCode::kInvalid,
                  "reason_too_long",
                  "理由过长（最多2000字）",
                  "the reason is too long (at most 2000 characters)",
                  {}};
    e.details["field"] = "reason";
    return Fail(std::move(e));
  }
  return {};
}

}  // namespace

std::string ReturnsService::Today() const { return core::CivilDateCst(now_.Now()); }
std::string ReturnsService::NowText() const { return core::Rfc3339(now_.Now()); }

std::optional<ReturnQuery> ReturnsService::ReviewQueue(const Actor& a) {
  auto who = ReviewerOf(a);
  if (!who) return std::nullopt;
  ReturnQuery q;
  q.status = ret::kStatusSubmitted;
  q.pending_level = who->first;
  q.pending_prefix = who->second;
  return q;
}

core::Result<ReturnView> ReturnsService::Get(const Actor& a, std::int64_t id) {
  std::optional<ReturnView> v;
  store_.Read([&](Tx& tx) {
    if (auto r = tx.returns().Find(a.scope, id)) v = MakeView(tx, std::move(*r));
  });
  if (!v) return Fail(ReturnNotFound());
  return *v;
}

Page<ret::AnnualReturn> ReturnsService::List(const Actor& a, const ReturnQuery& q,
                                             const PageRequest& p) {
  Page<ret::AnnualReturn> page;
  store_.Read([&](Tx& tx) { page = tx.returns().List(a.scope, q, p); });
  return page;
}

core::Result<ReturnView> ReturnsService::Create(const Actor& a, std::int64_t carrier_id, int year,
                                                const std::string& request_id) {
  int this_year = std::stoi(Today().substr(0, 4));
  if (year < kFirstYear || year > this_year) {
    core::Error e{
        ErrorCode::kInvalid,
        "invalid_year",
        fmt::format("统计年度应在 {} 至 {} 之间", kFirstYear, this_year),
        fmt::format("the statistical year must be between {} and {}", kFirstYear, this_year),
        {}};
    e.details["field"] = "year";
    return Fail(std::move(e));
  }
  std::optional<ReturnView> out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto c = tx.carriers().Find(a.scope, carrier_id);
    if (!c || !(CanFile(a, carrier_id) || ScopeCoversRegion(a.scope, c->region_code)))
      return Fail(core::NotFound("孵化载体", "carrier"));
    if (!CanFile(a, carrier_id))
      return Fail(Forbidden("只有载体运营方可以填报年度统计报表",
                            "only the carrier's operator may file its annual return"));
    if (auto existing = tx.returns().FindByCarrierYear(Scope::National(), carrier_id, year)) {
      core::Error e{ErrorCode::kConflict,
                    "return_exists",
                    fmt::format("该载体 {} 年度的统计报表已存在", year),
                    fmt::format("the carrier already has a return for {}", year),
                    {}};
      e.details["id"] = std::to_string(existing->id);
      return Fail(std::move(e));
    }
    ret::AnnualReturn r;
    r.carrier_id = carrier_id;
    r.year = year;
    r.kind = c->kind;
    r.created_at = r.updated_at = NowText();
    r.version = 1;
    r.id = tx.returns().Insert(r);

    // Prefill: the registry's view of the carrier at the end of the year, plus last year's
    // header items that the registry does not hold (legal status, person in charge …).
    ret::Values v;
    auto put = [&](const char* code, std::string value) { v[code] = std::move(value); };
    auto area = [&](const char* code, double m2) {
      if (m2 > 0) put(code, fmt::format("{}", m2));
    };
    put("TDF711", c->name);
    put("TDF719", c->founded_on);
    put("TDF717", c->address);
    put("TDF730", c->specialization == "specialized" ? "专业" : "综合");
    put("TDF721", c->tier == "national" || c->tier == "standard" || c->tier == "excellence"
                      ? "true"
                      : "false");
    bool in_hitech_zone = false;
    if (c->zone_code)
      if (auto z = tx.regions().Find(*c->zone_code))
        in_hitech_zone = z->name.find("高新") != std::string::npos;
    put("TDF716", in_hitech_zone ? "true" : "false");
    area("Tdf7e00", c->area_total_m2);
    area("Tdf7e02", c->area_incubatee_m2);
    area("Tdf7e03", c->area_public_service_m2);
    auto facts = tx.returns().Facts(carrier_id, year);
    put("Tdf7f00", std::to_string(facts.incubatees));
    put("Tdf7f02", std::to_string(facts.incubatee_employees));
    put("Tdf7f08", std::to_string(facts.graduated_in_year));
    put("Tdf7f09", std::to_string(facts.teams));
    put("Tdf7f10", std::to_string(facts.team_members));
    put("Tdf7f11", std::to_string(facts.high_tech));
    if (auto prev = tx.returns().FindByCarrierYear(Scope::National(), carrier_id, year - 1))
      for (const char* code : {"TDF713", "TDF714", "TDF715", "TDF718"})
        if (auto it = prev->values.find(code); it != prev->values.end()) put(code, it->second);

    std::string now = NowText();
    auto record = [&](std::int64_t row, const std::string& code, const std::string& value) {
      tx.returns().SetValue(r.id, row, code, value);
      tx.returns().AppendChange(
          {r.id, row, code, std::nullopt, value, a.user_id, a.login, now, request_id});
    };
    for (const auto& [code, value] : v)
      if (!value.empty()) record(0, code, value);
    for (const auto& f : tx.returns().Incubatees(carrier_id, year)) {
      ret::Values row{{"I01", f.name},
                      {"I02", f.uscc},
                      {"I03", f.founded_on},
                      {"I04", f.entered_on},
                      {"I05", f.industry},
                      {"I07", f.domains},
                      {"I10", f.graduated ? "true" : "false"},
                      {"I11", f.graduated_on},
                      {"I12", f.high_tech ? "true" : "false"},
                      {"I12a", f.tech_sme ? "true" : "false"},
                      {"I24", std::to_string(f.employees)}};
      if (f.space_m2 > 0) row["I17"] = fmt::format("{}", f.space_m2);
      for (const auto& [code, value] : row)
        if (!value.empty()) record(f.enterprise_id, code, value);
    }
    auto created = tx.returns().Find(Scope::National(), r.id);
    tx.audit().Append({a.login, a.user_id, "annual_return.create", "annual_return",
                       std::to_string(r.id), "", Dump(ToJson(*created, true)), request_id},
                      now);
    out = MakeView(tx, std::move(*created));
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *out;
}

core::Result<ReturnView> ReturnsService::Update(const Actor& a, std::int64_t id,
                                                std::int64_t version, bool from_if_match,
                                                const ReturnEdit& edit,
                                                const std::string& request_id) {
  std::optional<ReturnView> out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto r = tx.returns().Find(a.scope, id);
    if (!r) return Fail(ReturnNotFound());
    if (!CanFile(a, r->carrier_id))
      return Fail(Forbidden("只有载体运营方可以修改年度统计报表",
                            "only the carrier's operator may edit its annual return"));
    if (!ret::IsEditable(*r)) {
      core::Error e{ErrorCode::kInvalid,
                    "not_editable",
                    "报表已提交审核或已通过，不能修改（被退回后可修改）",
                    "the return is under review or accepted and cannot be edited (it can once "
                    "it is returned)",
                    {}};
      e.details["status"] = r->status;
      return Fail(std::move(e));
    }
    if (r->version != version) return Fail(StaleVersion(from_if_match, r->version));

    std::string now = NowText();
    Json changes = Json::array();
    auto change = [&](std::int64_t row, const std::string& code,
                      const std::optional<std::string>& before,
                      const std::optional<std::string>& after) {
      if (before == after) return;
      if (row == ret::kExplanationRow)
        tx.returns().SetExplanation(id, code, after);
      else
        tx.returns().SetValue(id, row, code, after);
      tx.returns().AppendChange(
          {id, row, code, before, after, a.user_id, a.login, now, request_id});
      changes.push_back(
          Json{{"row_id", row}, {"code", code}, {"old", OptJson(before)}, {"new", OptJson(after)}});
    };
    auto canonical = [&](ret::Form form, const std::string& code,
                         const std::optional<std::string>& raw,
                         const std::string& path) -> core::Result<std::optional<std::string>> {
      if (!raw || raw->empty()) return std::optional<std::string>();
      const ret::FieldDef* f = ret::FindField(form, code);
      if (!f) {
        core::Error e{ErrorCode::kMalformed,
                      "unknown_field",
                      "未知字段 " + path,
                      "unknown field " + path,
                      {}};
        e.details["field"] = path;
        return Fail(std::move(e));
      }
      auto c = ret::CanonicalValue(*f, *raw);
      if (!c) {
        core::Error e = c.error();
        e.details["field"] = path;
        return Fail(std::move(e));
      }
      return std::optional<std::string>(*c);
    };
    auto old_of = [](const ret::Values& v, const std::string& code) {
      auto it = v.find(code);
      return it == v.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    };

    for (const auto& [code, raw] : edit.values) {
      auto c = canonical(ret::Form::kCarrier, code, raw, "values." + code);
      if (!c) return tl::unexpected(c.error());
      change(0, code, old_of(r->values, code), *c);
    }
    // Rows name enterprises that had a stay at this carrier in the return's year; any other id
    // gets the same answer whether or not it exists.
    std::vector<std::int64_t> named;
    for (const auto& row : edit.rows)
      if (!row.remove) named.push_back(row.row_id);
    auto allowed = named.empty() ? std::set<std::int64_t>()
                                 : tx.returns().IncubateesInYear(r->carrier_id, r->year, named);
    for (const auto& row : edit.rows) {
      auto it = std::find_if(r->incubatees.begin(), r->incubatees.end(),
                             [&](const ret::IncubateeRow& x) { return x.row_id == row.row_id; });
      std::string p = "incubatees." + std::to_string(row.row_id);
      if (row.remove) {
        if (it == r->incubatees.end()) continue;
        for (const auto& [code, value] : it->values) change(row.row_id, code, value, std::nullopt);
        tx.returns().RemoveRow(id, row.row_id);
        continue;
      }
      if (!allowed.count(row.row_id)) {
        core::Error e{
            ErrorCode::kInvalid,
            "not_an_incubatee",
            fmt::format("明细行 {} 不是本载体该年度的在孵企业", row.row_id),
            fmt::format("row {} is not an incubatee of this carrier in that year", row.row_id),
            {}};
        e.details["field"] = p + ".row_id";
        return Fail(std::move(e));
      }
      ret::Values current;
      if (it != r->incubatees.end()) current = it->values;
      for (const auto& [code, raw] : row.values) {
        auto c = canonical(ret::Form::kIncubatee, code, raw, p + ".values." + code);
        if (!c) return tl::unexpected(c.error());
        change(row.row_id, code, old_of(current, code), *c);
      }
    }
    for (const auto& [key, text] : edit.explanations) {
      if (text && text->size() > kMaxReasonChars * 3) {
        core::Error e{ErrorCode::kInvalid,
                      "explanation_too_long",
                      "说明过长（最多2000字）",
                      "the explanation is too long (at most 2000 characters)",
                      {}};
        e.details["field"] = "explanations." + key;
        return Fail(std::move(e));
      }
      std::optional<std::string> t = text && !Blank(*text) ? text : std::nullopt;
      change(ret::kExplanationRow, key, old_of(r->explanations, key), t);
    }

    ret::AnnualReturn next = *r;
    next.updated_at = now;
    if (!tx.returns().UpdateHeader(next, version))
      return Fail(StaleVersion(from_if_match, version + 1));
    tx.audit().Append({a.login, a.user_id, "annual_return.update", "annual_return",
                       std::to_string(id), "", Dump(Json{{"changes", changes}}), request_id},
                      now);
    out = MakeView(tx, *tx.returns().Find(Scope::National(), id));
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *out;
}

core::Result<ReturnView> ReturnsService::Step(const Actor& a, std::int64_t id, const Decide& decide,
                                              const std::string& request_id) {
  std::optional<ReturnView> out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto r = tx.returns().Find(a.scope, id);
    if (!r) return Fail(ReturnNotFound());
    std::string now = NowText();
    auto step = decide(tx, *r, now);
    if (!step) return tl::unexpected(step.error());
    step->next.updated_at = now;
    if (!tx.returns().UpdateHeader(step->next, r->version))
      return Fail(StaleVersion(false, r->version + 1));
    ret::ReviewEvent ev = step->event;
    ev.return_id = id;
    ev.actor_id = a.user_id;
    ev.actor_login = a.login;
    ev.at = now;
    tx.returns().AppendReview(ev);
    tx.audit().Append({a.login, a.user_id, step->audit_action, "annual_return", std::to_string(id),
                       step->audit_before, step->audit_after, request_id},
                      now);
    out = MakeView(tx, *tx.returns().Find(Scope::National(), id));
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *out;
}

core::Result<ReturnView> ReturnsService::Submit(const Actor& a, std::int64_t id,
                                                const std::string& request_id) {
  return Step(
      a, id,
      [&](Tx& tx, const ret::AnnualReturn& r, const std::string& now) -> core::Result<StepOutcome> {
        if (!CanFile(a, r.carrier_id))
          return Fail(Forbidden("只有载体运营方可以提交年度统计报表",
                                "only the carrier's operator may submit its annual return"));
        if (!ret::IsEditable(r)) {
          core::Error e{ErrorCode::kInvalid,
                        "illegal_transition",
                        "报表当前状态为 " + r.status + "，不能提交",
                        "a return in status " + r.status + " cannot be submitted",
                        {}};
          e.details["status"] = r.status;
          return Fail(std::move(e));
        }
        if (auto s = ret::CheckFilingWindow(r, tx.returns().FindDeadline(r.year, r.kind), Today());
            !s)
          return tl::unexpected(s.error());
        auto last = LastYear(tx, r);
        if (auto s = ret::CheckSubmittable(r, last ? &*last : nullptr); !s)
          return tl::unexpected(s.error());
        auto carrier = tx.carriers().Find(Scope::National(), r.carrier_id);
        if (!carrier) return Fail(core::NotFound("孵化载体", "carrier"));
        std::vector<ret::RegionNode> zone;
        if (carrier->zone_code) zone = Chain(tx, *carrier->zone_code);
        auto path = ret::ReviewPath(Chain(tx, carrier->region_code), zone);
        StepOutcome o{r, {}, "annual_return.submit", Dump(ToJson(r, false)), ""};
        if (auto s = ret::Submit(o.next, path); !s) return tl::unexpected(s.error());
        o.next.submitted_at = now;
        o.event.decision = "submit";
        o.event.level = "carrier";
        o.audit_after = Dump(ToJson(o.next, false));
        return o;
      },
      request_id);
}

core::Result<ReturnView> ReturnsService::Approve(const Actor& a, std::int64_t id,
                                                 const std::string& comment,
                                                 const std::string& request_id) {
  if (auto s = CheckReason(comment, false); !s) return tl::unexpected(s.error());
  return Step(
      a, id,
      [&](Tx&, const ret::AnnualReturn& r, const std::string& now) -> core::Result<StepOutcome> {
        auto who = ReviewerOf(a);
        if (!who)
          return Fail(Forbidden("只有区域或国家级管理员可以审核报表",
                                "only region or national administrators review returns"));
        StepOutcome o{r, {}, "", Dump(ToJson(r, false)), ""};
        if (auto s = ret::Approve(o.next, who->first, who->second); !s)
          return tl::unexpected(s.error());
        bool accepted = o.next.status == ret::kStatusAccepted;
        if (accepted) o.next.accepted_at = now;
        o.event.decision = accepted ? "accept" : "approve";
        o.event.level = who->first;
        o.event.region_prefix = who->second;
        o.event.reason = comment;
        o.audit_action = accepted ? "annual_return.accept" : "annual_return.approve";
        o.audit_after = Dump(ToJson(o.next, false));
        return o;
      },
      request_id);
}

core::Result<ReturnView> ReturnsService::SendBack(const Actor& a, std::int64_t id,
                                                  const std::string& reason,
                                                  const std::string& request_id) {
  if (auto s = CheckReason(reason, true); !s) return tl::unexpected(s.error());
  return Step(
      a, id,
      [&](Tx&, const ret::AnnualReturn& r, const std::string&) -> core::Result<StepOutcome> {
        auto who = ReviewerOf(a);
        if (!who)
          return Fail(Forbidden("只有区域或国家级管理员可以退回报表",
                                "only region or national administrators return reports"));
        StepOutcome o{r, {}, "annual_return.return", Dump(ToJson(r, false)), ""};
        if (auto s = ret::SendBack(o.next, who->first, who->second, reason); !s)
          return tl::unexpected(s.error());
        o.event.decision = "return";
        o.event.level = who->first;
        o.event.region_prefix = who->second;
        o.event.reason = reason;
        o.audit_after = Dump(Json{{"status", o.next.status}, {"reason", reason}});
        return o;
      },
      request_id);
}

core::Result<ReturnView> ReturnsService::Reopen(const Actor& a, std::int64_t id,
                                                const std::string& until, const std::string& reason,
                                                const std::string& request_id) {
  if (a.role != Role::kNationalAdmin || a.scope.kind != Scope::Kind::kNational)
    return Fail(Forbidden("只有国家级管理员可以重新开放填报",
                          "only the national administrator may reopen filing"));
  if (auto s = CheckReason(reason, true); !s) return tl::unexpected(s.error());
  auto d = core::Date::Parse(until);
  if (!d || until < Today()) {
    core::Error e{ErrorCode::kInvalid,
                  "invalid_date",
                  "重新开放的截止日期应为今天或之后的日期",
                  "the reopening must last until today or a later date",
                  {}};
    e.details["field"] = "until";
    return Fail(std::move(e));
  }
  return Step(
      a, id,
      [&](Tx&, const ret::AnnualReturn& r, const std::string&) -> core::Result<StepOutcome> {
        if (!ret::IsEditable(r)) {
          core::Error e{ErrorCode::kInvalid,
                        "illegal_transition",
                        "只有草稿或被退回的报表可以重新开放填报",
                        "only a draft or returned return can be reopened for filing",
                        {}};
          e.details["status"] = r.status;
          return Fail(std::move(e));
        }
        StepOutcome o{
            r, {}, "annual_return.reopen", "", Dump(Json{{"until", until}, {"reason", reason}})};
        o.next.reopened_until = until;
        o.event.decision = "reopen";
        o.event.level = ret::kLevelNational;
        o.event.reason = reason + "（至 " + until + "）";
        return o;
      },
      request_id);
}

core::Result<std::vector<ret::ValueChange>> ReturnsService::History(const Actor& a, std::int64_t id,
                                                                    const std::string& code) {
  std::optional<std::vector<ret::ValueChange>> out;
  store_.Read([&](Tx& tx) {
    if (tx.returns().Find(a.scope, id)) out = tx.returns().Changes(id, code);
  });
  if (!out) return Fail(ReturnNotFound());
  return *out;
}

core::Result<std::vector<ret::ReviewEvent>> ReturnsService::Reviews(const Actor& a,
                                                                    std::int64_t id) {
  std::optional<std::vector<ret::ReviewEvent>> out;
  store_.Read([&](Tx& tx) {
    if (tx.returns().Find(a.scope, id)) out = tx.returns().Reviews(id);
  });
  if (!out) return Fail(ReturnNotFound());
  return *out;
}

std::vector<ret::Deadline> ReturnsService::Deadlines(std::optional<int> year) {
  std::vector<ret::Deadline> out;
  store_.Read([&](Tx& tx) { out = tx.returns().Deadlines(year); });
  return out;
}

core::Result<ret::Deadline> ReturnsService::SetDeadline(const Actor& a, const ret::Deadline& d,
                                                        const std::string& request_id) {
  if (a.role != Role::kNationalAdmin || a.scope.kind != Scope::Kind::kNational)
    return Fail(Forbidden("只有国家级管理员可以设置填报期限",
                          "only the national administrator sets filing deadlines"));
  auto field_error = [](const char* field, const char* zh, const char* en) {
    return Fail(core::InvalidField("invalid_deadline", field, zh, en));
  };
  if (d.year < kFirstYear || d.year > 9998)
    return field_error("year", "统计年度无效", "invalid statistical year");
  bool known_kind = false;
  for (const char* k : domain::registry::kCarrierKinds) known_kind |= d.kind == k;
  if (!known_kind) return field_error("kind", "未知的载体类型", "unknown carrier kind");
  if (!core::Date::Parse(d.opens_on))
    return field_error("opens_on", "日期格式应为YYYY-MM-DD", "expected YYYY-MM-DD");
  if (!core::Date::Parse(d.closes_on))
    return field_error("closes_on", "日期格式应为YYYY-MM-DD", "expected YYYY-MM-DD");
  if (d.closes_on < d.opens_on)
    return field_error("closes_on", "截止日期早于开始日期", "closes before it opens");
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto before = tx.returns().FindDeadline(d.year, d.kind);
    tx.returns().UpsertDeadline(d);
    tx.audit().Append({a.login, a.user_id, "annual_return.deadline.set", "return_deadline",
                       fmt::format("{}/{}", d.year, d.kind), before ? Dump(ToJson(*before)) : "",
                       Dump(ToJson(d)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return d;
}

}  // namespace incunet::app::returns
