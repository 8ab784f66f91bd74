#include "export/table.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace incunet::exporter {

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ToCsv(const Table& t, bool with_bom) {
  std::string out = with_bom ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += CsvField(cells[i]);
    }
    out += "\r\n";
  };
  line(t.headers);
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string ToXlsx(const Table& t) {
  // libxlsxwriter writes to a file; use a private temp file and read it back.
  char path[] = "/tmp/incunet-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_worksheet* ws =
      workbook_add_worksheet(wb, t.sheet_name.empty() ? nullptr : t.sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t c = 0; c < t.headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), bold);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const std::string& v = t.rows[r][c];
      bool num = c < t.numeric.size() && t.numeric[c] && !v.empty();
      if (num)
        worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               std::strtod(v.c_str(), nullptr), nullptr);
      else
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               v.c_str(), nullptr);
    }
  lxw_error err = workbook_close(wb);
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::remove(path);
  if (err != LXW_NO_ERROR) throw std::runtime_error(lxw_strerror(err));
  return ss.str();
}

}  // namespace incunet::exporter
