#include "domain/io/csv.hpp"

namespace incunet::domain::io {

void CsvReader::Append(char c) {
  if (field_.size() >= limits_.max_field_bytes) {
    if (cur_.malformed.empty()) cur_.malformed = "field_too_long";
    return;  // keep scanning for the field's end, but hold no more of it
  }
  field_.push_back(c);
}

void CsvReader::EndField() {
  if (cur_.fields.size() >= limits_.max_fields) {
    if (cur_.malformed.empty()) cur_.malformed = "too_many_fields";
  } else {
    cur_.fields.push_back(std::move(field_));
  }
  field_.clear();
}

void CsvReader::EndRecord(const RecordFn& fn) {
  EndField();
  ++row_;
  bool blank = cur_.malformed.empty();
  for (const auto& f : cur_.fields)
    if (!f.empty()) blank = false;
  if (!blank) {
    cur_.row = row_;
    fn(cur_);
  }
  cur_ = CsvRecord{};
  record_started_ = false;
  state_ = State::kFieldStart;
}

void CsvReader::Feed(std::string_view text, const RecordFn& fn) {
  for (char c : text) {
    if (!record_started_) {
      if (state_ == State::kAfterCr && c == '\n') {  // the LF of a CRLF that ended a record
        state_ = State::kFieldStart;
        ++line_;
        continue;
      }
      if (state_ == State::kAfterCr) ++line_;  // a lone CR was a line break of its own
      state_ = State::kFieldStart;
      record_started_ = true;
      cur_.line = line_;
    }
    switch (state_) {
      case State::kAfterCr:
      case State::kFieldStart:
        if (c == '"') {
          state_ = State::kQuoted;
        } else if (c == ',') {
          EndField();
        } else if (c == '\n' || c == '\r') {
          EndRecord(fn);
          if (c == '\r')
            state_ = State::kAfterCr;
          else
            ++line_;
        } else {
          Append(c);
          state_ = State::kUnquoted;
        }
        break;
      case State::kUnquoted:
        if (c == ',') {
          EndField();
          state_ = State::kFieldStart;
        } else if (c == '\n' || c == '\r') {
          EndRecord(fn);
          if (c == '\r')
            state_ = State::kAfterCr;
          else
            ++line_;
        } else {
          // A quote inside an unquoted field is kept as text (lenient, as spreadsheets are).
          Append(c);
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state_ = State::kQuoteInQuoted;
        } else {
          if (c == '\n') ++line_;
          Append(c);
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          Append('"');
          state_ = State::kQuoted;
        } else if (c == ',') {
          EndField();
          state_ = State::kFieldStart;
        } else if (c == '\n' || c == '\r') {
          EndRecord(fn);
          if (c == '\r')
            state_ = State::kAfterCr;
          else
            ++line_;
        } else {
          if (cur_.malformed.empty()) cur_.malformed = "text_after_quote";
          Append(c);
          state_ = State::kUnquoted;
        }
        break;
    }
  }
}

void CsvReader::Finish(const RecordFn& fn) {
  if (!record_started_) return;
  if (state_ == State::kQuoted && cur_.malformed.empty()) cur_.malformed = "unterminated_quote";
  EndRecord(fn);
}

std::string CsvEscape(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvEscape(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace incunet::domain::io
