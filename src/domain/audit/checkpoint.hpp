#pragma once
// Signed checkpoints of the audit hash chain, kept outside the database so that a cut tail or a
// wiped log cannot hide behind a fixed-up audit_head row. Pure rules: the line format, what is
// signed, the key-file format, and how a checkpoint compares with the chain as it stands.
//
// A checkpoint is one line of text (docs/operations.md, "Audit checkpoints"), fields split by
// one TAB, no trailing spaces:
//
//   incunet-audit-checkpoint/1 <TAB> rows <TAB> last_id <TAB> head_hash <TAB> at <TAB> signature
//
// rows and last_id are decimal (equal on an intact chain, whose ids run 1..rows), head_hash is
// the hex SHA-256 of row last_id ("" when rows is 0), at is the RFC 3339 UTC time of the read,
// and signature is the base64 Ed25519 signature of the line's bytes before its last TAB, so any
// Ed25519 tool can check a line with `cut -f1-5`.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace incunet::domain::audit {

inline constexpr std::string_view kCheckpointTag = "incunet-audit-checkpoint/1";
inline constexpr std::string_view kSecretKeyTag = "incunet-audit-secret-key/1";
inline constexpr std::string_view kPublicKeyTag = "incunet-audit-public-key/1";

struct Checkpoint {
  std::int64_t rows = 0;
  std::int64_t last_id = 0;
  std::string head_hash;
  std::string at;
  std::string signature;  // raw bytes
};

// The bytes that are signed: the first five fields joined by TABs.
std::string SignedMessage(const Checkpoint& c);
// The whole line, without a newline.
std::string FormatCheckpoint(const Checkpoint& c);
// A checkpoint of (rows, last_id, head_hash, at) signed with an Ed25519 secret key (raw bytes).
Checkpoint SignCheckpoint(std::int64_t rows, std::int64_t last_id, std::string head_hash,
                          std::string at, std::string_view secret_key);
// Strict parse of one line (without its newline): the tag, five more fields, decimal counts,
// a 64-digit lower-case hex hash (or "" for an empty chain), a 64-byte base64 signature.
// Error{kMalformed, "checkpoint_malformed"} with details {"reason"} otherwise.
core::Result<Checkpoint> ParseCheckpoint(std::string_view line);
bool SignatureValid(const Checkpoint& c, std::string_view public_key);

// Key files: one line "<tag> <base64 key>\n". The secret key is libsodium's 64-byte form.
std::string FormatSecretKey(std::string_view secret_key);
std::string FormatPublicKey(std::string_view public_key);
// Error{kMalformed, "audit_key_malformed"} unless the text is the tag, one space, and a key of
// the right size (a trailing newline is allowed).
core::Result<std::string> ParseSecretKey(std::string_view text);
core::Result<std::string> ParsePublicKey(std::string_view text);

// How the chain stands against one checkpoint.
enum class Standing {
  kIntact,     // the row at the checkpoint's position still has the checkpoint's hash
  kBehind,     // the log holds fewer rows than the checkpoint: an older backup, or a cut tail
  kRewritten,  // the row at the checkpoint's position has another hash, or is missing
};

// `log_rows`: rows the log holds now; `hash_at_last_id`: the stored hash of the row whose id is
// c.last_id, nullopt when there is no such row. A checkpoint of an empty chain always holds.
Standing Compare(const Checkpoint& c, std::int64_t log_rows,
                 const std::optional<std::string>& hash_at_last_id);

// Lines of a checkpoint file after parsing and signature checks, numbered from 1.
struct CheckpointFile {
  std::vector<std::pair<int, Checkpoint>> valid;
  std::vector<core::Error> bad;  // malformed lines and bad signatures, details {"line"}
  bool empty = true;             // no non-blank line at all
};
CheckpointFile ReadCheckpointLines(const std::vector<std::string>& lines,
                                   std::string_view public_key);

enum class Verdict { kIntact, kBehind, kRewritten, kBadCheckpoints };

struct Assessment {
  Verdict verdict = Verdict::kIntact;
  int checked = 0;  // checkpoints with a valid signature that were compared
  std::optional<std::pair<int, Checkpoint>> latest_intact;  // most rows among those that hold
  // One message per finding, in Chinese and English: rewrites first, then the log being behind,
  // then bad lines. Empty when intact.
  std::vector<core::Error> problems;
};

// Compares every valid checkpoint with the chain. `hash_by_id` maps row ids to stored hashes
// (ids the log does not hold are absent). The verdict is the worst finding, in the order
// rewritten, behind, bad checkpoints (a file with no checkpoint at all counts as bad: the file
// itself may have been wiped).
Assessment Assess(const CheckpointFile& file, std::int64_t log_rows,
                  const std::map<std::int64_t, std::string>& hash_by_id);

}  // namespace incunet::domain::audit
