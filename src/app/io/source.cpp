#include "app/io/source.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/text.hpp"

namespace incunet::app::io {
namespace {

class FileReader : public ByteReader {
 public:
  explicit FileReader(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {
    if (!f_) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  }
  ~FileReader() override { std::fclose(f_); }
  std::size_t Read(char* buf, std::size_t n) override {
    std::size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) throw std::runtime_error("read error");
    return got;
  }

 private:
  std::FILE* f_;
};

class FileSrc : public ByteSource {
 public:
  explicit FileSrc(std::string path) : path_(std::move(path)) {}
  std::unique_ptr<ByteReader> Open() const override { return std::make_unique<FileReader>(path_); }
  std::int64_t Size() const override {
    std::FILE* f = std::fopen(path_.c_str(), "rb");
    if (!f) return 0;
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fclose(f);
    return n;
  }

 private:
  std::string path_;
};

class StringReader : public ByteReader {
 public:
  explicit StringReader(const std::string& s) : s_(s) {}
  std::size_t Read(char* buf, std::size_t n) override {
    std::size_t k = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  const std::string& s_;
  std::size_t pos_ = 0;
};

class StringSrc : public ByteSource {
 public:
  explicit StringSrc(std::string s) : s_(std::move(s)) {}
  std::unique_ptr<ByteReader> Open() const override { return std::make_unique<StringReader>(s_); }
  std::int64_t Size() const override { return static_cast<std::int64_t>(s_.size()); }

 private:
  std::string s_;
};

constexpr std::size_t kMaxLine = 4 << 20;

bool AllAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

std::unique_ptr<ByteSource> FileSource(std::string path) {
  return std::make_unique<FileSrc>(std::move(path));
}
std::unique_ptr<ByteSource> StringSource(std::string bytes) {
  return std::make_unique<StringSrc>(std::move(bytes));
}

struct TextDecoder::Hash {
  crypto_hash_sha256_state st;
};

TextDecoder::TextDecoder(std::unique_ptr<ByteReader> in, std::size_t chunk)
    : in_(std::move(in)), chunk_(chunk), hash_(std::make_shared<Hash>()) {
  crypto_hash_sha256_init(&hash_->st);
}

std::string TextDecoder::Sha256Hex() {
  crypto_hash_sha256_state copy = hash_->st;
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&copy, out);
  std::string hex;
  for (unsigned char b : out) hex += fmt::format("{:02x}", b);
  return hex;
}

core::Status TextDecoder::Decode(std::string_view raw, std::string* out) {
  auto line_of = [&](std::size_t offset) {
    return lines_before_ + 1 + std::count(raw.begin(), raw.begin() + offset, '\n');
  };
  auto fail = [&](std::size_t offset, std::string why_zh, std::string why_en) {
    core::Error e{core::ErrorCode::kMalformed,
                  "invalid_encoding",
                  fmt::format("第 {} 行：{}。请将文件另存为 UTF-8 或 GB18030（GBK）编码的 CSV",
                              line_of(offset), why_zh),
                  fmt::format("line {}: {}; save the file as CSV in UTF-8 or GB18030 (GBK)",
                              line_of(offset), why_en),
                  {}};
    e.details["line"] = std::to_string(line_of(offset));
    return core::Fail(std::move(e));
  };
  if (auto nul = raw.find('\0'); nul != std::string_view::npos)
    return fail(nul, "文件含有 NUL 字节（可能是 UTF-16 或二进制文件）",
                "the file contains NUL bytes (UTF-16 or a binary file?)");
  if (encoding_ == "ascii") {
    if (AllAscii(raw)) {
      out->assign(raw);
      return {};
    }
    encoding_ = core::IsValidUtf8(raw) ? "utf-8" : "gb18030";
  }
  if (encoding_ == "utf-8") {
    if (!core::IsValidUtf8(raw)) {
      // Name the first bad line.
      std::size_t start = 0;
      while (start < raw.size()) {
        std::size_t nl = raw.find('\n', start);
        if (nl == std::string_view::npos) nl = raw.size();
        if (!core::IsValidUtf8(raw.substr(start, nl - start))) break;
        start = nl + 1;
      }
      return fail(start, "不是有效的 UTF-8 文本（文件前部是 UTF-8，此处编码不同）",
                  "not valid UTF-8 (the file started as UTF-8 but changes encoding here)");
    }
    out->assign(raw);
    return {};
  }
  auto r = core::Gb18030ToUtf8(raw);
  if (!r) {
    std::size_t off = 0;
    if (auto it = r.error().details.find("offset"); it != r.error().details.end())
      off = std::stoull(it->second);
    return fail(off, "既不是 UTF-8 也不是 GB18030 编码", "neither UTF-8 nor GB18030 text");
  }
  *out = std::move(*r);
  return {};
}

core::Result<bool> TextDecoder::Next(std::string* out) {
  out->clear();
  for (;;) {
    // Cut at the last line break: both encodings keep 0x0A out of multi-byte sequences.
    std::size_t nl = carry_.rfind('\n');
    if (nl != std::string::npos && (carry_.size() >= chunk_ || eof_)) {
      std::string piece = carry_.substr(0, nl + 1);
      carry_.erase(0, nl + 1);
      if (auto s = Decode(piece, out); !s) return tl::unexpected(s.error());
      lines_before_ += std::count(piece.begin(), piece.end(), '\n');
      return true;
    }
    if (eof_) {
      if (carry_.empty()) return false;
      std::string piece;
      piece.swap(carry_);
      if (auto s = Decode(piece, out); !s) return tl::unexpected(s.error());
      return true;
    }
    if (nl == std::string::npos && carry_.size() > kMaxLine) {
      core::Error e{core::ErrorCode::kMalformed,
                    "line_too_long",
                    fmt::format("第 {} 行超过 4 MiB 仍无换行，不是 CSV 文件", lines_before_ + 1),
                    fmt::format("line {} runs over 4 MiB without a line break: not a CSV file",
                                lines_before_ + 1),
                    {}};
      e.details["line"] = std::to_string(lines_before_ + 1);
      return tl::unexpected(e);
    }
    buf_.resize(chunk_);
    std::size_t n = in_->Read(buf_.data(), chunk_);
    if (n == 0) {
      eof_ = true;
      continue;
    }
    bytes_read_ += static_cast<std::int64_t>(n);
    crypto_hash_sha256_update(&hash_->st, reinterpret_cast<const unsigned char*>(buf_.data()), n);
    std::string_view got(buf_.data(), n);
    if (first_) {
      first_ = false;
      if (got.starts_with("\xEF\xBB\xBF")) {
        encoding_ = "utf-8";
        got.remove_prefix(3);
      } else if (got.starts_with("\x84\x31\x95\x33")) {
        encoding_ = "gb18030";
        got.remove_prefix(4);
      } else if (got.starts_with("\xFF\xFE") || got.starts_with("\xFE\xFF")) {
        return core::Fail(core::ErrorCode::kMalformed, "invalid_encoding",
                          "文件是 UTF-16 编码，请另存为 UTF-8 或 GB18030（GBK）编码的 CSV",
                          "the file is UTF-16; save it as CSV in UTF-8 or GB18030 (GBK)");
      }
    }
    carry_.append(got);
  }
}

}  // namespace incunet::app::io
