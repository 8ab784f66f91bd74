#pragma once
// Consent use cases. Only the enterprise itself (its members) grants and revokes; grantees see
// what was granted to them; national admins see every grant.
#include <chrono>
#include <functional>

#include "app/store.hpp"
#include "core/dates.hpp"

namespace incunet::app::consent {

class ConsentService {
 public:
  ConsentService(Store& store, const core::Clock& now) : store_(store), now_(now) {}

  core::Result<domain::consent::Grant> Grant(const Actor& a, domain::consent::Grant g,
                                             const std::string& request_id);
  core::Result<domain::consent::Grant> Revoke(const Actor& a, std::int64_t id,
                                              const std::string& request_id);
  core::Result<Page<domain::consent::Grant>> List(const Actor& a, ConsentQuery q,
                                                  const PageRequest& p);

 private:
  Store& store_;
  const core::Clock& now_;
};

}  // namespace incunet::app::consent
