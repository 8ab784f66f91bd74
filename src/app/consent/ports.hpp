#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/consent/consent.hpp"

namespace incunet::app::consent {

struct ConsentQuery {
  std::optional<std::int64_t> enterprise_id;
  std::optional<std::int64_t> grantee_user_id;
};

class ConsentRepo {
 public:
  virtual ~ConsentRepo() = default;
  virtual std::int64_t Insert(domain::consent::Grant& g) = 0;
  virtual std::optional<domain::consent::Grant> Find(std::int64_t id) = 0;
  virtual Page<domain::consent::Grant> List(const ConsentQuery& q, const PageRequest& p) = 0;
  virtual bool Revoke(std::int64_t id, const std::string& at) = 0;
  // Whether a grant in force on `date` lets the scope's holder see `part` of the enterprise.
  virtual bool Covers(const Scope& s, std::int64_t enterprise_id, const std::string& part,
                      const std::string& date) = 0;
};

}  // namespace incunet::app::consent
