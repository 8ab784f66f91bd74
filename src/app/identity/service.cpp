#include "app/identity/service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "app/json_codec.hpp"
#include "core/dates.hpp"
#include "core/limits.hpp"
#include "domain/identity/rules.hpp"

namespace incunet::app::identity {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr int kMaxAddressFailures = 20;
constexpr auto kAddressWindow = std::chrono::minutes(15);
constexpr auto kSessionLifetime = std::chrono::hours(12);
// Bounds the memory an attacker can make the unknown-login table take; entries whose last
// failure is older than the window are dropped first.
constexpr std::size_t kMaxUnknownLogins = 100000;
constexpr auto kUnknownLoginWindow = std::chrono::hours(24);

core::Error AccountLocked() {
  return core::Error{ErrorCode::kThrottled,
                     "account_locked",
                     "账户因多次登录失败已被临时锁定",
                     "the account is temporarily locked after repeated failed logins",
                     {}};
}

core::Error BadLogin() {
  // One message for unknown user and wrong password, so logins cannot be enumerated.
  return core::Error{ErrorCode::kUnauthenticated,
                     "invalid_credentials",
                     "用户名或密码错误",
                     "wrong login or password",
                     {}};
}

core::Error Forbidden() {
  return core::Error{
      ErrorCode::kForbidden, "forbidden", "无权执行此操作", "you are not allowed to do this", {}};
}

Json UserJson(const UserRecord& u) {
  return Json{{"id", u.id},
              {"login", u.login},
              {"role", u.role},
              {"scope_region", u.scope_region},
              {"status", u.status},
              {"carrier_ids", u.carrier_ids},
              {"enterprise_ids", u.enterprise_ids}};
}

domain::identity::Administrator AdministratorOf(const Actor& a) {
  return {a.role, a.scope.region_prefix};
}
bool CanAdminister(const Actor& a, const NewUser& target) {
  return domain::identity::MayFile(AdministratorOf(a), target.role, target.scope_region);
}
bool ManagesAccount(const Actor& a, const UserRecord& u) {
  return domain::identity::ManagesAccount(AdministratorOf(a), u.scope_region);
}

core::Error OutOfScope(const std::string& field, const std::string& zh, const std::string& en) {
  core::Error e{ErrorCode::kForbidden, "out_of_scope", zh, en, {}};
  e.details["field"] = field;
  return e;
}

// Every carrier and enterprise an account is given must lie inside the granter's own scope,
// read in the write's transaction. Carriers are public, so an unknown one is named as such;
// for enterprises unknown and out of scope answer alike, so the check is no existence oracle.
core::Status CheckGrantedIds(Tx& tx, const Actor& a, const UserRecord& u) {
  std::vector<Id> carriers = u.carrier_ids, enterprises = u.enterprise_ids;
  std::sort(carriers.begin(), carriers.end());
  carriers.erase(std::unique(carriers.begin(), carriers.end()), carriers.end());
  std::sort(enterprises.begin(), enterprises.end());
  enterprises.erase(std::unique(enterprises.begin(), enterprises.end()), enterprises.end());
  if (!carriers.empty()) {
    auto known = tx.carriers().Managed(Scope::National(), carriers);
    for (Id id : carriers)
      if (!std::binary_search(known.begin(), known.end(), id)) {
        core::Error e = core::InvalidField("unknown_carrier", "carrier_ids",
                                           fmt::format("未知的孵化载体（ID {}）", id),
                                           fmt::format("unknown carrier (id {})", id));
        return Fail(std::move(e));
      }
    auto mine = tx.carriers().Managed(a.scope, carriers);
    for (Id id : carriers)
      if (!std::binary_search(mine.begin(), mine.end(), id))
        return Fail(OutOfScope("carrier_ids",
                               fmt::format("孵化载体（ID {}）不在您的管辖范围内", id),
                               fmt::format("carrier {} is outside your scope", id)));
  }
  if (!enterprises.empty()) {
    auto mine = tx.enterprises().Managed(a.scope, enterprises);
    for (Id id : enterprises)
      if (!std::binary_search(mine.begin(), mine.end(), id))
        return Fail(OutOfScope("enterprise_ids", fmt::format("企业（ID {}）不在您的管辖范围内", id),
                               fmt::format("enterprise {} is outside your scope", id)));
  }
  return {};
}

}  // namespace

HashParams HashParams::Moderate() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
HashParams HashParams::Fast() { return {crypto_pwhash_OPSLIMIT_MIN, 8192}; }

std::string IdentityService::RandomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string IdentityService::Sha256Hex(const std::string& s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string IdentityService::HashPassword(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.opslimit,
                            params_.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  return out;
}

Actor IdentityService::ActorFor(const UserRecord& u) const {
  Actor a;
  a.user_id = u.id;
  a.login = u.login;
  if (!ParseRole(u.role, &a.role)) return a;  // unknown role: no scope
  switch (a.role) {
    case Role::kNationalAdmin:
      a.scope = Scope::National();
      break;
    case Role::kRegionAdmin:
      a.scope = u.scope_region.empty() ? Scope::None() : Scope::Region(u.scope_region);
      break;
    case Role::kCarrierOperator:
      a.scope.kind = Scope::Kind::kCarriers;
      a.scope.carrier_ids = u.carrier_ids;
      break;
    case Role::kEnterpriseMember:
      a.scope.kind = Scope::Kind::kEnterprises;
      a.scope.enterprise_ids = u.enterprise_ids;
      break;
    case Role::kInvestor:
    case Role::kExpert:
    case Role::kPublic:
      a.scope = Scope::Public();
      break;
  }
  a.scope.user_id = u.id;
  a.scope.consent_date = core::CivilDateCst(now_.Now());
  return a;
}

bool IdentityService::AddressThrottled(const std::string& addr) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto it = addr_failures_.find(addr);
  if (it == addr_failures_.end()) return false;
  if (now_.Now() - it->second.second > kAddressWindow) {
    addr_failures_.erase(it);
    return false;
  }
  return it->second.first >= kMaxAddressFailures;
}

void IdentityService::NoteAddressFailure(const std::string& addr) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto& e = addr_failures_[addr];
  if (e.first == 0 || now_.Now() - e.second > kAddressWindow) e = {0, now_.Now()};
  ++e.first;
}

namespace {
// Long guesses are keyed by their hash so the table's memory stays bounded per entry.
std::string UnknownLoginKey(const std::string& login) {
  return login.size() <= 64 ? login : IdentityService::Sha256Hex(login);
}
}  // namespace

bool IdentityService::UnknownLoginLocked(const std::string& login_sent) {
  std::string login = UnknownLoginKey(login_sent);
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto it = unknown_logins_.find(login);
  return it != unknown_logins_.end() && it->second.locked_until > now_.Now();
}

void IdentityService::NoteUnknownLoginFailure(const std::string& login_sent) {
  std::string login = UnknownLoginKey(login_sent);
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto now = now_.Now();
  if (unknown_logins_.size() >= kMaxUnknownLogins && !unknown_logins_.count(login)) {
    std::erase_if(unknown_logins_, [&](const auto& kv) {
      return now - kv.second.last_failure > kUnknownLoginWindow && kv.second.locked_until <= now;
    });
    if (unknown_logins_.size() >= kMaxUnknownLogins) unknown_logins_.erase(unknown_logins_.begin());
  }
  auto& e = unknown_logins_[login];
  e.last_failure = now;
  // The same rule as accounts: the fifth failure locks, and the count starts again.
  auto next = domain::identity::AfterFailedLogin(e.failures);
  e.failures = next.failures;
  if (next.locks) e.locked_until = now + domain::identity::kLockout;
}

core::Result<LoginResult> IdentityService::Login(const std::string& login,
                                                 const std::string& password,
                                                 const std::string& remote_addr) {
  if (AddressThrottled(remote_addr))
    return Fail(ErrorCode::kThrottled, "too_many_attempts", "登录失败次数过多，请稍后再试",
                "too many failed logins from this address; try again later");
  std::optional<UserRecord> user;
  store_.Read([&](Tx& tx) { user = tx.users().FindByLogin(login); });
  if (!user || user->status != "active") {
    // A locked account answers before any hashing; a locked unknown login does the same.
    if (UnknownLoginLocked(login)) return Fail(AccountLocked());
    // Spend the same time as a real verification so timing does not reveal unknown logins.
    HashPassword(password);
    NoteAddressFailure(remote_addr);
    NoteUnknownLoginFailure(login);
    return Fail(BadLogin());
  }
  std::string now = core::Rfc3339(now_.Now());
  if (!user->locked_until.empty() && user->locked_until > now) return Fail(AccountLocked());
  bool ok =
      crypto_pwhash_str_verify(user->password_hash.c_str(), password.data(), password.size()) == 0;
  LoginResult result;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto u = tx.users().Find(user->id);
    if (!u) return Fail(BadLogin());
    if (!ok) {
      auto next = domain::identity::AfterFailedLogin(static_cast<int>(u->failed_logins));
      u->failed_logins = next.failures;
      if (next.locks) {
        u->locked_until = core::Rfc3339(now_.Now() + domain::identity::kLockout);
        tx.audit().Append(
            {u->login, u->id, "user.lockout", "user", std::to_string(u->id), "", "", ""}, now);
      }
      tx.users().Update(*u);
      return {};
    }
    u->failed_logins = 0;
    u->locked_until = "";
    tx.users().Update(*u);
    SessionRecord s;
    result.token = RandomToken();
    result.csrf_token = RandomToken(18);
    s.token_hash = Sha256Hex(result.token);
    s.user_id = u->id;
    s.kind = "session";
    s.csrf_token = result.csrf_token;
    s.created_at = now;
    s.expires_at = core::Rfc3339(now_.Now() + kSessionLifetime);
    tx.users().InsertSession(s);
    tx.audit().Append(
        {u->login, u->id, "user.login", "user", std::to_string(u->id), "", "", remote_addr}, now);
    result.user = *u;
    result.actor = ActorFor(*u);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  if (!ok) {
    NoteAddressFailure(remote_addr);
    return Fail(BadLogin());
  }
  return result;
}

std::optional<Actor> IdentityService::Authenticate(const std::string& token, std::string* csrf,
                                                   std::string* kind) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  std::optional<Actor> out;
  std::string now = core::Rfc3339(now_.Now());
  store_.Read([&](Tx& tx) {
    auto s = tx.users().FindSession(Sha256Hex(token));
    if (!s || !s->revoked_at.empty() || s->expires_at <= now) return;
    auto u = tx.users().Find(s->user_id);
    if (!u || u->status != "active") return;
    out = ActorFor(*u);
    if (csrf) *csrf = s->csrf_token;
    if (kind) *kind = s->kind;
  });
  return out;
}

void IdentityService::Logout(const std::string& token) {
  std::string now = core::Rfc3339(now_.Now());
  (void)store_.Write([&](Tx& tx) -> core::Status {
    tx.users().RevokeSession(Sha256Hex(token), now);
    return {};
  });
}

core::Status IdentityService::CheckPasswordPolicy(const std::string& p) const {
  return domain::identity::CheckPassword(p);
}

core::Status IdentityService::ChangePassword(const Actor& a, const std::string& old_password,
                                             const std::string& new_password) {
  if (a.user_id == 0) return Fail(Forbidden());
  if (auto s = CheckPasswordPolicy(new_password); !s) return s;
  std::string now = core::Rfc3339(now_.Now());
  return store_.Write([&](Tx& tx) -> core::Status {
    auto u = tx.users().Find(a.user_id);
    if (!u) return Fail(Forbidden());
    if (crypto_pwhash_str_verify(u->password_hash.c_str(), old_password.data(),
                                 old_password.size()) != 0)
      return Fail(core::InvalidField("wrong_password", "old_password", "原密码不正确",
                                     "the current password is wrong"));
    u->password_hash = HashPassword(new_password);
    tx.users().Update(*u);
    tx.users().RevokeUserSessions(u->id, now);
    tx.audit().Append(
        {a.login, a.user_id, "user.password_change", "user", std::to_string(u->id), "", "", ""},
        now);
    return {};
  });
}

core::Result<UserRecord> IdentityService::CreateUser(const Actor& a, const NewUser& nu,
                                                     std::string password, std::string* generated,
                                                     const std::string& request_id) {
  Role role;
  if (!ParseRole(nu.role, &role))
    return Fail(core::InvalidField("invalid_role", "role",
                                   "角色必须是 national_admin/region_admin/carrier_operator/"
                                   "enterprise_member/investor/expert 之一",
                                   "role must be one of national_admin, region_admin, "
                                   "carrier_operator, enterprise_member, investor, expert"));
  if (auto s = domain::identity::CheckLogin(nu.login); !s) return Fail(s.error());
  if (auto s = core::limits::CheckText(nu.display_name, "display_name", core::limits::kNameChars);
      !s)
    return Fail(s.error());
  if (role == Role::kRegionAdmin && nu.scope_region.empty())
    return Fail(core::InvalidField("scope_required", "scope_region", "地方管理员必须指定管辖区划",
                                   "a region admin needs a region"));
  NewUser filed = nu;
  // A region admin's accounts are filed under its region, so it can manage them later.
  if (filed.scope_region.empty() && a.role == Role::kRegionAdmin)
    filed.scope_region = a.scope.region_prefix;
  if (!CanAdminister(a, filed)) return Fail(Forbidden());
  if (password.empty()) {
    password = RandomToken(12);
    if (generated) *generated = password;
  } else if (auto s = CheckPasswordPolicy(password); !s) {
    return tl::unexpected(s.error());
  }
  UserRecord u;
  u.scope_region = domain::identity::ScopePrefix(filed.scope_region);
  u.login = nu.login;
  u.display_name = nu.display_name.empty() ? nu.login : nu.display_name;
  u.role = nu.role;
  u.carrier_ids = nu.carrier_ids;
  u.enterprise_ids = nu.enterprise_ids;
  u.password_hash = HashPassword(password);
  u.created_at = core::Rfc3339(now_.Now());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    if (tx.users().FindByLogin(u.login)) {
      core::Error e{ErrorCode::kConflict,
                    "duplicate_login",
                    "登录名 " + u.login + " 已存在",
                    "login " + u.login + " already exists",
                    {}};
      e.details["field"] = "login";
      return Fail(std::move(e));
    }
    if (!u.scope_region.empty() &&
        !tx.regions().Find(domain::identity::RegionOfPrefix(u.scope_region)))
      return Fail(core::InvalidField("unknown_region", "scope_region", "未知的行政区划代码",
                                     "unknown region code"));
    if (auto s = CheckGrantedIds(tx, a, u); !s) return s;
    tx.users().Insert(u);
    tx.audit().Append({a.login, a.user_id, "user.create", "user", std::to_string(u.id), "",
                       UserJson(u).dump(), request_id},
                      u.created_at);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return u;
}

core::Result<UserRecord> IdentityService::SetPassword(const Actor& a, const std::string& login,
                                                      std::string password, std::string* generated,
                                                      const std::string& request_id) {
  if (a.role != Role::kNationalAdmin) return Fail(Forbidden());
  if (password.empty()) {
    password = RandomToken(12);
    if (generated) *generated = password;
  } else if (auto s = CheckPasswordPolicy(password); !s) {
    return tl::unexpected(s.error());
  }
  std::string hash = HashPassword(password);
  std::string now = core::Rfc3339(now_.Now());
  UserRecord out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto u = tx.users().FindByLogin(login);
    if (!u) return Fail(core::NotFound("用户 " + login, "user " + login));
    u->password_hash = hash;
    u->failed_logins = 0;
    u->locked_until = "";
    tx.users().Update(*u);
    tx.users().RevokeUserSessions(u->id, now);
    tx.audit().Append({a.login, a.user_id, "user.password_reset", "user", std::to_string(u->id), "",
                       "", request_id},
                      now);
    out = *u;
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return out;
}

core::Result<UserRecord> IdentityService::Grant(const Actor& a, const std::string& login,
                                                const NewUser& change,
                                                const std::string& request_id) {
  std::string now = core::Rfc3339(now_.Now());
  UserRecord out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto u = tx.users().FindByLogin(login);
    if (!u || !ManagesAccount(a, *u)) return Fail(core::NotFound("用户 " + login, "user " + login));
    NewUser target{u->login,
                   u->display_name,
                   change.role.empty() ? u->role : change.role,
                   change.scope_region,
                   change.carrier_ids,
                   change.enterprise_ids};
    if (target.scope_region.empty() && a.role == Role::kRegionAdmin)
      target.scope_region = a.scope.region_prefix;
    if (!CanAdminister(a, target)) return Fail(Forbidden());
    Role r;
    if (!ParseRole(target.role, &r))
      return Fail(core::InvalidField("invalid_role", "role", "未知角色", "unknown role"));
    UserRecord before = *u;
    u->role = target.role;
    u->scope_region = domain::identity::ScopePrefix(target.scope_region);
    if (!u->scope_region.empty() &&
        !tx.regions().Find(domain::identity::RegionOfPrefix(u->scope_region)))
      return Fail(core::InvalidField("unknown_region", "scope_region", "未知的行政区划代码",
                                     "unknown region code"));
    u->carrier_ids = change.carrier_ids;
    u->enterprise_ids = change.enterprise_ids;
    if (auto s = CheckGrantedIds(tx, a, *u); !s) return s;
    tx.users().Update(*u);
    tx.users().RevokeUserSessions(u->id, now);  // the new scope applies from the next login
    tx.audit().Append({a.login, a.user_id, "user.grant", "user", std::to_string(u->id),
                       UserJson(before).dump(), UserJson(*u).dump(), request_id},
                      now);
    out = *u;
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return out;
}

core::Result<UserRecord> IdentityService::Disable(const Actor& a, const std::string& login,
                                                  const std::string& request_id) {
  std::string now = core::Rfc3339(now_.Now());
  UserRecord out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto u = tx.users().FindByLogin(login);
    if (!u || !ManagesAccount(a, *u)) return Fail(core::NotFound("用户 " + login, "user " + login));
    if (u->role == "national_admin" && a.role != Role::kNationalAdmin) return Fail(Forbidden());
    if (u->id == a.user_id)
      return Fail(core::InvalidField("cannot_disable_self", "id", "不能停用自己的账户",
                                     "you cannot disable your own account"));
    u->status = "disabled";
    tx.users().Update(*u);
    tx.users().RevokeUserSessions(u->id, now);
    tx.audit().Append(
        {a.login, a.user_id, "user.revoke", "user", std::to_string(u->id), "", "", request_id},
        now);
    out = *u;
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return out;
}

core::Result<std::string> IdentityService::CreateApiToken(const Actor& a, const std::string& label,
                                                          int days, const std::string& request_id) {
  if (a.user_id == 0) return Fail(Forbidden());
  if (days < 1 || days > 366)
    return Fail(core::InvalidField("invalid_days", "days", "有效期必须在 1–366 天之间",
                                   "days must be between 1 and 366"));
  std::string token = RandomToken();
  std::string now = core::Rfc3339(now_.Now());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    SessionRecord s;
    s.token_hash = Sha256Hex(token);
    s.user_id = a.user_id;
    s.kind = "api";
    s.label = label;
    s.created_at = now;
    s.expires_at = core::Rfc3339(now_.Now() + std::chrono::hours(24) * days);
    tx.users().InsertSession(s);
    tx.audit().Append({a.login, a.user_id, "token.create", "user", std::to_string(a.user_id), "",
                       Json{{"label", label}, {"days", days}}.dump(), request_id},
                      now);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return token;
}

std::optional<UserRecord> IdentityService::FindManagedUser(const Actor& a, Id id) {
  if (!a.IsAdmin()) return std::nullopt;
  std::optional<UserRecord> u;
  store_.Read([&](Tx& tx) { u = tx.users().Find(id); });
  if (!u || !ManagesAccount(a, *u)) return std::nullopt;
  return u;
}

Page<UserRecord> IdentityService::ListUsers(const Actor& a, const PageRequest& p) {
  Page<UserRecord> page;
  if (!a.IsAdmin()) return page;
  store_.Read([&](Tx& tx) { page = tx.users().List(a.scope, p); });
  return page;
}

}  // namespace incunet::app::identity
