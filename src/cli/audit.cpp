// `incunet audit keygen|checkpoint|verify`: the hash chain in the database, and signed
// checkpoints of it in a file outside the database (docs/operations.md, "Audit checkpoints").
#include "cli/audit.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/audit/service.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "storage/audit/checkpoint_file.hpp"

namespace incunet::cli {
namespace {

namespace da = domain::audit;

int Report(const core::Error& e) {
  std::cerr << "error: " << e.message_zh << " / " << e.message_en << "\n";
  return AuditExitCode(e.id);
}

const char* ProblemTag(const std::string& id) {
  if (id == "audit_log_rewritten") return "REWRITTEN";
  if (id == "audit_log_behind") return "BEHIND";
  if (id == "audit_log_wiped") return "WIPED";
  return "BAD CHECKPOINT";
}

int ExitCodeOf(const app::audit::Verification& v) {
  if (v.chain_break) return 2;
  if (!v.checkpoints) return 0;
  switch (v.checkpoints->verdict) {
    case da::Verdict::kIntact:
      return 0;
    case da::Verdict::kRewritten:
      return 4;
    case da::Verdict::kBehind:
      return 3;
    case da::Verdict::kBadCheckpoints:
      return 5;
  }
  return 1;
}

int RunVerify(const std::string& db, const std::string& checkpoints, const std::string& pubkey) {
  std::optional<std::vector<std::string>> lines;
  std::string public_key;
  if (!checkpoints.empty()) {
    auto pk = storage::ReadPublicKeyFile(pubkey);
    if (!pk) return Report(pk.error());
    public_key = *pk;
    auto l = storage::ReadCheckpointFile(checkpoints);
    if (!l) return Report(l.error());
    lines = std::move(*l);
  }
  Opened o = OpenAndMigrate(db, 1, true);
  app::audit::AuditService svc(*o.store, core::SystemClock::Instance());
  app::audit::Verification v = svc.Verify(lines ? &*lines : nullptr, public_key);
  if (v.chain_break) {
    std::cout << "BROKEN at row " << v.chain_break->id << ": " << v.chain_break->problem
              << " / 审计哈希链在第 " << v.chain_break->id << " 条处断开" << std::endl;
  } else if (v.ok()) {
    std::cout << "OK: " << v.rows << " rows, chain intact";
    if (v.checkpoints) {
      const auto& latest = v.checkpoints->latest_intact;
      std::cout << "; " << v.checkpoints->checked << " checkpoints hold";
      if (latest)
        std::cout << ", the latest line " << latest->first << " (" << latest->second.rows
                  << " rows at " << latest->second.at << ")";
    }
    std::cout << "\n正常：共 " << v.rows << " 条，哈希链完整";
    if (v.checkpoints) std::cout << "；" << v.checkpoints->checked << " 个检查点全部相符";
    std::cout << std::endl;
  } else {
    std::cout << "chain: " << v.rows << " rows, hash chain intact / 哈希链本身完整：共 " << v.rows
              << " 条" << std::endl;
  }
  if (v.checkpoints)
    for (const auto& p : v.checkpoints->problems)
      std::cout << ProblemTag(p.id) << ": " << p.message_zh << " / " << p.message_en << std::endl;
  return ExitCodeOf(v);
}

}  // namespace

int AuditExitCode(const std::string& id) {
  if (id == "audit_head_mismatch") return 2;
  if (id == "audit_log_behind" || id == "audit_log_wiped") return 3;
  if (id == "audit_log_rewritten") return 4;
  if (id.starts_with("checkpoint_") && id != "checkpoint_file_unreadable" &&
      id != "checkpoint_file_unwritable")
    return 5;
  return 1;
}

core::Result<da::Checkpoint> WriteAuditCheckpoint(app::Store& store, const std::string& key_file,
                                                  const std::string& out) {
  auto sk = storage::ReadSecretKeyFile(key_file);
  if (!sk) return tl::unexpected(sk.error());
  auto log = storage::FileCheckpointLog::Open(out);
  if (!log) return tl::unexpected(log.error());
  app::audit::AuditService svc(store, core::SystemClock::Instance());
  auto c = svc.Checkpoint(**log, *sk);
  sodium_memzero(sk->data(), sk->size());
  return c;
}

AuditCheckpointTimer::AuditCheckpointTimer(app::Store& store, std::string key_file, std::string out,
                                           std::chrono::seconds every)
    : store_(store), key_file_(std::move(key_file)), out_(std::move(out)), every_(every) {
  thread_ = std::thread([this] { Loop(); });
}

AuditCheckpointTimer::~AuditCheckpointTimer() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void AuditCheckpointTimer::Loop() {
  std::unique_lock<std::mutex> lk(mu_);
  while (!stop_) {
    lk.unlock();
    try {
      auto c = WriteAuditCheckpoint(store_, key_file_, out_);
      if (c)
        spdlog::info("audit checkpoint: {} rows, head {} -> {}", c->rows,
                     c->head_hash.substr(0, 12), out_);
      else
        spdlog::error("audit checkpoint failed / 审计检查点未写入: {} / {}", c.error().message_zh,
                      c.error().message_en);
    } catch (const std::exception& e) {
      spdlog::error("audit checkpoint failed / 审计检查点未写入: {}", e.what());
    }
    lk.lock();
    cv_.wait_for(lk, every_, [this] { return stop_; });
  }
}

void AddAudit(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("audit", "审计日志 / Audit trail");
  cmd->require_subcommand(1);
  struct Opts {
    std::string db = kDefaultDb;
    std::string key;
    std::string out;
    std::string checkpoints;
    std::string pubkey;
  };
  auto o = std::make_shared<Opts>();

  auto* keygen = cmd->add_subcommand(
      "keygen", "生成检查点签名密钥对 / Make the Ed25519 key pair that signs checkpoints");
  keygen
      ->add_option("--out", o->key, "secret key file (mode 0600); the public key goes to FILE.pub")
      ->required();
  keygen->callback([&c, o] {
    c.run = [o]() -> int {
      auto st = storage::WriteNewKeyPair(o->key);
      if (!st) return Report(st.error());
      std::cout << "wrote secret key " << o->key << " (0600) and public key " << o->key
                << ".pub / 已生成私钥 " << o->key << "（权限 0600）和公钥 " << o->key << ".pub"
                << std::endl;
      return 0;
    };
  });

  auto* checkpoint = cmd->add_subcommand(
      "checkpoint", "把哈希链的签名检查点追加到文件 / Append a signed checkpoint of the chain");
  checkpoint->add_option("--db", o->db, "SQLite file or postgresql://…");
  checkpoint->add_option("--key", o->key, "secret key file from `audit keygen`")->required();
  checkpoint->add_option("--out", o->out, "checkpoint file to append to (created if absent)")
      ->required();
  checkpoint->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      auto r = WriteAuditCheckpoint(*db.store, o->key, o->out);
      if (!r) return Report(r.error());
      std::cout << "checkpoint: " << r->rows << " rows, head "
                << (r->head_hash.empty() ? "(empty)" : r->head_hash.substr(0, 12)) << ", at "
                << r->at << " -> " << o->out << " / 已写入检查点：共 " << r->rows << " 条"
                << std::endl;
      return 0;
    };
  });

  auto* verify = cmd->add_subcommand(
      "verify", "校验哈希链及检查点 / Verify the hash chain and its checkpoints");
  verify->add_option("--db", o->db, "SQLite file or postgresql://…");
  auto* cps = verify->add_option("--checkpoints", o->checkpoints,
                                 "checkpoint file to verify the log against");
  auto* pub = verify->add_option("--pubkey", o->pubkey, "public key file (KEYFILE.pub)");
  cps->needs(pub);
  pub->needs(cps);
  verify->footer(
      "Exit status / 退出码: 0 intact 完整; 2 chain broken 链断裂; 3 log behind a checkpoint or "
      "wiped 日志落后于检查点或被清空; 4 rewritten 被改写; 5 checkpoint file bad 检查点文件有误; "
      "1 other errors 其他错误.");
  verify->callback(
      [&c, o] { c.run = [o]() -> int { return RunVerify(o->db, o->checkpoints, o->pubkey); }; });
}

}  // namespace incunet::cli
