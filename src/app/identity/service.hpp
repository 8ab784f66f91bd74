#pragma once
// Accounts, sessions and API tokens. Passwords are argon2id (libsodium); tokens are random and
// stored only as SHA-256 hashes, so a database dump yields no usable session. Failed logins are
// throttled per account (lockout, stored, so every server agrees) and per address (in memory).
#include <chrono>
#include <functional>
#include <map>
#include <mutex>

#include "app/store.hpp"
#include "core/dates.hpp"

namespace incunet::app::identity {

struct HashParams {
  unsigned long long opslimit;   // libsodium crypto_pwhash opslimit
  std::size_t memlimit;          // bytes
  static HashParams Moderate();  // production default
  static HashParams Fast();      // tests only (INCUNET_FAST_PWHASH=1)
};

struct LoginResult {
  std::string token;       // give to the client once; only its hash is stored
  std::string csrf_token;  // for cookie sessions
  UserRecord user;
  Actor actor;
};

struct NewUser {
  std::string login;
  std::string display_name;
  std::string role;
  std::string scope_region;
  std::vector<Id> carrier_ids;
  std::vector<Id> enterprise_ids;
};

class IdentityService {
 public:
  IdentityService(Store& store, const core::Clock& now, HashParams params)
      : store_(store), now_(now), params_(params) {}

  core::Result<LoginResult> Login(const std::string& login, const std::string& password,
                                  const std::string& remote_addr);
  // The actor behind a session or API token; nullopt when unknown, revoked or expired.
  std::optional<Actor> Authenticate(const std::string& token, std::string* csrf = nullptr,
                                    std::string* kind = nullptr);
  void Logout(const std::string& token);
  core::Status ChangePassword(const Actor& a, const std::string& old_password,
                              const std::string& new_password);
  // Creates a user. An empty password generates a random one, returned in *generated.
  core::Result<UserRecord> CreateUser(const Actor& a, const NewUser& u, std::string password,
                                      std::string* generated, const std::string& request_id);
  core::Result<UserRecord> SetPassword(const Actor& a, const std::string& login,
                                       std::string password, std::string* generated,
                                       const std::string& request_id);
  core::Result<UserRecord> Grant(const Actor& a, const std::string& login,
                                 const NewUser& scope_change, const std::string& request_id);
  core::Result<UserRecord> Disable(const Actor& a, const std::string& login,
                                   const std::string& request_id);
  core::Result<std::string> CreateApiToken(const Actor& a, const std::string& label, int days,
                                           const std::string& request_id);
  Page<UserRecord> ListUsers(const Actor& a, const PageRequest& p);
  // A user the admin may manage (national: anyone; region admin: accounts scoped inside its
  // region); nullopt otherwise, so existence outside scope stays private.
  std::optional<UserRecord> FindManagedUser(const Actor& a, Id id);

  std::string HashPassword(const std::string& password) const;
  Actor ActorFor(const UserRecord& u) const;
  static std::string RandomToken(std::size_t bytes = 32);
  static std::string Sha256Hex(const std::string& s);

 private:
  bool AddressThrottled(const std::string& addr);
  void NoteAddressFailure(const std::string& addr);
  // Logins with no active account lock like real ones (five failures, fifteen minutes), so a
  // lockout does not tell which logins exist. Kept in memory: nothing is stored for a guess.
  bool UnknownLoginLocked(const std::string& login);
  void NoteUnknownLoginFailure(const std::string& login);
  core::Status CheckPasswordPolicy(const std::string& p) const;

  Store& store_;
  const core::Clock& now_;
  HashParams params_;
  std::mutex throttle_mu_;
  std::map<std::string, std::pair<int, std::chrono::system_clock::time_point>> addr_failures_;
  struct UnknownLogin {
    int failures = 0;
    std::chrono::system_clock::time_point last_failure, locked_until;
  };
  std::map<std::string, UnknownLogin> unknown_logins_;
};

}  // namespace incunet::app::identity
