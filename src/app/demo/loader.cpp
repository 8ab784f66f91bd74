#include "app/demo/loader.hpp"

#include "app/time_util.hpp"

namespace incunet::app::demo {

core::Result<LoadReport> LoadDemo(Store& store, identity::IdentityService& ids,
                                  const domain::demo::DemoNetwork& net, const std::string& today,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
  LoadReport rep;
  std::vector<Id> carrier_ids, enterprise_ids;
  std::string now = Rfc3339(std::chrono::system_clock::now());
  std::size_t total = net.carriers.size() + net.enterprises.size() + net.incubations.size();
  std::size_t done = 0;
  auto tick = [&] {
    if (++done % 2000 == 0 && progress) progress(done, total);
  };
  auto st = store.Write([&](Tx& tx) -> core::Status {
    if (tx.carriers().List(Scope::National(), {}, {1, ""}).total > 0)
      return core::Fail(core::ErrorCode::kConflict, "demo_present",
                        "数据库中已有孵化载体，未加载演示数据",
                        "the database already holds carriers; the demo was not loaded");
    for (auto c : net.carriers) {
      c.created_at = c.updated_at = now;
      carrier_ids.push_back(tx.carriers().Insert(c));
      tx.carriers().RefreshTier(c.id, today);
      tick();
    }
    for (const auto& dc : net.clusters) {
      auto c = dc.cluster;
      for (auto i : dc.carrier_indexes) c.carrier_ids.push_back(carrier_ids.at(i));
      tx.clusters().Insert(c);
    }
    for (auto e : net.enterprises) {
      e.created_at = e.updated_at = now;
      enterprise_ids.push_back(tx.enterprises().Insert(e));
      tick();
    }
    for (const auto& di : net.incubations) {
      auto i = di.incubation;
      i.enterprise_id = enterprise_ids.at(di.enterprise_index);
      i.carrier_id = carrier_ids.at(di.carrier_index);
      tx.incubations().Insert(i);
      tick();
    }
    rep.carriers = net.carriers.size();
    rep.clusters = net.clusters.size();
    rep.enterprises = net.enterprises.size();
    rep.incubations = net.incubations.size();
    tx.audit().Append({"cli", 0, "demo.load", "demo", "network", "",
                       "{\"carriers\":" + std::to_string(rep.carriers) + ",\"enterprises\":" +
                           std::to_string(rep.enterprises) + ",\"incubations\":" +
                           std::to_string(rep.incubations) + "}",
                       ""},
                      now);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  for (const auto& a : net.accounts) {
    identity::NewUser nu{a.login, a.login, a.role, a.scope_region, {}, {}};
    for (auto i : a.carrier_indexes) nu.carrier_ids.push_back(carrier_ids.at(i));
    for (auto i : a.enterprise_indexes) nu.enterprise_ids.push_back(enterprise_ids.at(i));
    std::string pw;
    auto u = ids.CreateUser(Actor::Cli(), nu, "", &pw, "demo");
    if (!u) {
      if (u.error().id == "duplicate_login") continue;
      return tl::unexpected(u.error());
    }
    rep.accounts.push_back({a.login, a.role, pw});
  }
  if (progress) progress(total, total);
  return rep;
}

}  // namespace incunet::app::demo
