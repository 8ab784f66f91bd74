#include "app/standards/internal.hpp"
#include "app/standards/service.hpp"
#include "core/limits.hpp"

namespace incunet::app::standards {
using namespace internal;

// ---------------- facts ----------------

core::Result<std::vector<CarrierFact>> StandardsService::GetFacts(const Actor& a, Id carrier_id) {
  std::optional<reg::Carrier> c;
  std::vector<CarrierFact> facts;
  store_.Read([&](Tx& tx) {
    c = tx.carriers().Find(Scope::National(), carrier_id);
    if (c && ScopeCoversCarrier(a.scope, c->id, c->region_code))
      facts = tx.standards().Facts({carrier_id}, "");
  });
  if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
  if (!ScopeCoversCarrier(a.scope, c->id, c->region_code)) return Fail(Forbidden());
  return facts;
}

core::Result<std::vector<CarrierFact>> StandardsService::PutFacts(const Actor& a, Id carrier_id,
                                                                  std::vector<CarrierFact> facts,
                                                                  const std::string& request_id) {
  for (std::size_t i = 0; i < facts.size(); ++i) {
    auto& f = facts[i];
    std::string field = "facts[" + std::to_string(i) + "]";
    const st::Indicator* ind = st::FindIndicator(f.indicator);
    if (!ind || ind->subject != st::Subject::kCarrier)
      return Fail(core::InvalidField("unknown_indicator", field + ".indicator",
                                     "未知的载体指标 " + f.indicator,
                                     "unknown carrier indicator " + f.indicator));
    if (auto s = CheckDate(f.as_of, "as_of"); !s) {
      auto e = s.error();
      e.details["field"] = field + ".as_of";
      return Fail(e);
    }
    if (!std::isnan(f.value) &&
        (!std::isfinite(f.value) || (ind->unit.is_bool && f.value != 0 && f.value != 1)))
      return Fail(core::InvalidField("invalid_value", field + ".value",
                                     "指标 " + f.indicator + " 的取值无效",
                                     "invalid value for indicator " + f.indicator));
    // Every quantity of the catalogue (areas, money, counts, people, time) is non-negative, and
    // counts and people are whole.
    if (!std::isnan(f.value) && f.value < 0)
      return Fail(core::InvalidField("negative_value", field + ".value",
                                     ind->name_zh + " 不能为负数",
                                     ind->name_en + " cannot be negative"));
    auto base = ind->unit.Base();
    if (!std::isnan(f.value) && base &&
        (*base == st::Dimension::kCount || *base == st::Dimension::kPersons) &&
        f.value != std::floor(f.value))
      return Fail(core::InvalidField("not_whole_number", field + ".value",
                                     ind->name_zh + " 应为整数",
                                     ind->name_en + " must be a whole number"));
    // The bounds of core/limits.hpp, by the indicator's dimension (money here is in yuan).
    if (!std::isnan(f.value) && base) {
      namespace lim = core::limits;
      double max = *base == st::Dimension::kM2    ? lim::kMaxAreaM2
                   : *base == st::Dimension::kCny ? static_cast<double>(lim::kMaxMoneyFen) / 100
                   : (*base == st::Dimension::kCount || *base == st::Dimension::kPersons)
                       ? static_cast<double>(lim::kMaxCount)
                       : 0;
      if (max > 0)
        if (auto r = lim::CheckRange(f.value, field + ".value", 0.0, max); !r)
          return Fail(r.error());
    }
    if (auto r = core::limits::CheckText(f.source_note, field + ".source_note",
                                         core::limits::kNoteChars, /*multiline=*/true);
        !r)
      return Fail(r.error());
    f.carrier_id = carrier_id;
  }
  std::vector<CarrierFact> after;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    auto c = tx.carriers().Find(Scope::National(), carrier_id);
    if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
    if (!CanManageCarrier(a, *c)) return Fail(Forbidden());
    auto before = tx.standards().Facts({carrier_id}, "");
    for (auto& f : facts) {
      if (std::isnan(f.value)) {
        tx.standards().DeleteFact(carrier_id, f.indicator, f.as_of);
        continue;
      }
      f.updated_at = NowText();
      f.updated_by = a.login;
      tx.standards().UpsertFact(f);
    }
    after = tx.standards().Facts({carrier_id}, "");
    Json jb = Json::array(), ja = Json::array();
    for (const auto& f : before) jb.push_back(FactJson(f));
    for (const auto& f : after) ja.push_back(FactJson(f));
    tx.audit().Append({a.login, a.user_id, "carrier.facts", "carrier", std::to_string(carrier_id),
                       Dump(jb), Dump(ja), request_id},
                      NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return after;
}

}  // namespace incunet::app::standards
