#include "domain/io/records.hpp"

#include <charconv>

#include "domain/registry/rules.hpp"

namespace incunet::domain::io {
namespace {

namespace reg = registry;

std::optional<std::string> Opt(const std::string& v) {
  if (v.empty()) return std::nullopt;
  return v;
}

double Dec(const std::string& v) {
  double d = 0;
  if (!v.empty()) std::from_chars(v.data(), v.data() + v.size(), d);
  return d;
}

std::string OptText(const std::optional<std::string>& v) { return v ? *v : std::string(); }

// Maps a domain error onto the column it names ("qualifications.valid_from" → "valid_from").
void AddDomainError(const EntitySpec& s, const Values& v, const CsvRecord& rec,
                    const core::Error& e, std::vector<RowError>* errors) {
  std::string field;
  if (auto it = e.details.find("field"); it != e.details.end()) field = it->second;
  if (auto dot = field.rfind('.'); dot != std::string::npos) field = field.substr(dot + 1);
  if (field == "overseas_sites") field = "overseas_countries";
  auto it = s.index.find(field);
  std::string key = it == s.index.end() ? std::string() : field;
  std::string value = it == s.index.end() ? std::string() : v[it->second];
  errors->push_back(MakeRowError(s, rec, key, value, e.id, e.message_zh, e.message_en));
}

bool Check(const core::Status& st, const EntitySpec& s, const Values& v, const CsvRecord& rec,
           std::vector<RowError>* errors) {
  if (st) return true;
  AddDomainError(s, v, rec, st.error(), errors);
  return false;
}

core::Error FieldError(const char* field, const char* id, std::string zh, std::string en) {
  return core::InvalidField(id, field, std::move(zh), std::move(en));
}

}  // namespace

bool ToCarrier(const EntitySpec& s, const Values& v, const CsvRecord& rec, reg::Carrier* out,
               std::vector<RowError>* errors) {
  reg::Carrier& c = *out;
  c = reg::Carrier{};
  c.code = v[s.At("code")];
  c.name = v[s.At("name")];
  c.kind = v[s.At("kind")];
  c.operator_uscc = v[s.At("operator_uscc")];
  c.region_code = v[s.At("region_code")];
  c.zone_code = Opt(v[s.At("zone_code")]);
  c.address = v[s.At("address")];
  c.founded_on = v[s.At("founded_on")];
  c.closed_on = Opt(v[s.At("closed_on")]);
  const std::string& spec = v[s.At("specialization")];
  c.specialization = spec.empty() ? "general" : spec;
  c.industry = Opt(v[s.At("industry")]);
  c.area_total_m2 = Dec(v[s.At("area_total_m2")]);
  c.area_self_controlled_m2 = Dec(v[s.At("area_self_controlled_m2")]);
  c.area_incubatee_m2 = Dec(v[s.At("area_incubatee_m2")]);
  c.area_public_service_m2 = Dec(v[s.At("area_public_service_m2")]);
  for (const auto& cc : SplitList(v[s.At("overseas_countries")]))
    c.overseas_sites.push_back({cc, ""});
  if (c.closed_on && *c.closed_on < c.founded_on) {
    AddDomainError(s, v, rec,
                   FieldError("closed_on", "invalid_period", "关闭日期早于成立日期",
                              "closed_on is before founded_on"),
                   errors);
    return false;
  }
  return Check(reg::ValidateCarrier(c), s, v, rec, errors);
}

bool ToEnterprise(const EntitySpec& s, const Values& v, const CsvRecord& rec, EnterpriseRecord* out,
                  std::vector<RowError>* errors) {
  *out = EnterpriseRecord{};
  reg::Enterprise& e = out->enterprise;
  e.uscc = Opt(v[s.At("uscc")]);
  e.name = v[s.At("name")];
  e.is_team = v[s.At("is_team")] == "1";
  e.founded_on = v[s.At("founded_on")];
  e.region_code = v[s.At("region_code")];
  e.industry = Opt(v[s.At("industry")]);
  e.domains = SplitList(v[s.At("domains")]);
  const std::string& emp = v[s.At("employees")];
  if (!emp.empty()) std::from_chars(emp.data(), emp.data() + emp.size(), e.employees);
  if (e.is_team) {
    out->team_carrier_code = v[s.At("team_carrier_code")];
    if (out->team_carrier_code.empty()) {
      AddDomainError(s, v, rec,
                     FieldError("team_carrier_code", "required",
                                "创业团队必须填写团队所属载体编码（团队以载体编码加团队名称识别）",
                                "a team needs team_carrier_code (a team is known by carrier code "
                                "and team name)"),
                     errors);
      return false;
    }
  }
  return Check(reg::ValidateEnterprise(e), s, v, rec, errors);
}

core::Status ValidateIncubationRecord(const reg::Incubation& i) {
  using core::Fail;
  if (!reg::IsKnown(i.state, {"applied", "admitted", "incubating", "graduated", "exited"}))
    return Fail(FieldError("state", "invalid_value", "未知的孵化状态", "unknown state"));
  bool ended = i.state == "graduated" || i.state == "exited";
  if (i.state != "applied" && !i.admitted_on)
    return Fail(FieldError("admitted_on", "required", "已录取的孵化关系必须填写录取日期",
                           "a stay past applied needs admitted_on"));
  if ((i.state == "incubating" || ended) && !i.started_on)
    return Fail(FieldError("started_on", "required", "在孵或已结束的孵化关系必须填写入孵日期",
                           "an incubating or ended stay needs started_on"));
  if (ended && !i.ended_on)
    return Fail(FieldError("ended_on", "required", "已毕业或已退出的孵化关系必须填写结束日期",
                           "a graduated or exited stay needs ended_on"));
  if (!ended && (i.ended_on || i.end_reason))
    return Fail(FieldError(i.ended_on ? "ended_on" : "end_reason", "not_ended",
                           "未结束的孵化关系不能有结束日期或结束原因",
                           "a stay that has not ended has no ended_on or end_reason"));
  if (i.state == "applied" && (i.admitted_on || i.started_on))
    return Fail(FieldError(i.admitted_on ? "admitted_on" : "started_on", "not_admitted",
                           "仅申请的孵化关系不能有录取或入孵日期",
                           "an applied stay has no admitted_on or started_on"));
  std::string last = i.applied_on;
  const char* last_field = "applied_on";
  for (auto [d, f] : {std::pair{&i.admitted_on, "admitted_on"},
                      {&i.started_on, "started_on"},
                      {&i.ended_on, "ended_on"}}) {
    if (!*d) continue;
    if (**d < last)
      return Fail(FieldError(f, "date_order", std::string(f) + " 早于 " + last_field,
                             std::string(f) + " is before " + last_field));
    last = **d;
    last_field = f;
  }
  if (i.space_m2 < 0)
    return Fail(FieldError("space_m2", "invalid_area", "占用面积必须是非负数",
                           "space_m2 must be a non-negative number"));
  return {};
}

bool ToIncubation(const EntitySpec& s, const Values& v, const CsvRecord& rec, IncubationRecord* out,
                  std::vector<RowError>* errors) {
  *out = IncubationRecord{};
  out->uscc = v[s.At("uscc")];
  out->team_name = v[s.At("team_name")];
  out->carrier_code = v[s.At("carrier_code")];
  out->team_carrier_code = v[s.At("team_carrier_code")];
  if (out->team_carrier_code.empty()) out->team_carrier_code = out->carrier_code;
  reg::Incubation& i = out->incubation;
  i.state = v[s.At("state")];
  i.applied_on = v[s.At("applied_on")];
  i.admitted_on = Opt(v[s.At("admitted_on")]);
  i.started_on = Opt(v[s.At("started_on")]);
  i.ended_on = Opt(v[s.At("ended_on")]);
  i.end_reason = Opt(v[s.At("end_reason")]);
  i.space_m2 = Dec(v[s.At("space_m2")]);
  if (out->uscc.empty() == out->team_name.empty()) {
    AddDomainError(s, v, rec,
                   FieldError(out->uscc.empty() ? "uscc" : "team_name", "enterprise_key",
                              "企业统一社会信用代码与团队名称必须且只能填写一项",
                              "give exactly one of uscc (a registered enterprise) and team_name "
                              "(an unregistered team)"),
                   errors);
    return false;
  }
  return Check(ValidateIncubationRecord(i), s, v, rec, errors);
}

bool ToQualification(const EntitySpec& s, const Values& v, const CsvRecord& rec,
                     QualificationRecord* out, std::vector<RowError>* errors) {
  out->uscc = v[s.At("uscc")];
  out->qualification = {v[s.At("kind")], v[s.At("valid_from")], Opt(v[s.At("valid_to")])};
  if (out->qualification.valid_to && *out->qualification.valid_to < out->qualification.valid_from) {
    AddDomainError(s, v, rec,
                   FieldError("valid_to", "invalid_period", "失效日期早于生效日期",
                              "valid_to is before valid_from"),
                   errors);
    return false;
  }
  return true;
}

bool ToListing(const EntitySpec& s, const Values& v, const CsvRecord& rec, ListingRecord* out,
               std::vector<RowError>* errors) {
  out->uscc = v[s.At("uscc")];
  out->listing = {v[s.At("board")], v[s.At("code")], v[s.At("listed_on")]};
  return true;
}

bool ToRecognition(const EntitySpec& s, const Values& v, const CsvRecord& rec,
                   RecognitionRecord* out, std::vector<RowError>* errors) {
  out->carrier_code = v[s.At("carrier_code")];
  reg::Recognition& r = out->recognition;
  r = reg::Recognition{};
  r.level = v[s.At("level")];
  r.authority = v[s.At("authority")];
  r.valid_from = v[s.At("valid_from")];
  r.valid_to = Opt(v[s.At("valid_to")]);
  r.document_no = v[s.At("document_no")];
  return Check(reg::ValidateRecognition(r), s, v, rec, errors);
}

Values FromCarrier(const EntitySpec& s, const reg::Carrier& c) {
  Values v(s.columns.size());
  v[s.At("code")] = c.code;
  v[s.At("name")] = c.name;
  v[s.At("kind")] = c.kind;
  v[s.At("operator_uscc")] = c.operator_uscc;
  v[s.At("region_code")] = c.region_code;
  v[s.At("zone_code")] = OptText(c.zone_code);
  v[s.At("address")] = c.address;
  v[s.At("founded_on")] = c.founded_on;
  v[s.At("closed_on")] = OptText(c.closed_on);
  v[s.At("specialization")] = c.specialization;
  v[s.At("industry")] = OptText(c.industry);
  v[s.At("area_total_m2")] = FormatDecimal(c.area_total_m2);
  v[s.At("area_self_controlled_m2")] = FormatDecimal(c.area_self_controlled_m2);
  v[s.At("area_incubatee_m2")] = FormatDecimal(c.area_incubatee_m2);
  v[s.At("area_public_service_m2")] = FormatDecimal(c.area_public_service_m2);
  std::vector<std::string> cc;
  for (const auto& o : c.overseas_sites) cc.push_back(o.country_code);
  v[s.At("overseas_countries")] = JoinList(cc);
  return v;
}

Values FromEnterprise(const EntitySpec& s, const reg::Enterprise& e,
                      const std::string& team_carrier_code) {
  Values v(s.columns.size());
  v[s.At("uscc")] = OptText(e.uscc);
  v[s.At("name")] = e.name;
  v[s.At("is_team")] = e.is_team ? "1" : "0";
  v[s.At("team_carrier_code")] = e.is_team ? team_carrier_code : "";
  v[s.At("founded_on")] = e.founded_on;
  v[s.At("region_code")] = e.region_code;
  v[s.At("industry")] = OptText(e.industry);
  v[s.At("domains")] = JoinList(e.domains);
  v[s.At("employees")] = std::to_string(e.employees);
  return v;
}

Values FromIncubation(const EntitySpec& s, const IncubationRecord& r) {
  Values v(s.columns.size());
  const auto& i = r.incubation;
  v[s.At("uscc")] = r.uscc;
  v[s.At("team_name")] = r.team_name;
  v[s.At("team_carrier_code")] = r.team_carrier_code == r.carrier_code ? "" : r.team_carrier_code;
  v[s.At("carrier_code")] = r.carrier_code;
  v[s.At("state")] = i.state;
  v[s.At("applied_on")] = i.applied_on;
  v[s.At("admitted_on")] = OptText(i.admitted_on);
  v[s.At("started_on")] = OptText(i.started_on);
  v[s.At("ended_on")] = OptText(i.ended_on);
  v[s.At("end_reason")] = OptText(i.end_reason);
  v[s.At("space_m2")] = FormatDecimal(i.space_m2);
  return v;
}

Values FromQualification(const EntitySpec& s, const std::string& uscc,
                         const reg::Qualification& q) {
  Values v(s.columns.size());
  v[s.At("uscc")] = uscc;
  v[s.At("kind")] = q.kind;
  v[s.At("valid_from")] = q.valid_from;
  v[s.At("valid_to")] = OptText(q.valid_to);
  return v;
}

Values FromListing(const EntitySpec& s, const std::string& uscc, const reg::Listing& l) {
  Values v(s.columns.size());
  v[s.At("uscc")] = uscc;
  v[s.At("board")] = l.board;
  v[s.At("code")] = l.code;
  v[s.At("listed_on")] = l.listed_on;
  return v;
}

Values FromRecognition(const EntitySpec& s, const std::string& carrier_code,
                       const reg::Recognition& r) {
  Values v(s.columns.size());
  v[s.At("carrier_code")] = carrier_code;
  v[s.At("level")] = r.level;
  v[s.At("authority")] = r.authority;
  v[s.At("valid_from")] = r.valid_from;
  v[s.At("valid_to")] = OptText(r.valid_to);
  v[s.At("document_no")] = r.document_no;
  return v;
}

}  // namespace incunet::domain::io
