#include "app/io/return_export.hpp"

#include "domain/io/return_spec.hpp"

namespace incunet::app::io {

namespace dio = domain::io;
namespace ret = domain::returns;

core::Status ExportReturnRows(Store& store, const Actor& actor, const ExportQuery& q,
                              const std::function<void(const std::vector<std::string>&)>& row,
                              int page_size) {
  const dio::EntitySpec* spec = dio::FindEntitySpec(q.entity);
  if (!spec || !dio::IsReturnEntity(q.entity))
    return core::Fail(core::ErrorCode::kInvalid, "unknown_entity", "未知的导出对象 " + q.entity,
                      "unknown entity " + q.entity);
  const auto& s = *spec;
  bool incubatees = q.entity == dio::kReturnIncubateesEntity;
  row(dio::HeaderRow(s));
  auto labelled = [&](dio::Values v) {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = dio::ExportValue(s.columns[i], v[i]);
    return v;
  };
  returns::ReturnQuery rq;
  rq.region = q.region;
  std::string cursor;
  for (;;) {
    Page<ret::AnnualReturn> page;
    store.Read([&](Tx& tx) {
      page = tx.returns().List(actor.scope, rq, PageRequest{page_size, cursor});
      std::vector<Id> ids, carrier_ids, enterprise_ids;
      for (const auto& r : page.items) {
        ids.push_back(r.id);
        carrier_ids.push_back(r.carrier_id);
      }
      // Values come through the same scoped repository as the list.
      auto full = tx.returns().FindMany(actor.scope, ids);
      auto codes = tx.io().CarrierCodes(carrier_ids);
      if (incubatees)
        for (const auto& r : full)
          for (const auto& x : r.incubatees) enterprise_ids.push_back(x.row_id);
      auto keys = enterprise_ids.empty()
                      ? std::unordered_map<Id, std::pair<std::string, std::string>>{}
                      : tx.returns().EnterpriseKeys(enterprise_ids);
      for (auto& r : full) {
        if (incubatees && !r.incubatees.empty()) {
          // Only rows the return may hold: enterprises with a stay there in that year.
          std::vector<Id> named;
          for (const auto& x : r.incubatees) named.push_back(x.row_id);
          auto ok = tx.returns().IncubateesInYear(r.carrier_id, r.year, named);
          std::erase_if(r.incubatees,
                        [&](const ret::IncubateeRow& x) { return !ok.count(x.row_id); });
        }
        dio::Values v(s.columns.size());
        v[s.At("carrier_code")] = codes[r.carrier_id];
        v[s.At("year")] = std::to_string(r.year);
        if (!incubatees) {
          dio::FromReturnItems(s, r.values, &v);
          row(labelled(v));
          continue;
        }
        for (const auto& x : r.incubatees) {
          auto k = keys.find(x.row_id);
          if (k == keys.end()) continue;  // the enterprise is gone; nothing names the row
          v[s.At("uscc")] = k->second.first;
          v[s.At("team_name")] = k->second.first.empty() ? k->second.second : "";
          dio::FromReturnItems(s, x.values, &v);
          row(labelled(v));
        }
      }
    });
    if (!page.next_cursor) break;
    cursor = *page.next_cursor;
  }
  return {};
}

}  // namespace incunet::app::io
