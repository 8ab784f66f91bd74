#include "app/demo/loader.hpp"

#include <fmt/format.h>

#include "core/dates.hpp"

namespace incunet::app::demo {

core::Result<LoadReport> LoadDemo(Store& store, const core::Clock& clock,
                                  identity::IdentityService& ids,
                                  const domain::demo::DemoNetwork& net, const std::string& today,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
  LoadReport rep;
  IdBases bases;
  std::string now = core::Rfc3339(clock.Now());
  const std::size_t total = net.carriers.size() + net.enterprises.size() + net.incubations.size() +
                            net.events.size() + net.financings.size();
  std::size_t done = 0;
  RowsFn rows = [&](std::size_t n) {
    done += n;
    if (progress) progress(done, total);
  };
  auto st = store.Write([&](Tx& tx) -> core::Status {
    if (tx.carriers().List(Scope::National(), {}, {1, ""}).total > 0)
      return core::Fail(core::ErrorCode::kConflict, "demo_present",
                        "数据库中已有孵化载体，未加载演示数据",
                        "the database already holds carriers; the demo was not loaded");
    auto& bulk = tx.demo_bulk();
    bases = bulk.NextIds();
    bulk.WriteCarriers(net, bases, today, now, rows);
    bulk.WriteEnterprises(net, bases, now, rows);
    bulk.WriteIncubations(net, bases, rows);
    bulk.WriteEventsAndFinancings(net, bases, rows);
    rep.returns = bulk.WriteReturns(net, bases, {});
    bulk.FinishIds();
    rep.carriers = net.carriers.size();
    rep.clusters = net.clusters.size();
    rep.enterprises = net.enterprises.size();
    rep.incubations = net.incubations.size();
    rep.events = net.events.size();
    rep.financings = net.financings.size();
    tx.audit().Append(
        {"cli", 0, "demo.load", "demo", "network", "",
         fmt::format("{{\"carriers\":{},\"enterprises\":{},\"incubations\":{},\"events\":{},"
                     "\"financings\":{},\"annual_returns\":{}}}",
                     rep.carriers, rep.enterprises, rep.incubations, rep.events, rep.financings,
                     rep.returns),
         ""},
        now);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  for (const auto& a : net.accounts) {
    identity::NewUser nu{a.login, a.login, a.role, a.scope_region, {}, {}};
    for (auto i : a.carrier_indexes) nu.carrier_ids.push_back(bases.carrier + std::int64_t(i));
    for (auto i : a.enterprise_indexes)
      nu.enterprise_ids.push_back(bases.enterprise + std::int64_t(i));
    std::string pw;
    auto u = ids.CreateUser(Actor::Cli(), nu, "", &pw, "demo");
    if (!u) {
      if (u.error().id == "duplicate_login") continue;
      return tl::unexpected(u.error());
    }
    rep.accounts.push_back({a.login, a.role, pw});
  }
  return rep;
}

}  // namespace incunet::app::demo
