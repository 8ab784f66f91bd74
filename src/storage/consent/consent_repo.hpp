#pragma once
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlConsentRepo : public app::consent::ConsentRepo {
 public:
  SqlConsentRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::int64_t Insert(domain::consent::Grant& g) override;
  std::optional<domain::consent::Grant> Find(std::int64_t id) override;
  app::Page<domain::consent::Grant> List(const app::consent::ConsentQuery& q,
                                         const app::PageRequest& p) override;
  bool Revoke(std::int64_t id, const std::string& at) override;
  bool Covers(const app::Scope& s, std::int64_t enterprise_id, const std::string& part,
              const std::string& date) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
