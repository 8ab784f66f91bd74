#pragma once
// Where an import reads its bytes from, and the decoder that turns them into UTF-8 chunks. A
// source can be opened more than once because the importer reads it twice (validate, then
// write); neither a source nor the decoder holds more than a few MiB at a time.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::app::io {

class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Reads up to `n` bytes; 0 at the end. Throws std::runtime_error on an I/O error.
  virtual std::size_t Read(char* buf, std::size_t n) = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::unique_ptr<ByteReader> Open() const = 0;
  virtual std::int64_t Size() const = 0;
};

// A file on disk (the CLI) — throws std::runtime_error from Open when it cannot be read.
std::unique_ptr<ByteSource> FileSource(std::string path);
// Bytes in memory (an HTTP request body); the source owns them.
std::unique_ptr<ByteSource> StringSource(std::string bytes);

// Reads a source as UTF-8 text in chunks that end at a line break. The encoding is decided by
// the data: a UTF-8 BOM or valid UTF-8 means UTF-8; otherwise GB18030 (which includes GBK and
// GB2312), whose BOM is also dropped. UTF-16, NUL bytes, bytes valid in neither encoding, and a
// line longer than 4 MiB fail with kMalformed "invalid_encoding" / "line_too_long" naming the
// line. Pure ASCII stays undecided ("ascii") until the first non-ASCII chunk.
class TextDecoder {
 public:
  explicit TextDecoder(std::unique_ptr<ByteReader> in, std::size_t chunk = 1 << 20);
  // Next chunk of UTF-8 into *out; false at the end. Updates bytes_read().
  core::Result<bool> Next(std::string* out);
  std::int64_t bytes_read() const { return bytes_read_; }
  const std::string& encoding() const { return encoding_; }
  // SHA-256 (lower-case hex) of every byte read; complete once Next returned false.
  std::string Sha256Hex();

 private:
  core::Status Decode(std::string_view raw, std::string* out);
  std::unique_ptr<ByteReader> in_;
  std::size_t chunk_;
  std::string carry_;
  std::string buf_;
  bool eof_ = false;
  bool first_ = true;
  std::int64_t bytes_read_ = 0;
  std::int64_t lines_before_ = 0;  // line breaks in the text already returned
  std::string encoding_ = "ascii";
  struct Hash;
  std::shared_ptr<Hash> hash_;
};

}  // namespace incunet::app::io
