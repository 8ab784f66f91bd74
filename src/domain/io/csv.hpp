#pragma once
// RFC 4180 CSV, streaming: CsvReader takes UTF-8 text in arbitrary chunks and hands out whole
// records, so a file of any size is read in bounded memory. Quoted fields may hold commas,
// doubled quotes and line breaks (CRLF, LF or a lone CR). A record that breaks the grammar is
// still returned, flagged with the reason, so the caller can report it by row and go on.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace incunet::domain::io {

struct CsvRecord {
  std::vector<std::string> fields;
  std::int64_t row = 0;   // 1-based record number; the header is row 1 (as a spreadsheet shows it)
  std::int64_t line = 0;  // 1-based physical line where the record starts
  // Empty when well-formed; otherwise a machine reason: "unterminated_quote",
  // "text_after_quote", "field_too_long", "too_many_fields".
  std::string malformed;
};

struct CsvLimits {
  std::size_t max_field_bytes = 64 * 1024;  // longer fields are cut and the record flagged
  std::size_t max_fields = 512;
};

class CsvReader {
 public:
  using RecordFn = std::function<void(CsvRecord&)>;
  explicit CsvReader(CsvLimits limits = {}) : limits_(limits) {}

  // Parses `text` (a chunk of UTF-8; a chunk may end anywhere, even inside a quoted field) and
  // calls `fn` for each completed record. Blank records (no fields, or only empty fields) are
  // skipped but still counted in `row`.
  void Feed(std::string_view text, const RecordFn& fn);
  // Ends the input: emits the last record when the text did not end with a line break; an open
  // quoted field yields a record flagged "unterminated_quote".
  void Finish(const RecordFn& fn);

  std::int64_t lines() const { return line_; }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterCr };
  void EndField();
  void EndRecord(const RecordFn& fn);
  void Append(char c);

  CsvLimits limits_;
  State state_ = State::kFieldStart;
  CsvRecord cur_;
  std::string field_;
  bool record_started_ = false;
  std::int64_t line_ = 1;  // current physical line
  std::int64_t row_ = 0;
};

// RFC 4180 quoting of one field: quoted when it holds a comma, quote, CR or LF.
std::string CsvEscape(std::string_view v);
// One CSV line (CRLF-terminated) of escaped fields.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace incunet::domain::io
