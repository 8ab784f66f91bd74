#include "domain/audit/checkpoint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/signing.hpp"

namespace incunet::domain::audit {
namespace {

core::Error Malformed(std::string reason_zh, std::string reason_en, std::string reason) {
  core::Error e{core::ErrorCode::kMalformed,
                "checkpoint_malformed",
                "检查点格式不对：" + reason_zh,
                "malformed checkpoint: " + reason_en,
                {}};
  return e.With("reason", std::move(reason));
}

std::vector<std::string_view> SplitTabs(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = s.find('\t', start);
    out.push_back(s.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

std::optional<std::int64_t> ParseCount(std::string_view s) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

bool IsHexHash(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The first twelve hex digits are enough to tell hashes apart in a message.
std::string Short(const std::string& hash) { return hash.empty() ? "(none)" : hash.substr(0, 12); }

core::Result<std::string> ParseKey(std::string_view text, std::string_view tag, std::size_t size,
                                   const char* what_zh, const char* what_en) {
  auto bad = [&](const char* why) {
    core::Error e{core::ErrorCode::kMalformed,
                  "audit_key_malformed",
                  fmt::format("不是审计{}文件", what_zh),
                  fmt::format("not an audit {} file", what_en),
                  {}};
    return tl::unexpected(e.With("reason", why));
  };
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (!text.starts_with(tag) || text.size() <= tag.size() || text[tag.size()] != ' ')
    return bad("tag");
  auto key = core::Base64Decode(text.substr(tag.size() + 1));
  if (!key || key->size() != size) return bad("key");
  return *key;
}

}  // namespace

std::string SignedMessage(const Checkpoint& c) {
  return fmt::format("{}\t{}\t{}\t{}\t{}", kCheckpointTag, c.rows, c.last_id, c.head_hash, c.at);
}

std::string FormatCheckpoint(const Checkpoint& c) {
  return SignedMessage(c) + "\t" + core::Base64Encode(c.signature);
}

Checkpoint SignCheckpoint(std::int64_t rows, std::int64_t last_id, std::string head_hash,
                          std::string at, std::string_view secret_key) {
  Checkpoint c{rows, last_id, std::move(head_hash), std::move(at), ""};
  c.signature = core::SignDetached(SignedMessage(c), secret_key);
  return c;
}

core::Result<Checkpoint> ParseCheckpoint(std::string_view line) {
  auto f = SplitTabs(line);
  if (f.size() != 6) return tl::unexpected(Malformed("字段数不是 6", "not six fields", "fields"));
  if (f[0] != kCheckpointTag) return tl::unexpected(Malformed("标记不认识", "unknown tag", "tag"));
  Checkpoint c;
  auto rows = ParseCount(f[1]);
  auto last_id = ParseCount(f[2]);
  if (!rows || !last_id)
    return tl::unexpected(
        Malformed("行数或编号不是十进制数", "rows or last_id not decimal", "count"));
  c.rows = *rows;
  c.last_id = *last_id;
  bool empty_chain = c.rows == 0 && c.last_id == 0;
  if (empty_chain ? !f[3].empty() : !IsHexHash(f[3]))
    return tl::unexpected(Malformed("哈希不对", "bad head hash", "hash"));
  c.head_hash = f[3];
  if (f[4].empty() || f[4].find_first_of(" \r\n") != std::string_view::npos)
    return tl::unexpected(Malformed("时间为空", "bad time", "at"));
  c.at = f[4];
  auto sig = core::Base64Decode(f[5]);
  if (!sig || sig->size() != core::kSignatureBytes)
    return tl::unexpected(
        Malformed("签名不是 64 字节的 base64", "signature is not 64 bytes of base64", "signature"));
  c.signature = *sig;
  return c;
}

bool SignatureValid(const Checkpoint& c, std::string_view public_key) {
  return core::VerifyDetached(SignedMessage(c), c.signature, public_key);
}

std::string FormatSecretKey(std::string_view secret_key) {
  return fmt::format("{} {}\n", kSecretKeyTag, core::Base64Encode(secret_key));
}

std::string FormatPublicKey(std::string_view public_key) {
  return fmt::format("{} {}\n", kPublicKeyTag, core::Base64Encode(public_key));
}

core::Result<std::string> ParseSecretKey(std::string_view text) {
  return ParseKey(text, kSecretKeyTag, core::kSignSecretKeyBytes, "私钥", "secret key");
}

core::Result<std::string> ParsePublicKey(std::string_view text) {
  return ParseKey(text, kPublicKeyTag, core::kSignPublicKeyBytes, "公钥", "public key");
}

Standing Compare(const Checkpoint& c, std::int64_t log_rows,
                 const std::optional<std::string>& hash_at_last_id) {
  if (c.rows == 0 && c.last_id == 0) return Standing::kIntact;
  if (hash_at_last_id)
    return *hash_at_last_id == c.head_hash ? Standing::kIntact : Standing::kRewritten;
  // The row is missing: a shorter log is a prefix; a log long enough to hold it was renumbered.
  return log_rows < c.rows ? Standing::kBehind : Standing::kRewritten;
}

CheckpointFile ReadCheckpointLines(const std::vector<std::string>& lines,
                                   std::string_view public_key) {
  CheckpointFile out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    if (lines[i].empty()) continue;
    out.empty = false;
    auto c = ParseCheckpoint(lines[i]);
    if (!c) {
      core::Error e = c.error();
      e.message_zh = fmt::format("第 {} 行：{}", line, e.message_zh);
      e.message_en = fmt::format("line {}: {}", line, e.message_en);
      out.bad.push_back(e.With("line", std::to_string(line)));
    } else if (!SignatureValid(*c, public_key)) {
      core::Error e{
          core::ErrorCode::kInvalid,
          "checkpoint_bad_signature",
          fmt::format("第 {} 行检查点的签名无效（内容被改动，或不是用这把密钥签的）", line),
          fmt::format("checkpoint line {} has an invalid signature (altered, or signed "
                      "with another key)",
                      line),
          {}};
      out.bad.push_back(e.With("line", std::to_string(line)));
    } else {
      out.valid.emplace_back(line, std::move(*c));
    }
  }
  return out;
}

Assessment Assess(const CheckpointFile& file, std::int64_t log_rows,
                  const std::map<std::int64_t, std::string>& hash_by_id) {
  Assessment a;
  using Entry = std::pair<int, Checkpoint>;
  std::vector<const Entry*> behind, rewritten, intact;
  for (const auto& e : file.valid) {
    const Checkpoint& c = e.second;
    auto it = hash_by_id.find(c.last_id);
    auto hash = it == hash_by_id.end() ? std::nullopt : std::optional<std::string>(it->second);
    ++a.checked;
    switch (Compare(c, log_rows, hash)) {
      case Standing::kIntact:
        intact.push_back(&e);
        if (!a.latest_intact || c.rows > a.latest_intact->second.rows) a.latest_intact = e;
        break;
      case Standing::kBehind:
        behind.push_back(&e);
        break;
      case Standing::kRewritten:
        rewritten.push_back(&e);
        break;
    }
  }
  auto by_rows = [](const Entry* x, const Entry* y) { return x->second.rows < y->second.rows; };
  std::sort(behind.begin(), behind.end(), by_rows);
  std::sort(rewritten.begin(), rewritten.end(), by_rows);

  if (!rewritten.empty()) {
    a.verdict = Verdict::kRewritten;
    const Checkpoint& c = rewritten.front()->second;
    int line = rewritten.front()->first;
    // The rewrite begins after the last checkpoint below it that still holds.
    std::int64_t from = 1;
    for (const Entry* e : intact)
      if (e->second.rows < c.rows) from = std::max(from, e->second.rows + 1);
    auto it = hash_by_id.find(c.last_id);
    std::string now = it == hash_by_id.end() ? "" : it->second;
    core::Error e{
        core::ErrorCode::kInvalid,
        "audit_log_rewritten",
        fmt::format("审计日志被改写：第 {} 行检查点（{}）记录第 {} 条记录的哈希为 {}，"
                    "日志中{}；改写位于第 {}–{} 条之间（共 {} 个检查点不符）",
                    line, c.at, c.last_id, Short(c.head_hash),
                    now.empty() ? "没有这条记录" : "却是 " + Short(now), from, c.last_id,
                    rewritten.size()),
        fmt::format("the audit log was rewritten: checkpoint line {} ({}) says row {} has "
                    "hash {}, the log {}; the rewrite lies in rows {}..{} ({} "
                    "checkpoint(s) disagree)",
                    line, c.at, c.last_id, Short(c.head_hash),
                    now.empty() ? "has no such row" : "has " + Short(now), from, c.last_id,
                    rewritten.size()),
        {}};
    e.With("line", std::to_string(line)).With("row", std::to_string(c.last_id));
    a.problems.push_back(std::move(e));
  }
  if (!behind.empty()) {
    if (a.verdict == Verdict::kIntact) a.verdict = Verdict::kBehind;
    const Entry& first = *behind.front();
    const Entry& last = *behind.back();
    core::Error e;
    e.code = core::ErrorCode::kInvalid;
    if (log_rows == 0) {
      e.id = "audit_log_wiped";
      e.message_zh = fmt::format("审计日志是空的（被清空了？），而第 {} 行检查点（{}）记录了 {} 条",
                                 last.first, last.second.at, last.second.rows);
      e.message_en = fmt::format(
          "the audit log is empty (wiped?) but checkpoint line {} ({}) "
          "recorded {} rows",
          last.first, last.second.at, last.second.rows);
    } else {
      bool prefix = rewritten.empty();
      e.id = "audit_log_behind";
      e.message_zh = fmt::format(
          "审计日志落后于第 {} 行检查点：该检查点（{}）记录了 {} 条，日志只有 {} 条{}；"
          "共落后于 {} 个检查点，最新的是第 {} 行（{} 条，{}）",
          first.first, first.second.at, first.second.rows, log_rows,
          prefix ? "——日志是一致的前缀（恢复了旧备份，或尾部被截掉）" : "", behind.size(),
          last.first, last.second.rows, last.second.at);
      e.message_en = fmt::format(
          "the log is behind checkpoint line {}: it recorded {} rows at {}, the log holds {}{}; "
          "behind {} checkpoint(s), the latest line {} ({} rows at {})",
          first.first, first.second.rows, first.second.at, log_rows,
          prefix ? " — a consistent prefix (an older backup restored, or the tail cut off)" : "",
          behind.size(), last.first, last.second.rows, last.second.at);
    }
    e.With("line", std::to_string(first.first)).With("log_rows", std::to_string(log_rows));
    a.problems.push_back(std::move(e));
  }
  if (!file.bad.empty() || file.empty) {
    if (a.verdict == Verdict::kIntact) a.verdict = Verdict::kBadCheckpoints;
    if (file.empty)
      a.problems.push_back(core::Error{core::ErrorCode::kInvalid,
                                       "checkpoint_none",
                                       "检查点文件里没有检查点",
                                       "the checkpoint file holds no checkpoints",
                                       {}});
    for (const auto& b : file.bad) a.problems.push_back(b);
  }
  return a;
}

}  // namespace incunet::domain::audit
