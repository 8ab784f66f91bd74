#include "domain/audit/chain.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace incunet::domain::audit {

std::string RowHash(const Record& r) {
  std::string buf;
  auto put = [&](const std::string& s) { buf += std::to_string(s.size()) + ":" + s + ";"; };
  put(std::to_string(r.id));
  put(r.prev_hash);
  put(r.at);
  put(std::to_string(r.actor_id));
  put(r.actor_login);
  put(r.action);
  put(r.subject_type);
  put(r.subject_id);
  put(r.before_json);
  put(r.after_json);
  put(r.request_id);
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(buf.data()), buf.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

Record Link(const Entry& e, std::string at, std::int64_t last_id, std::string last_hash) {
  Record r;
  static_cast<Entry&>(r) = e;
  r.at = std::move(at);
  r.id = last_id + 1;
  r.prev_hash = std::move(last_hash);
  r.hash = RowHash(r);
  return r;
}

void ChainCheck::Feed(const Record& r) {
  if (found_) return;
  if (r.id != expect_id_) {
    found_ = Break{r.id, fmt::format("rows {}..{} deleted", expect_id_, r.id - 1)};
  } else if (r.prev_hash != prev_) {
    found_ = Break{r.id, "inserted or relinked (prev_hash does not match)"};
  } else if (RowHash(r) != r.hash) {
    found_ = Break{r.id, "altered (content does not match its hash)"};
  }
  prev_ = r.hash;
  expect_id_ = r.id + 1;
}

std::optional<Break> ChainCheck::Finish(std::int64_t head_id, const std::string& head_hash) const {
  if (found_) return found_;
  if (head_id != expect_id_ - 1 || head_hash != prev_)
    return Break{head_id, fmt::format("tail rows deleted (head says {}, table ends at {})", head_id,
                                      expect_id_ - 1)};
  return std::nullopt;
}

}  // namespace incunet::domain::audit
