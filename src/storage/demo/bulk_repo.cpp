#include "storage/demo/bulk_repo.hpp"

#include <fmt/format.h>

#include <optional>

#include "core/text.hpp"
#include "domain/demo/returns.hpp"
#include "domain/registry/rules.hpp"
#include "domain/returns/workflow.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {
namespace {

// Literal SQL values: every string here comes from the generator, but is quoted properly all
// the same ('' doubles a quote; both dialects read backslashes literally).
std::string Q(std::string_view v) {
  std::string out;
  out.reserve(v.size() + 2);
  out += '\'';
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}
std::string Q(const std::string& v) { return Q(std::string_view(v)); }
std::string Q(const char* v) { return Q(std::string_view(v)); }
std::string Q(const std::optional<std::string>& v) { return v ? Q(std::string_view(*v)) : "NULL"; }

// Accumulates rows of one INSERT and sends them a few hundred at a time; Flush() sends the rest.
class Batch {
 public:
  Batch(soci::session& s, std::string head, const app::demo::RowsFn& rows)
      : s_(s), head_(std::move(head)), rows_(rows) {}
  void Add(const std::string& values) {
    sql_ += n_ ? ",(" : "(";
    sql_ += values;
    sql_ += ')';
    if (++n_ >= 500 || sql_.size() > (1u << 18)) Flush();
  }
  // `b` is flushed before this batch (rows here refer to rows there).
  void After(Batch* b) { before_ = b; }
  void Flush() {
    if (!n_) return;
    if (before_) before_->Flush();
    s_ << (head_ + " VALUES " + sql_);
    if (rows_) rows_(n_);
    sql_.clear();
    n_ = 0;
  }

 private:
  soci::session& s_;
  std::string head_;
  const app::demo::RowsFn& rows_;
  std::string sql_;
  std::size_t n_ = 0;
  Batch* before_ = nullptr;
};

std::string Domains(const std::vector<std::string>& ds) {
  // The registry's storage form: ",a,b," (see registry_repos.cpp).
  if (ds.empty()) return "";
  std::string s = ",";
  for (const auto& d : ds) s += d + ",";
  return s;
}

const app::demo::RowsFn kNoRows;

}  // namespace

app::demo::IdBases SqlDemoBulkRepo::NextIds() {
  auto next = [&](const char* table) {
    long long v = 0;
    s_ << fmt::format("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table), soci::into(v);
    return static_cast<std::int64_t>(v);
  };
  if (d_ == Dialect::kSqlite) s_ << "PRAGMA cache_size = -262144";  // 256 MiB for the indexes
  return {next("carriers"), next("enterprises"), next("incubations")};
}

void SqlDemoBulkRepo::WriteCarriers(const domain::demo::DemoNetwork& net,
                                    const app::demo::IdBases& ids, const std::string& today,
                                    const std::string& now, const app::demo::RowsFn& rows) {
  {
    Batch b(s_,
            "INSERT INTO carriers(id, code, kind, name, name_sort, operator_uscc, region_code, "
            "zone_code, address, founded_on, closed_on, specialization, industry, area_total_m2, "
            "area_self_controlled_m2, area_incubatee_m2, area_public_service_m2, tier, version, "
            "created_at, updated_at)",
            rows);
    for (std::size_t i = 0; i < net.carriers.size(); ++i) {
      const auto& c = net.carriers[i];
      std::int64_t id = ids.carrier + static_cast<std::int64_t>(i);
      b.Add(fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},1,{},{}", id,
                        Q(fmt::format("{}-{:06d}", c.region_code, id)), Q(c.kind), Q(c.name),
                        Q(core::SortKey(c.name)), Q(c.operator_uscc), Q(c.region_code),
                        Q(c.zone_code), Q(c.address), Q(c.founded_on), Q(c.closed_on),
                        Q(c.specialization), Q(c.industry), Num(c.area_total_m2),
                        Num(c.area_self_controlled_m2), Num(c.area_incubatee_m2),
                        Num(c.area_public_service_m2),
                        Q(domain::registry::CurrentTier(c.recognitions, today)), Q(now), Q(now)));
    }
    b.Flush();
  }
  {
    Batch b(s_,
            "INSERT INTO recognitions(carrier_id, authority, level, valid_from, valid_to, "
            "document_no)",
            kNoRows);
    for (std::size_t i = 0; i < net.carriers.size(); ++i)
      for (const auto& r : net.carriers[i].recognitions)
        b.Add(fmt::format("{},{},{},{},{},{}", ids.carrier + static_cast<std::int64_t>(i),
                          Q(r.authority), Q(r.level), Q(r.valid_from), Q(r.valid_to),
                          Q(r.document_no)));
    b.Flush();
  }
  {
    Batch b(s_, "INSERT INTO overseas_sites(carrier_id, country_code, city)", kNoRows);
    for (std::size_t i = 0; i < net.carriers.size(); ++i)
      for (const auto& o : net.carriers[i].overseas_sites)
        b.Add(fmt::format("{},{},{}", ids.carrier + static_cast<std::int64_t>(i),
                          Q(o.country_code), Q(o.city)));
    b.Flush();
  }
  for (const auto& dc : net.clusters) {
    long long cid = 0;
    s_ << fmt::format("INSERT INTO clusters(name, region_code, description) VALUES ({}, {}, {}) "
                      "RETURNING id",
                      Q(dc.cluster.name), Q(dc.cluster.region_code), Q(dc.cluster.description)),
        soci::into(cid);
    Batch b(s_, "INSERT INTO cluster_members(cluster_id, carrier_id)", kNoRows);
    for (auto i : dc.carrier_indexes)
      b.Add(fmt::format("{},{}", cid, ids.carrier + static_cast<std::int64_t>(i)));
    b.Flush();
  }
}

void SqlDemoBulkRepo::WriteEnterprises(const domain::demo::DemoNetwork& net,
                                       const app::demo::IdBases& ids, const std::string& now,
                                       const app::demo::RowsFn& rows) {
  Batch e(s_,
          "INSERT INTO enterprises(id, name, name_sort, uscc, is_team, founded_on, region_code, "
          "industry, domains, employees, version, created_at, updated_at)",
          rows);
  const std::string qnow = Q(now);
  for (std::size_t i = 0; i < net.enterprises.size(); ++i) {
    const auto& x = net.enterprises[i];
    e.Add(fmt::format("{},{},{},{},{},{},{},{},{},{},1,{},{}",
                      ids.enterprise + static_cast<std::int64_t>(i), Q(x.name),
                      Q(core::SortKey(x.name)), Q(x.uscc), x.is_team ? 1 : 0, Q(x.founded_on),
                      Q(x.region_code), Q(x.industry), Q(Domains(x.domains)), x.employees, qnow,
                      qnow));
  }
  e.Flush();
  // Children after every parent row is in (foreign keys are checked per statement).
  Batch q(s_, "INSERT INTO qualifications(enterprise_id, kind, valid_from, valid_to)", kNoRows);
  Batch l(s_, "INSERT INTO listings(enterprise_id, board, code, listed_on)", kNoRows);
  for (std::size_t i = 0; i < net.enterprises.size(); ++i) {
    const auto& x = net.enterprises[i];
    std::int64_t id = ids.enterprise + static_cast<std::int64_t>(i);
    for (const auto& k : x.qualifications)
      q.Add(fmt::format("{},{},{},{}", id, Q(k.kind), Q(k.valid_from), Q(k.valid_to)));
    for (const auto& k : x.listings)
      l.Add(fmt::format("{},{},{},{}", id, Q(k.board), Q(k.code), Q(k.listed_on)));
  }
  q.Flush();
  l.Flush();
}

void SqlDemoBulkRepo::WriteIncubations(const domain::demo::DemoNetwork& net,
                                       const app::demo::IdBases& ids,
                                       const app::demo::RowsFn& rows) {
  Batch b(s_,
          "INSERT INTO incubations(id, enterprise_id, carrier_id, state, applied_on, "
          "admitted_on, started_on, ended_on, end_reason, space_m2, version)",
          rows);
  for (std::size_t i = 0; i < net.incubations.size(); ++i) {
    const auto& di = net.incubations[i];
    const auto& x = di.incubation;
    b.Add(fmt::format("{},{},{},{},{},{},{},{},{},{},1",
                      ids.incubation + static_cast<std::int64_t>(i),
                      ids.enterprise + static_cast<std::int64_t>(di.enterprise_index),
                      ids.carrier + static_cast<std::int64_t>(di.carrier_index), Q(x.state),
                      Q(x.applied_on), Q(x.admitted_on), Q(x.started_on), Q(x.ended_on),
                      Q(x.end_reason), Num(x.space_m2)));
  }
  b.Flush();
}

void SqlDemoBulkRepo::WriteEventsAndFinancings(const domain::demo::DemoNetwork& net,
                                               const app::demo::IdBases& ids,
                                               const app::demo::RowsFn& rows) {
  {
    Batch b(s_, "INSERT INTO events(carrier_id, held_on, title, kind, is_public)", rows);
    for (const auto& e : net.events)
      b.Add(fmt::format("{},{},{},{},{}", ids.carrier + static_cast<std::int64_t>(e.carrier_index),
                        Q(e.held_on), Q(e.title), Q(e.kind), e.is_public ? 1 : 0));
    b.Flush();
  }
  Batch b(s_,
          "INSERT INTO financings(enterprise_id, round, amount_fen, financed_on, investor)",
          rows);
  for (const auto& f : net.financings)
    b.Add(fmt::format("{},{},{},{},{}",
                      ids.enterprise + static_cast<std::int64_t>(f.enterprise_index), Q(f.round),
                      f.amount_fen, Q(f.financed_on), Q(f.investor)));
  b.Flush();
}

std::size_t SqlDemoBulkRepo::WriteReturns(const domain::demo::DemoNetwork& net,
                                          const app::demo::IdBases& ids,
                                          const app::demo::RowsFn& rows) {
  long long next = 0;
  s_ << "SELECT COALESCE(MAX(id), 0) + 1 FROM annual_returns", soci::into(next);
  Batch headers(s_,
                "INSERT INTO annual_returns(id, carrier_id, year, kind, status, pending_level, "
                "pending_prefix, review_path, version, created_at, updated_at, submitted_at, "
                "accepted_at)",
                rows);
  Batch values(s_, "INSERT INTO return_values(return_id, row_id, code, value)", kNoRows);
  Batch reviews(s_,
                "INSERT INTO return_reviews(return_id, decision, level, region_prefix, reason, "
                "actor_id, actor_login, at)",
                kNoRows);
  values.After(&headers);
  reviews.After(&headers);
  std::size_t n = 0;
  domain::demo::ForEachReturn(net, [&](const domain::demo::DemoReturn& d) {
    const auto& r = d.ret;
    std::int64_t id = next + static_cast<std::int64_t>(n++);
    headers.Add(fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}", id,
                            ids.carrier + static_cast<std::int64_t>(d.carrier_index), r.year,
                            Q(r.kind), Q(r.status), Q(r.pending_level), Q(r.pending_prefix),
                            Q(domain::returns::EncodePath(r.review_path)), r.version,
                            Q(r.created_at), Q(r.updated_at), Q(r.submitted_at),
                            Q(r.accepted_at)));
    for (const auto& [code, v] : r.values) values.Add(fmt::format("{},0,{},{}", id, Q(code), Q(v)));
    for (const auto& row : r.incubatees) {
      std::int64_t row_id = ids.enterprise + row.row_id;  // row_id is the enterprise index
      for (const auto& [code, v] : row.values)
        values.Add(fmt::format("{},{},{},{}", id, row_id, Q(code), Q(v)));
    }
    for (const auto& e : d.reviews)
      reviews.Add(fmt::format("{},{},{},{},{},0,{},{}", id, Q(e.decision), Q(e.level),
                              Q(e.region_prefix), Q(e.reason), Q(e.actor_login), Q(e.at)));
  });
  headers.Flush();
  values.Flush();
  reviews.Flush();
  return n;
}

void SqlDemoBulkRepo::FinishIds() {
  if (d_ == Dialect::kSqlite) {
    s_ << "PRAGMA cache_size = -2000";
    return;
  }
  for (const char* t : {"carriers", "enterprises", "incubations", "annual_returns"}) {
    long long v = 0;
    s_ << fmt::format(
        "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 "
        "FROM {0}), false)",
        t),
        soci::into(v);
  }
}

}  // namespace incunet::storage
