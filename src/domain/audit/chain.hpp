#pragma once
// The audit hash chain's rules, free of I/O: what one row holds, its hash, and how a run of rows
// (read in id order) and the chain head are checked. storage/audit stores the rows; this decides
// whether they are intact.
#include <cstdint>
#include <optional>
#include <string>

namespace incunet::domain::audit {

// One mutation as the use case reports it.
struct Entry {
  std::string actor_login;
  std::int64_t actor_id = 0;
  std::string action;        // e.g. "carrier.create"
  std::string subject_type;  // e.g. "carrier"
  std::string subject_id;
  std::string before_json;  // "" when there was nothing before
  std::string after_json;
  std::string request_id;
};

// The entry as a link of the chain.
struct Record : Entry {
  std::int64_t id = 0;
  std::string at;
  std::string prev_hash;
  std::string hash;
};

// The first place the chain does not verify.
struct Break {
  std::int64_t id = 0;
  std::string problem;
};

// Hex SHA-256 over the row's id, the previous row's hash and every field, each length-prefixed
// so that no choice of content makes two different rows hash alike.
std::string RowHash(const Record& r);

// The next link after (last_id, last_hash): id last_id + 1, chained to last_hash and hashed.
// Ids come from the chain head, not a sequence, so a gap always means a deletion.
Record Link(const Entry& e, std::string at, std::int64_t last_id, std::string last_hash);

// Checks rows fed in ascending id order, then the head. Ids must run 1, 2, 3… with no gap, each
// row must name the previous row's hash, each hash must match its content, and the head must
// name the last row and its hash. The first problem found is kept.
class ChainCheck {
 public:
  void Feed(const Record& r);
  // The verdict once every row has been fed; nullopt when the chain is intact.
  std::optional<Break> Finish(std::int64_t head_id, const std::string& head_hash) const;

 private:
  std::optional<Break> found_;
  std::int64_t expect_id_ = 1;
  std::string prev_;
};

}  // namespace incunet::domain::audit
