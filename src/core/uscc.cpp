#include "core/uscc.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace incunet::core {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

// Index of `c` in the charset, or -1.
int ValueOf(char c) {
  auto pos = kCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Code points in `s` (bytes that do not continue a UTF-8 sequence), so a message about a pasted
// Chinese string counts characters, not bytes.
std::size_t CountCharacters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

char CheckDigitUnchecked(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += ValueOf(first17[i]) * kWeights[i];
  int check = 31 - sum % 31;
  return kCharset[check == 31 ? 0 : check];
}

Error UsccError(std::string reason, std::string zh, std::string en) {
  return InvalidField("invalid_uscc", "uscc", std::move(zh), std::move(en))
      .With("reason", std::move(reason));
}

}  // namespace

Status ValidateUscc(std::string_view uscc) {
  // Counted in characters, so 18 bytes of pasted Chinese text are reported as 6 characters; past
  // this check every character is one byte.
  auto n = CountCharacters(uscc);
  if (uscc.size() != kUsccLength || n != kUsccLength) {
    return Fail(
        UsccError("length", fmt::format("统一社会信用代码应为18位，实际为{}位", n),
                  fmt::format("a unified social credit code has 18 characters, not {}", n)));
  }
  for (std::size_t i = 0; i < uscc.size(); ++i) {
    char c = uscc[i];
    if (ValueOf(c) >= 0) continue;
    // Control characters are shown as hex.
    std::string shown = static_cast<unsigned char>(c) < 0x80 && c >= 0x20
                            ? std::string(1, c)
                            : fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
    return Fail(UsccError(
        "charset",
        fmt::format("统一社会信用代码第{}位“{}”不合法：只能是数字或除 I、O、S、V、Z 以外的大写字母",
                    i + 1, shown),
        fmt::format("character {} ('{}') of the unified social credit code is not allowed: use "
                    "digits and upper-case letters except I, O, S, V, Z",
                    i + 1, shown)));
  }
  char expected = CheckDigitUnchecked(uscc.substr(0, 17));
  if (uscc[17] != expected) {
    return Fail(UsccError(
        "check_digit",
        fmt::format("统一社会信用代码校验位错误：第18位应为“{}”，实际为“{}”", expected, uscc[17]),
        fmt::format("wrong check digit in the unified social credit code: expected '{}', got '{}'",
                    expected, uscc[17])));
  }
  return {};
}

char UsccCheckDigit(std::string_view first17) {
  if (first17.size() != kUsccLength - 1)
    throw std::invalid_argument(
        fmt::format("USCC body must be 17 characters, got {}", first17.size()));
  for (char c : first17) {
    if (ValueOf(c) < 0) throw std::invalid_argument("USCC body has a character outside its set");
  }
  return CheckDigitUnchecked(first17);
}

std::string MakeUscc(std::string_view first17) {
  std::string out(first17);
  out.push_back(UsccCheckDigit(first17));
  return out;
}

std::string NormalizeUscc(std::string_view input) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!input.empty() && is_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_space(input.back())) input.remove_suffix(1);
  std::string out(input);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view UsccRegionCode(std::string_view uscc) {
  if (uscc.size() < 8) return {};
  auto region = uscc.substr(2, 6);
  for (char c : region) {
    if (c < '0' || c > '9') return {};
  }
  return region;
}

}  // namespace incunet::core
