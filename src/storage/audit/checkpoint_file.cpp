#include "storage/audit/checkpoint_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/signing.hpp"
#include "domain/audit/checkpoint.hpp"

namespace incunet::storage {
namespace {

core::Error FileError(std::string id, const std::string& path, const char* zh, const char* en,
                      int err) {
  core::Error e{core::ErrorCode::kInternal,
                std::move(id),
                fmt::format("{}：{}（{}）", zh, path, std::strerror(err)),
                fmt::format("{}: {} ({})", en, path, std::strerror(err)),
                {}};
  return e.With("path", path);
}

bool ReadAll(int fd, std::string* out) {
  out->clear();
  char buf[65536];
  off_t off = 0;
  for (;;) {
    ssize_t n = pread(fd, buf, sizeof buf, off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out->append(buf, static_cast<std::size_t>(n));
    off += n;
  }
}

bool WriteAll(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// The whole of a small file, opened without following a symlink for the secret key.
core::Result<std::string> ReadKeyText(const std::string& path, bool secret) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | (secret ? O_NOFOLLOW : 0));
  if (fd < 0)
    return tl::unexpected(FileError("audit_key_unreadable", path, "无法读取密钥文件",
                                    "cannot read the key file", errno));
  struct stat st {};
  if (secret && fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
    close(fd);
    core::Error e{core::ErrorCode::kForbidden,
                  "audit_key_permissions",
                  fmt::format("私钥文件 {} 的权限过宽（{:o}），应为 0600", path, st.st_mode & 0777),
                  fmt::format("the secret key file {} is accessible to others (mode {:o}); it must "
                              "be 0600",
                              path, st.st_mode & 0777),
                  {}};
    return tl::unexpected(e.With("path", path));
  }
  std::string text;
  bool ok = ReadAll(fd, &text);
  int err = errno;
  close(fd);
  if (!ok)
    return tl::unexpected(FileError("audit_key_unreadable", path, "无法读取密钥文件",
                                    "cannot read the key file", err));
  return text;
}

template <typename Parsed>
core::Result<std::string> WithPath(Parsed r, const std::string& path) {
  if (!r) {
    core::Error e = r.error();
    e.message_zh += "：" + path;
    e.message_en += ": " + path;
    return tl::unexpected(e.With("path", path));
  }
  return *r;
}

}  // namespace

core::Result<std::unique_ptr<FileCheckpointLog>> FileCheckpointLog::Open(const std::string& path) {
  int fd = open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return tl::unexpected(FileError("checkpoint_file_unwritable", path, "无法打开检查点文件",
                                    "cannot open the checkpoint file", errno));
  while (flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    close(fd);
    return tl::unexpected(FileError("checkpoint_file_unwritable", path, "无法锁定检查点文件",
                                    "cannot lock the checkpoint file", err));
  }
  return std::unique_ptr<FileCheckpointLog>(new FileCheckpointLog(path, fd));
}

FileCheckpointLog::~FileCheckpointLog() { close(fd_); }  // closing releases the lock

core::Result<std::vector<std::string>> FileCheckpointLog::Lines() {
  std::string text;
  if (!ReadAll(fd_, &text))
    return tl::unexpected(FileError("checkpoint_file_unreadable", path_, "无法读取检查点文件",
                                    "cannot read the checkpoint file", errno));
  return SplitLines(text);
}

core::Status FileCheckpointLog::Append(const std::string& line) {
  std::string data = line + "\n";
  struct stat st {};
  if (fstat(fd_, &st) == 0 && st.st_size > 0) {
    char last = 0;
    if (pread(fd_, &last, 1, st.st_size - 1) == 1 && last != '\n') data = "\n" + data;
  }
  if (!WriteAll(fd_, data) || fsync(fd_) != 0)
    return tl::unexpected(FileError("checkpoint_file_unwritable", path_, "无法写入检查点文件",
                                    "cannot write the checkpoint file", errno));
  return {};
}

core::Result<std::vector<std::string>> ReadCheckpointFile(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return tl::unexpected(FileError("checkpoint_file_unreadable", path, "无法读取检查点文件",
                                    "cannot read the checkpoint file", errno));
  while (flock(fd, LOCK_SH) != 0 && errno == EINTR) {
  }
  std::string text;
  bool ok = ReadAll(fd, &text);
  int err = errno;
  close(fd);
  if (!ok)
    return tl::unexpected(FileError("checkpoint_file_unreadable", path, "无法读取检查点文件",
                                    "cannot read the checkpoint file", err));
  return SplitLines(text);
}

core::Status WriteNewKeyPair(const std::string& secret_path) {
  const std::string public_path = secret_path + ".pub";
  for (const auto* p : {&secret_path, &public_path}) {
    struct stat st {};
    if (lstat(p->c_str(), &st) == 0) {
      core::Error e{core::ErrorCode::kConflict,
                    "audit_key_exists",
                    fmt::format("{} 已存在，不覆盖", *p),
                    fmt::format("{} exists; refusing to overwrite it", *p),
                    {}};
      return tl::unexpected(e.With("path", *p));
    }
  }
  core::SigningKeyPair kp = core::NewSigningKeyPair();
  std::string secret_text = domain::audit::FormatSecretKey(kp.secret_key);
  sodium_memzero(kp.secret_key.data(), kp.secret_key.size());
  auto write_new = [](const std::string& path, const std::string& text, mode_t mode) -> int {
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return errno;
    // The umask may only have removed bits; set exactly what we mean.
    bool ok = fchmod(fd, mode) == 0 && WriteAll(fd, text) && fsync(fd) == 0;
    int err = ok ? 0 : errno;
    close(fd);
    if (!ok) unlink(path.c_str());
    return err;
  };
  int err = write_new(secret_path, secret_text, 0600);
  sodium_memzero(secret_text.data(), secret_text.size());
  if (err)
    return tl::unexpected(FileError("audit_key_unwritable", secret_path, "无法写入私钥文件",
                                    "cannot write the secret key file", err));
  err = write_new(public_path, domain::audit::FormatPublicKey(kp.public_key), 0644);
  if (err) {
    unlink(secret_path.c_str());
    return tl::unexpected(FileError("audit_key_unwritable", public_path, "无法写入公钥文件",
                                    "cannot write the public key file", err));
  }
  return {};
}

core::Result<std::string> ReadSecretKeyFile(const std::string& path) {
  auto text = ReadKeyText(path, true);
  if (!text) return tl::unexpected(text.error());
  auto key = WithPath(domain::audit::ParseSecretKey(*text), path);
  sodium_memzero(text->data(), text->size());
  return key;
}

core::Result<std::string> ReadPublicKeyFile(const std::string& path) {
  auto text = ReadKeyText(path, false);
  if (!text) return tl::unexpected(text.error());
  return WithPath(domain::audit::ParsePublicKey(*text), path);
}

}  // namespace incunet::storage
