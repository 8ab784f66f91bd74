#pragma once
// Tabular export of any list: CSV (UTF-8 with BOM so Excel opens Chinese text correctly) and
// Excel .xlsx (libxlsxwriter). Rows are strings; numeric columns are marked so Excel gets numbers.
#include <string>
#include <vector>

namespace incunet::exporter {

struct Table {
  std::string sheet_name;            // e.g. "孵化载体"
  std::vector<std::string> headers;  // Chinese headers
  std::vector<bool> numeric;         // per column; empty = all text
  std::vector<std::vector<std::string>> rows;
};

// RFC 4180 quoting; fields with comma, quote, CR or LF are quoted.
std::string CsvField(const std::string& v);
std::string ToCsv(const Table& t, bool with_bom = true);
// Returns the bytes of an .xlsx workbook with one sheet. Throws on I/O failure of the temp file.
std::string ToXlsx(const Table& t);

}  // namespace incunet::exporter
