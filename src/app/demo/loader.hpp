#pragma once
// Writes a generated demo network in one transaction through the bulk port (multi-row INSERTs,
// app/demo/ports.hpp) with one audit row for the job (not one per record), then creates one
// account per role with random passwords.
#include <functional>
#include <string>
#include <vector>

#include "app/identity/service.hpp"
#include "app/store.hpp"
#include "domain/demo/generator.hpp"

namespace incunet::app::demo {

struct LoadedAccount {
  std::string login;
  std::string role;
  std::string password;  // shown once
};

struct LoadReport {
  std::size_t carriers = 0, clusters = 0, enterprises = 0, incubations = 0, events = 0,
              financings = 0, returns = 0;
  std::vector<LoadedAccount> accounts;
};

// Fails with kConflict "demo_present" when the database already holds carriers.
// `progress(done, total)` counts rows written and is called now and then.
core::Result<LoadReport> LoadDemo(Store& store, const core::Clock& clock,
                                  identity::IdentityService& ids,
                                  const domain::demo::DemoNetwork& net, const std::string& today,
                                  const std::function<void(std::size_t, std::size_t)>& progress);

}  // namespace incunet::app::demo
