// The accepted returns the standards engine reads its indicators from (see
// app/standards/return_source.hpp): headers of a batch of carriers, then the values of the chosen
// returns with the codes it maps, in one query each.
#include <fmt/format.h>

#include "domain/returns/workflow.hpp"
#include "storage/returns/return_repo.hpp"

namespace incunet::storage {

namespace ret = domain::returns;

std::vector<ret::AnnualReturn> SqlReturnRepo::AcceptedHeaders(
    const std::vector<std::int64_t>& carrier_ids, int max_year) {
  std::vector<ret::AnnualReturn> out;
  if (carrier_ids.empty()) return out;
  Where w;
  w.Add("status = ?", {ret::kStatusAccepted});
  w.Add(fmt::format("year <= {}", max_year));
  w.Add("carrier_id IN (" + JoinIds(carrier_ids) + ")");
  ForEachRow(s_,
             "SELECT id, carrier_id, year, accepted_at FROM annual_returns" + w.Sql() +
                 " ORDER BY carrier_id, year",
             w, [&](const soci::row& row) {
               ret::AnnualReturn r;
               r.id = GetInt(row, "id");
               r.carrier_id = GetInt(row, "carrier_id");
               r.year = static_cast<int>(GetInt(row, "year"));
               r.status = ret::kStatusAccepted;
               r.accepted_at = GetStr(row, "accepted_at");
               out.push_back(std::move(r));
             });
  return out;
}

std::map<std::int64_t, ret::AnnualReturn> SqlReturnRepo::ValuesOf(
    const std::vector<std::int64_t>& return_ids, const std::vector<std::string>& codes) {
  std::map<std::int64_t, ret::AnnualReturn> out;
  if (return_ids.empty() || codes.empty()) return out;
  Where w;
  w.Add("return_id IN (" + JoinIds(return_ids) + ")");
  std::string marks;
  for (std::size_t i = 0; i < codes.size(); ++i) marks += i ? ",?" : "?";
  w.Add("code IN (" + marks + ")", codes);
  // Rows of one return arrive together and in row order, so each incubatee row is appended once.
  ForEachRow(s_,
             "SELECT return_id, row_id, code, value FROM return_values" + w.Sql() +
                 " ORDER BY return_id, row_id",
             w, [&](const soci::row& row) {
               std::int64_t rid = GetInt(row, "return_id");
               std::int64_t row_id = GetInt(row, "row_id");
               auto& r = out[rid];
               r.id = rid;
               if (row_id == 0) {
                 r.values[GetStr(row, "code")] = GetStr(row, "value");
                 return;
               }
               if (r.incubatees.empty() || r.incubatees.back().row_id != row_id)
                 r.incubatees.push_back({row_id, {}});
               r.incubatees.back().values[GetStr(row, "code")] = GetStr(row, "value");
             });
  return out;
}

}  // namespace incunet::storage
