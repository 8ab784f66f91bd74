#include "core/limits.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "core/text.hpp"

namespace incunet::core::limits {
namespace {

Error OutOfRange(std::string_view field_view, const std::string& value, const std::string& minimum,
                 const std::string& maximum) {
  const std::string field(field_view);
  Error e = InvalidField(
      "out_of_range", field,
      std::string(field) + " 的值 " + value + " 超出允许范围 [" + minimum + ", " + maximum + "]",
      std::string(field) + " value " + value + " is outside [" + minimum + ", " + maximum + "]");
  e.details["value"] = value;
  e.details["minimum"] = minimum;
  e.details["maximum"] = maximum;
  return e;
}

}  // namespace

std::size_t CodePoints(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Status CheckText(std::string_view text, std::string_view field_view, std::size_t max_chars,
                 bool multiline) {
  const std::string field(field_view);
  if (!IsValidUtf8(text)) {
    Error e = InvalidField("invalid_utf8", field, std::string(field) + " 不是有效的 UTF-8 文本",
                           std::string(field) + " is not valid UTF-8");
    e.code = ErrorCode::kMalformed;
    return Fail(std::move(e));
  }
  std::size_t n = CodePoints(text);
  if (n > max_chars) {
    Error e = InvalidField(
        "text_too_long", field, fmt::format("{} 最多 {} 个字符，收到 {} 个", field, max_chars, n),
        fmt::format("{} takes at most {} characters, got {}", field, max_chars, n));
    e.details["max_length"] = std::to_string(max_chars);
    e.details["length"] = std::to_string(n);
    return Fail(std::move(e));
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool control = c < 0x20 || c == 0x7F;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (multiline && (c == '\t' || c == '\n' || c == '\r')) control = false;
    if (control || c1) {
      Error e = InvalidField("control_character", field, std::string(field) + " 含有控制字符",
                             std::string(field) + " contains a control character");
      e.details["offset"] = std::to_string(i);
      return Fail(std::move(e));
    }
  }
  return {};
}

Status CheckRange(double value, std::string_view field, double minimum, double maximum) {
  if (std::isfinite(value) && value >= minimum && value <= maximum) return {};
  return Fail(OutOfRange(field, fmt::format("{}", value), fmt::format("{}", minimum),
                         fmt::format("{}", maximum)));
}

Status CheckRange(std::int64_t value, std::string_view field, std::int64_t minimum,
                  std::int64_t maximum) {
  if (value >= minimum && value <= maximum) return {};
  return Fail(
      OutOfRange(field, std::to_string(value), std::to_string(minimum), std::to_string(maximum)));
}

}  // namespace incunet::core::limits
