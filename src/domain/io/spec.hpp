#pragma once
// Bulk import/export column specs. Each importable entity has one EntitySpec: its CSV columns in
// template order, each with a Chinese header, English aliases, a type, whether it is required
// and an optional extra validator. The same spec drives header matching, value normalisation,
// the downloadable template and the export, so an export re-imports unchanged. Pure: no I/O.
//
// Adding an entity (e.g. annual returns): add a spec in spec.cpp's table, the conversions in
// records.hpp, and an app::io::EntityImporter (app/io/entities.cpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/limits.hpp"
#include "domain/io/csv.hpp"

namespace incunet::domain::io {

enum class ColumnType {
  kText,     // free text, trimmed, kept as typed (no NFKC: names keep their full-width brackets)
  kCode,     // an identifier: NFKC-folded (full-width letters and digits become ASCII)
  kUscc,     // unified social credit code: folded, upper-cased, check digit verified
  kRegion,   // a six-digit division code or an ISO 3166-1 alpha-2 country code
  kDate,     // YYYY-MM-DD; also accepts 2024/3/5, 2024.3.5, 20240305 and 2024年3月5日
  kInt,      // a whole number
  kDecimal,  // a finite non-negative decimal number
  kBool,     // 是/否, true/false, yes/no, y/n, 1/0
  kEnum,     // one of `values`, by its English value or its Chinese label
  kList,     // items separated by ; ； 、 or |
};

struct EnumValue {
  std::string value;     // stored and API value, e.g. "incubator"
  std::string label_zh;  // shown in exports and accepted on import, e.g. "孵化器"
};

// One problem with one value: what a validator returns.
struct Problem {
  std::string code;
  std::string message_zh;
  std::string message_en;
};

// One reported problem of an import: where (row, line, column), what (value) and why.
struct RowError {
  std::int64_t row = 0;   // record number as a spreadsheet shows it (header = 1); 0 = whole file
  std::int64_t line = 0;  // physical line where the record starts
  std::string column;     // the column's Chinese header; "" when the row or file is at fault
  std::string value;      // the offending value as found (cut to 200 bytes)
  std::string code;       // machine reason, e.g. "invalid_uscc", "duplicate_key"
  std::string message_zh;
  std::string message_en;
};

struct ColumnSpec {
  std::string key;        // English field name, also the first accepted alias
  std::string header_zh;  // template and export header
  std::vector<std::string> aliases;
  ColumnType type = ColumnType::kText;
  bool required = false;
  std::vector<EnumValue> values;                     // kEnum
  std::size_t max_chars = core::limits::kNameChars;  // code points, bounds of core/limits.hpp
  bool negative_ok = false;                          // kDecimal: a signed amount (a net loss)
  // Extra check of the normalised value (called only for non-empty values).
  std::function<std::optional<Problem>(const std::string&)> validator;
};

struct EntitySpec {
  std::string entity;   // "carriers": the CLI/API name
  std::string name_zh;  // "孵化载体": sheet name
  std::vector<ColumnSpec> columns;
  std::unordered_map<std::string, int> index;  // key → column position

  // Position of `key`; throws std::out_of_range for an unknown key (a programmer fault).
  int At(std::string_view key) const;
  const ColumnSpec& Column(std::string_view key) const { return columns[At(key)]; }
};

// All importable entities in dependency order (carriers before what refers to them).
const std::vector<EntitySpec>& EntitySpecs();
const EntitySpec* FindEntitySpec(std::string_view entity);

// Which file field feeds which spec column.
struct HeaderMap {
  std::vector<int> field_column;  // per file field: spec column or -1
  std::vector<int> column_field;  // per spec column: file field or -1
};

// Matches a header record against the spec: each header is compared after NFKC folding, trimming,
// lower-casing ASCII and dropping a trailing "*" or "（必填）". Reports every unknown, duplicate
// and missing required column (row 1); empty result means the header is usable.
std::vector<RowError> ResolveHeader(const EntitySpec& spec, const CsvRecord& header,
                                    HeaderMap* out);

// Normalised values of one record, one per spec column ("" when empty or absent).
using Values = std::vector<std::string>;

// Type-checks and normalises every field of `rec` into `out`, appending one error per bad field
// (all of them, not just the first) and one for a malformed record or a wrong field count.
// Returns true when the row has no error.
bool NormalizeRow(const EntitySpec& spec, const HeaderMap& map, const CsvRecord& rec, Values* out,
                  std::vector<RowError>* errors);

// The value as an export writes it: enums by Chinese label, everything else as stored.
std::string ExportValue(const ColumnSpec& col, const std::string& value);
// The Chinese header row of the template and the export.
std::vector<std::string> HeaderRow(const EntitySpec& spec);
// A RowError for `rec` and column `key` (empty key: the whole row).
RowError MakeRowError(const EntitySpec& spec, const CsvRecord& rec, std::string_view key,
                      std::string value, std::string code, std::string zh, std::string en);

// Splits a kList value into its items (trimmed, empty items dropped).
std::vector<std::string> SplitList(std::string_view v);
std::string JoinList(const std::vector<std::string>& items);  // "a;b"
// Shortest decimal text that reads back as the same double ("1200", "12.5").
std::string FormatDecimal(double v);
// Whitespace trim including U+3000 (ideographic space) and U+00A0.
std::string TrimSpace(std::string_view s);

}  // namespace incunet::domain::io
