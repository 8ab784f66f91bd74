#include "app/audit/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/dates.hpp"
#include "core/signing.hpp"

namespace incunet::app::audit {

namespace da = domain::audit;

core::Result<Page<AuditRecord>> AuditService::List(const Actor& a, const AuditQuery& q,
                                                   const PageRequest& p) {
  if (a.role != Role::kNationalAdmin)
    return core::Fail(core::Error{core::ErrorCode::kForbidden,
                                  "forbidden",
                                  "无权执行此操作",
                                  "you are not allowed to do this",
                                  {}});
  Page<AuditRecord> page;
  store_.Read([&](Tx& tx) { page = tx.audit().List(q, p); });
  return page;
}

core::Result<da::Checkpoint> AuditService::Checkpoint(CheckpointLog& log,
                                                      std::string_view secret_key) {
  auto lines = log.Lines();
  if (!lines) return tl::unexpected(lines.error());
  // Only the last checkpoint is compared: it is the one a truncation would undo first, and the
  // whole file is `audit verify`'s job.
  std::vector<std::string> last;
  for (auto it = lines->rbegin(); it != lines->rend(); ++it)
    if (!it->empty()) {
      last.push_back(*it);
      break;
    }
  AuditHead head;
  std::map<std::int64_t, std::string> hashes;
  std::string at;
  da::CheckpointFile file = da::ReadCheckpointLines(last, core::PublicKeyOf(secret_key));
  store_.Read([&](Tx& tx) {
    head = tx.audit().Head();
    at = core::Rfc3339(now_.Now());
    std::vector<std::int64_t> ids;
    for (const auto& v : file.valid) ids.push_back(v.second.last_id);
    hashes = tx.audit().HashesOf(ids);
  });
  if (head.rows != head.last_id || head.row_hash.value_or("") != head.last_hash) {
    core::Error e{core::ErrorCode::kInvalid,
                  "audit_head_mismatch",
                  fmt::format("审计链头（第 {} 条）与日志（{} 条）不符，未写检查点；请运行 "
                              "incunet audit verify",
                              head.last_id, head.rows),
                  fmt::format("the chain head (row {}) does not match the log ({} rows); no "
                              "checkpoint written; run incunet audit verify",
                              head.last_id, head.rows),
                  {}};
    return tl::unexpected(e.With("rows", std::to_string(head.rows)));
  }
  if (!last.empty()) {
    da::Assessment a = da::Assess(file, head.rows, hashes);
    if (a.verdict != da::Verdict::kIntact) return tl::unexpected(a.problems.front());
  }
  da::Checkpoint c = da::SignCheckpoint(head.rows, head.last_id, head.last_hash, at, secret_key);
  auto st = log.Append(da::FormatCheckpoint(c));
  if (!st) return tl::unexpected(st.error());
  return c;
}

Verification AuditService::Verify(const std::vector<std::string>* checkpoint_lines,
                                  std::string_view public_key) {
  Verification v;
  da::CheckpointFile file;
  if (checkpoint_lines) file = da::ReadCheckpointLines(*checkpoint_lines, public_key);
  std::map<std::int64_t, std::string> hashes;
  store_.Read([&](Tx& tx) {
    v.chain_break = tx.audit().Verify();
    // Read after the chain: rows appended meanwhile only make the log longer, never shorter.
    v.rows = tx.audit().Head().rows;
    if (!checkpoint_lines) return;
    std::vector<std::int64_t> ids;
    for (const auto& c : file.valid) ids.push_back(c.second.last_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    hashes = tx.audit().HashesOf(ids);
  });
  if (checkpoint_lines) v.checkpoints = da::Assess(file, v.rows, hashes);
  return v;
}

}  // namespace incunet::app::audit
