#include "domain/registry/rules.hpp"

#include <algorithm>
#include <cmath>

#include "core/dates.hpp"
#include "core/limits.hpp"
#include "core/uscc.hpp"

namespace incunet::domain::registry {
namespace {

using core::ErrorCode;
using core::Fail;
using core::InvalidField;

core::Status CheckDate(std::string_view value, const char* field, bool required) {
  if (value.empty()) {
    if (!required) return {};
    return Fail(InvalidField("required", field, std::string("缺少必填字段 ") + field,
                             std::string("missing required field ") + field));
  }
  if (!core::Date::Parse(value))
    return Fail(InvalidField("invalid_date", field,
                             std::string(field) + " 不是有效日期（YYYY-MM-DD）",
                             std::string(field) + " is not a valid date (YYYY-MM-DD)"));
  return {};
}

core::Status CheckArea(double v, const char* field) {
  if (!std::isfinite(v) || v < 0)
    return Fail(InvalidField("invalid_area", field, std::string(field) + " 必须是非负数",
                             std::string(field) + " must be a non-negative number"));
  return core::limits::CheckRange(v, field, 0.0, core::limits::kMaxAreaM2);
}

core::Status CheckName(std::string_view name, const char* field) {
  if (name.empty())
    return Fail(InvalidField("invalid_name", field, "名称不能为空", "name must not be empty"));
  return core::limits::CheckText(name, field, core::limits::kNameChars);
}

core::Status CheckShort(const std::optional<std::string>& text, const char* field) {
  if (!text) return {};
  return core::limits::CheckText(*text, field, core::limits::kShortTextChars);
}

core::Status CheckUscc(std::string_view uscc, const char* field) {
  auto r = core::ValidateUscc(uscc);
  if (!r) {
    auto e = r.error();
    e.details["field"] = field;
    return Fail(std::move(e));
  }
  return {};
}

int TierRank(std::string_view level) {
  if (level == "excellence") return 4;
  if (level == "standard") return 3;
  if (level == "national") return 2;
  if (level == "provincial") return 1;
  return 0;
}

}  // namespace

bool IsKnown(std::string_view value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

bool IsCarrierKind(std::string_view kind) {
  return std::any_of(std::begin(kCarrierKinds), std::end(kCarrierKinds),
                     [&](const char* k) { return kind == k; });
}

bool IsRecognitionLevel(std::string_view level) {
  return std::any_of(std::begin(kRecognitionLevels), std::end(kRecognitionLevels),
                     [&](const char* k) { return level == k; });
}

core::Status ValidateCarrier(const Carrier& c) {
  if (auto s = CheckName(c.name, "name"); !s) return s;
  if (!IsCarrierKind(c.kind))
    return Fail(InvalidField(
        "invalid_kind", "kind",
        "载体类型必须是 incubator/makerspace/accelerator/university_park/industrial_park 之一",
        "kind must be one of incubator, makerspace, accelerator, "
        "university_park, industrial_park"));
  if (auto s = CheckUscc(c.operator_uscc, "operator_uscc"); !s) return s;
  if (c.region_code.empty())
    return Fail(
        InvalidField("required", "region_code", "缺少所在区县代码", "region_code is required"));
  if (auto s = core::limits::CheckText(c.address, "address", core::limits::kAddressChars,
                                       /*multiline=*/true);
      !s)
    return s;
  if (auto s = CheckShort(c.industry, "industry"); !s) return s;
  if (auto s = CheckDate(c.founded_on, "founded_on", true); !s) return s;
  if (c.closed_on)
    if (auto s = CheckDate(*c.closed_on, "closed_on", true); !s) return s;
  if (c.specialization != "general" && c.specialization != "specialized")
    return Fail(InvalidField("invalid_specialization", "specialization",
                             "specialization 必须是 general（综合）或 specialized（专业）",
                             "specialization must be general or specialized"));
  if (c.specialization == "specialized" && (!c.industry || c.industry->empty()))
    return Fail(InvalidField("industry_required", "industry", "专业孵化载体必须填写所属行业",
                             "a specialized carrier must name its industry"));
  for (auto [v, f] : {std::pair{c.area_total_m2, "area_total_m2"},
                      {c.area_self_controlled_m2, "area_self_controlled_m2"},
                      {c.area_incubatee_m2, "area_incubatee_m2"},
                      {c.area_public_service_m2, "area_public_service_m2"}})
    if (auto s = CheckArea(v, f); !s) return s;
  if (c.area_incubatee_m2 + c.area_public_service_m2 > c.area_total_m2 + 1e-6 ||
      c.area_self_controlled_m2 > c.area_total_m2 + 1e-6)
    return Fail(
        InvalidField("area_parts_exceed_total", "area_total_m2",
                     "在孵企业用房、公共服务用房或自主支配面积超过总面积",
                     "incubatee, public-service or self-controlled area exceeds the total"));
  for (const auto& r : c.recognitions)
    if (auto s = ValidateRecognition(r); !s) return s;
  for (const auto& o : c.overseas_sites) {
    if (o.country_code.size() != 2)
      return Fail(InvalidField("invalid_country", "overseas_sites",
                               "海外站点的国家代码必须是 ISO 3166-1 两位字母代码",
                               "an overseas site's country must be an ISO 3166-1 alpha-2 code"));
    if (auto s =
            core::limits::CheckText(o.city, "overseas_sites.city", core::limits::kShortTextChars);
        !s)
      return s;
  }
  return {};
}

core::Status ValidateRecognition(const Recognition& r) {
  if (!IsRecognitionLevel(r.level))
    return Fail(InvalidField(
        "invalid_level", "level",
        "认定级别必须是 provincial/national/standard/excellence/makerspace_filing 之一",
        "level must be one of provincial, national, standard, excellence, "
        "makerspace_filing"));
  if (r.authority.empty())
    return Fail(InvalidField("required", "authority", "缺少认定机关", "authority is required"));
  if (auto s = core::limits::CheckText(r.authority, "authority", core::limits::kShortTextChars); !s)
    return s;
  if (auto s = core::limits::CheckText(r.document_no, "document_no", core::limits::kShortTextChars);
      !s)
    return s;
  if (auto s = CheckDate(r.valid_from, "valid_from", true); !s) return s;
  if (r.valid_to) {
    if (auto s = CheckDate(*r.valid_to, "valid_to", true); !s) return s;
    if (*r.valid_to < r.valid_from)
      return Fail(InvalidField("invalid_period", "valid_to", "失效日期早于生效日期",
                               "valid_to is before valid_from"));
  }
  return {};
}

core::Status ValidateEnterprise(const Enterprise& e) {
  if (auto s = CheckName(e.name, "name"); !s) return s;
  if (e.is_team) {
    if (e.uscc && !e.uscc->empty())
      return Fail(InvalidField("team_has_uscc", "uscc", "未注册的创业团队不应填写统一社会信用代码",
                               "an unregistered team has no unified social credit code"));
  } else {
    if (!e.uscc || e.uscc->empty())
      return Fail(InvalidField("required", "uscc", "已注册企业必须填写统一社会信用代码",
                               "a registered enterprise needs its unified social credit code"));
    if (auto s = CheckUscc(*e.uscc, "uscc"); !s) return s;
  }
  if (auto s = CheckDate(e.founded_on, "founded_on", !e.is_team); !s) return s;
  if (e.employees < 0)
    return Fail(InvalidField("invalid_count", "employees", "从业人员数不能为负",
                             "employees cannot be negative"));
  if (auto s = core::limits::CheckRange(e.employees, "employees", std::int64_t{0},
                                        core::limits::kMaxCount);
      !s)
    return s;
  if (auto s = CheckShort(e.industry, "industry"); !s) return s;
  if (e.domains.size() > 50)
    return Fail(InvalidField("too_many_items", "domains", "技术领域最多50个",
                             "at most 50 technology domains"));
  for (const auto& d : e.domains)
    if (auto s = core::limits::CheckText(d, "domains", core::limits::kShortTextChars); !s) return s;
  for (const auto& q : e.qualifications) {
    if (!IsKnown(q.kind, {"high_tech", "tech_sme", "srdi", "little_giant", "gazelle"}))
      return Fail(InvalidField("invalid_qualification", "qualifications",
                               "资质类型必须是 high_tech/tech_sme/srdi/little_giant/gazelle 之一",
                               "qualification kind must be one of high_tech, tech_sme, srdi, "
                               "little_giant, gazelle"));
    if (auto s = CheckDate(q.valid_from, "qualifications.valid_from", true); !s) return s;
  }
  for (const auto& l : e.listings) {
    if (!IsKnown(l.board, {"star", "chinext", "main", "bse", "neeq", "regional", "overseas"}))
      return Fail(InvalidField("invalid_board", "listings",
                               "上市板块必须是 star/chinext/main/bse/neeq/regional/overseas 之一",
                               "board must be one of star, chinext, main, bse, neeq, regional, "
                               "overseas"));
    if (auto s = CheckDate(l.listed_on, "listings.listed_on", true); !s) return s;
  }
  return {};
}

core::Result<Incubation> Transition(const Incubation& current, std::string_view to,
                                    std::string_view on) {
  if (auto s = CheckDate(on, "on", true); !s) return tl::unexpected(s.error());
  const std::string& from = current.state;
  bool ok = (from == "applied" && (to == "admitted" || to == "exited")) ||
            (from == "admitted" && (to == "incubating" || to == "exited")) ||
            (from == "incubating" && (to == "graduated" || to == "exited"));
  if (!ok) {
    core::Error e{core::ErrorCode::kInvalid,
                  "illegal_transition",
                  "孵化关系不能从「" + from + "」变为「" + std::string(to) + "」",
                  "an incubation cannot move from " + from + " to " + std::string(to),
                  {}};
    e.details["from"] = from;
    e.details["to"] = std::string(to);
    return Fail(std::move(e));
  }
  // Dates must not run backwards along the lifecycle.
  std::string last = current.applied_on;
  for (const auto& d : {current.admitted_on, current.started_on})
    if (d && *d > last) last = *d;
  if (std::string(on) < last)
    return Fail(InvalidField("date_before_previous_step", "on",
                             "日期 " + std::string(on) + " 早于上一环节日期 " + last,
                             "date " + std::string(on) + " is before the previous step " + last));
  Incubation next = current;
  next.state = std::string(to);
  if (to == "admitted") next.admitted_on = std::string(on);
  if (to == "incubating") next.started_on = std::string(on);
  if (to == "graduated" || to == "exited") {
    next.ended_on = std::string(on);
    next.end_reason = std::string(to);
  }
  return next;
}

std::string CurrentTier(const std::vector<Recognition>& recognitions, std::string_view date) {
  int best = 0;
  std::string tier = "none";
  for (const auto& r : recognitions) {
    if (r.valid_from > date) continue;
    if (r.valid_to && *r.valid_to < date) continue;
    int rank = TierRank(r.level);
    if (rank > best) {
      best = rank;
      tier = r.level;
    }
  }
  return tier;
}

}  // namespace incunet::domain::registry
