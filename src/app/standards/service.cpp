#include "app/standards/service.hpp"

#include "app/standards/internal.hpp"
#include "core/embedded.hpp"
#include "domain/standards/loader.hpp"
#include "domain/standards/shipped.hpp"

namespace incunet::app::standards {
using namespace internal;

st::Level LevelOfTier(const std::string& tier) {
  return st::ParseLevel(tier).value_or(st::Level::kNone);
}

StandardsService::StandardsService(Store& store, const core::Clock& now,
                                   std::vector<std::unique_ptr<IndicatorSource>> sources)
    : store_(store), now_(now), sources_(std::move(sources)) {}

std::string StandardsService::Today() const { return core::CivilDateCst(now_.Now()); }
std::string StandardsService::NowText() const { return core::Rfc3339(now_.Now()); }

// ---------------- rule sets ----------------

core::Result<RuleSetPtr> StandardsService::Load(const RuleSetVersionRow& row) {
  auto key = std::make_pair(row.rule_set_id, row.version);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto rs = st::ParseRuleSet(row.toml, row.file_name);
  if (!rs) return tl::unexpected(rs.error());
  auto overrides = ParseOverrides(row.overrides_json);
  if (!overrides.empty()) {
    auto o = st::OverrideParameters(*rs, overrides);
    if (!o) return tl::unexpected(o.error());
    rs = std::move(o);
  }
  rs->version = row.version;  // the database numbers versions
  auto ptr = std::make_shared<const st::RuleSet>(std::move(*rs));
  std::lock_guard<std::mutex> lock(cache_mu_);
  cache_[key] = ptr;
  return ptr;
}

std::shared_ptr<const st::CompiledRuleSet> StandardsService::Compiled(const RuleSetPtr& rs) {
  auto key = std::make_pair(rs->id, rs->version);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    if (auto it = compiled_.find(key); it != compiled_.end() && &it->second->rule_set() == rs.get())
      return it->second;
  }
  auto c = std::make_shared<const st::CompiledRuleSet>(rs);
  std::lock_guard<std::mutex> lock(cache_mu_);
  compiled_[key] = c;
  return c;
}

core::Result<int> StandardsService::SeedShipped() {
  std::vector<std::pair<st::RuleSet, std::string>> files;
  for (const core::EmbeddedFile* f : core::EmbeddedFilesUnder(st::kShippedRuleSetDir)) {
    if (!f->path.ends_with(".toml")) continue;
    auto rs = st::ParseRuleSet(f->content, f->path);
    if (!rs) return tl::unexpected(rs.error());
    files.emplace_back(std::move(*rs), f->content);
  }
  int written = 0;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    Json names = Json::array();
    for (auto& [rs, text] : files) {
      if (tx.standards().HasShippedFile(rs.file_name)) continue;
      RuleSetVersionRow row = RowOf(rs, "shipped", text);
      // A version number an upload already took moves the shipped file after it.
      if (tx.standards().FindVersion(rs.id, rs.version))
        row.version = tx.standards().MaxVersion(rs.id) + 1;
      row.created_at = NowText();
      row.created_by = "system";
      tx.standards().InsertVersion(row);
      names.push_back(rs.id + " v" + std::to_string(row.version));
      ++written;
    }
    if (written)
      tx.audit().Append({"system", 0, "rule_set.seed", "rule_set", "shipped", "",
                         Dump(Json{{"versions", names}}), ""},
                        NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return written;
}

// ---------------- values ----------------

std::vector<st::IndicatorValues> StandardsService::CarrierValues(
    Tx& tx, const std::vector<reg::Carrier>& cs, const std::string& as_of) {
  std::vector<st::IndicatorValues> out(cs.size());
  for (auto& src : sources_) src->FillCarriers(tx, cs, as_of, out);
  return out;
}

std::vector<st::IndicatorValues> StandardsService::IncubateeValues(
    Tx& tx, const std::vector<IncubateeRecord>& rs, const std::string& as_of) {
  std::vector<st::IndicatorValues> out(rs.size());
  for (auto& src : sources_) src->FillIncubatees(tx, rs, as_of, out);
  return out;
}

std::vector<reg::Carrier> StandardsService::VisibleCarriers(Tx& tx, const Actor& a,
                                                            const std::string& region) {
  std::vector<reg::Carrier> out;
  switch (a.scope.kind) {
    case Scope::Kind::kNone:
    case Scope::Kind::kPublic:
    case Scope::Kind::kEnterprises:
      return out;
    case Scope::Kind::kCarriers:
      for (Id id : a.scope.carrier_ids)
        if (auto c = tx.carriers().Find(a.scope, id); c && c->region_code.starts_with(region))
          out.push_back(std::move(*c));
      return out;
    case Scope::Kind::kNational:
    case Scope::Kind::kRegion:
      break;
  }
  auto eff = EffectiveRegion(a.scope, region);
  if (!eff) return out;
  registry::CarrierQuery q;
  q.region = *eff;
  PageRequest p{200, ""};
  for (;;) {
    auto page = tx.carriers().List(a.scope, q, p);
    for (auto& c : page.items)
      if (ScopeCoversCarrier(a.scope, c.id, c.region_code)) out.push_back(std::move(c));
    if (!page.next_cursor) break;
    p.cursor = *page.next_cursor;
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  return out;
}

core::Result<std::vector<RuleSetPtr>> StandardsService::LatestRuleSets(Tx& tx) {
  std::vector<RuleSetPtr> out;
  auto rows = tx.standards().ListVersions("");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i + 1 < rows.size() && rows[i + 1].rule_set_id == rows[i].rule_set_id) continue;
    auto rs = Load(rows[i]);
    if (!rs) return tl::unexpected(rs.error());
    out.push_back(*rs);
  }
  return out;
}

}  // namespace incunet::app::standards
