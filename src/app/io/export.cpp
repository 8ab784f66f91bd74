#include "app/io/export.hpp"

#include "app/io/return_export.hpp"
#include "domain/io/records.hpp"
#include "domain/io/return_spec.hpp"
#include "domain/io/spec.hpp"

namespace incunet::app::io {
namespace {

namespace dio = domain::io;
namespace reg = domain::registry;

std::vector<std::string> Labelled(const dio::EntitySpec& s, dio::Values v) {
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = dio::ExportValue(s.columns[i], v[i]);
  return v;
}

template <typename T, typename ListFn, typename Fn>
void Pages(Store& store, int page_size, ListFn list, Fn each) {
  std::string cursor;
  for (;;) {
    Page<T> page;
    store.Read([&](Tx& tx) {
      page = list(tx, PageRequest{page_size, cursor});
      each(tx, page.items);
    });
    if (!page.next_cursor) break;
    cursor = *page.next_cursor;
  }
}

}  // namespace

core::Status ExportRows(Store& store, const Actor& actor, const ExportQuery& q,
                        const std::function<void(const std::vector<std::string>&)>& row,
                        int page_size) {
  const dio::EntitySpec* spec = dio::FindEntitySpec(q.entity);
  if (!spec)
    return core::Fail(core::ErrorCode::kInvalid, "unknown_entity", "未知的导出对象 " + q.entity,
                      "unknown entity " + q.entity);
  if (dio::IsReturnEntity(q.entity)) return ExportReturnRows(store, actor, q, row, page_size);
  const auto& s = *spec;
  row(dio::HeaderRow(s));
  const Scope& sc = actor.scope;
  if (q.entity == "carriers" || q.entity == "recognitions") {
    registry::CarrierQuery cq;
    cq.region = q.region;
    Pages<reg::Carrier>(
        store, page_size,
        [&](Tx& tx, const PageRequest& p) { return tx.carriers().List(sc, cq, p); },
        [&](Tx&, const std::vector<reg::Carrier>& items) {
          for (const auto& c : items) {
            if (q.entity == "carriers") {
              row(Labelled(s, dio::FromCarrier(s, c)));
            } else {
              for (const auto& r : c.recognitions)
                row(Labelled(s, dio::FromRecognition(s, c.code, r)));
            }
          }
        });
    return {};
  }
  if (q.entity == "enterprises" || q.entity == "qualifications" || q.entity == "listings") {
    registry::EnterpriseQuery eq;
    eq.region = q.region;
    Pages<reg::Enterprise>(
        store, page_size,
        [&](Tx& tx, const PageRequest& p) { return tx.enterprises().List(sc, eq, p); },
        [&](Tx& tx, const std::vector<reg::Enterprise>& items) {
          std::unordered_map<Id, std::string> team_codes;
          if (q.entity == "enterprises") {
            std::vector<Id> teams;
            for (const auto& e : items)
              if (e.is_team) teams.push_back(e.id);
            if (!teams.empty()) team_codes = tx.io().TeamCarrierCodes(teams);
          }
          for (const auto& e : items) {
            if (q.entity == "enterprises") {
              row(Labelled(s, dio::FromEnterprise(s, e, team_codes[e.id])));
            } else if (e.uscc && q.entity == "qualifications") {
              for (const auto& x : e.qualifications)
                row(Labelled(s, dio::FromQualification(s, *e.uscc, x)));
            } else if (e.uscc) {
              for (const auto& x : e.listings) row(Labelled(s, dio::FromListing(s, *e.uscc, x)));
            }
          }
        });
    return {};
  }
  // incubations: rows are kept when the carrier or the enterprise lies in the region, which is
  // how region scope reads stays too.
  Id after = 0;
  for (;;) {
    std::vector<IncubationExportRow> page;
    store.Read([&](Tx& tx) { page = tx.io().IncubationsPage(sc, after, page_size); });
    for (const auto& x : page) {
      const IncubationRefs& r = x.refs;
      if (!q.region.empty() && !r.carrier_region.starts_with(q.region) &&
          !r.enterprise_region.starts_with(q.region))
        continue;
      dio::IncubationRecord rec;
      rec.incubation = x.incubation;
      rec.uscc = r.uscc;
      rec.team_name = r.team_name;
      rec.carrier_code = r.carrier_code;
      rec.team_carrier_code = r.team_carrier_code.empty() ? r.carrier_code : r.team_carrier_code;
      row(Labelled(s, dio::FromIncubation(s, rec)));
    }
    if (static_cast<int>(page.size()) < page_size) break;
    after = page.back().incubation.id;
  }
  return {};
}

}  // namespace incunet::app::io
