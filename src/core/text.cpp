#include "core/text.hpp"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace incunet::core {
namespace {

void ThrowIfFailed(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(fmt::format("ICU: {} failed: {}", what, u_errorName(status)));
}

// Building a collator or transliterator parses rule data (milliseconds); cloning is cheap. So one
// prototype per process, built on first use, and one clone per thread: ICU objects are not safe
// to share between threads while in use.
const icu::Collator& CollatorPrototype() {
  static const std::unique_ptr<icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("zh"), status));
    ThrowIfFailed(status, "creating the zh collator");
    c->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
    c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    ThrowIfFailed(status, "configuring the zh collator");
    return c;
  }();
  return *prototype;
}

icu::Collator& ThreadCollator() {
  thread_local const std::unique_ptr<icu::Collator> collator(CollatorPrototype().clone());
  if (!collator) throw std::runtime_error("ICU: cloning the zh collator failed");
  return *collator;
}

const icu::Transliterator& PinyinPrototype() {
  static const std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
    ThrowIfFailed(status, "creating the Han-Latin transliterator");
    return t;
  }();
  return *prototype;
}

icu::Transliterator& ThreadPinyin() {
  thread_local const std::unique_ptr<icu::Transliterator> t(PinyinPrototype().clone());
  if (!t) throw std::runtime_error("ICU: cloning the Han-Latin transliterator failed");
  return *t;
}

// The NFKC normaliser is an immutable singleton owned by ICU and documented as thread-safe.
const icu::Normalizer2& Nfkc() {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    ThrowIfFailed(status, "loading NFKC data");
    return n;
  }();
  return *nfkc;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString NfkcOf(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = Nfkc().normalize(FromUtf8(utf8), status);
  ThrowIfFailed(status, "NFKC normalisation");
  return out;
}

bool IsSpaceLike(UChar32 c) { return u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B; }

bool IsHan(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

icu::UnicodeString Trimmed(const icu::UnicodeString& s) {
  int32_t begin = 0;
  int32_t end = s.length();
  while (begin < end && IsSpaceLike(s.char32At(begin))) begin = s.moveIndex32(begin, 1);
  while (end > begin) {
    int32_t prev = s.moveIndex32(end, -1);
    if (!IsSpaceLike(s.char32At(prev))) break;
    end = prev;
  }
  return icu::UnicodeString(s, begin, end - begin);
}

}  // namespace

std::string SortKey(std::string_view utf8) {
  icu::UnicodeString text = FromUtf8(utf8);
  icu::Collator& collator = ThreadCollator();
  std::vector<uint8_t> key(64 + 8 * static_cast<std::size_t>(text.length()));
  int32_t n = collator.getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(n));
    n = collator.getSortKey(text, key.data(), n);
  }
  if (n > 0 && key[static_cast<std::size_t>(n) - 1] == 0) --n;  // drop the terminating NUL
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * static_cast<std::size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    out.push_back(kHex[key[i] >> 4]);
    out.push_back(kHex[key[i] & 0x0F]);
  }
  return out;
}

std::string CollationVersion() {
  UVersionInfo info;
  CollatorPrototype().getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

std::string FoldNfkc(std::string_view utf8) { return ToUtf8(Trimmed(NfkcOf(utf8))); }

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    char32_t cp;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;  // a continuation byte where a sequence should start, or 0xF8..0xFF
    }
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += extra + 1;
  }
  return true;
}

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  // A converter keeps state between calls, so each call opens its own; ICU caches the tables.
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open("GB18030", &status),
                                                          &ucnv_close);
  ThrowIfFailed(status, "opening the GB18030 converter");
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ThrowIfFailed(status, "configuring the GB18030 converter");

  // GB18030 never needs more UTF-16 units than bytes (a 4-byte sequence is at most a pair).
  std::vector<UChar> units(bytes.size() + 1);
  UChar* target = units.data();
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &source, source_end, nullptr,
                 /*flush=*/true, &status);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t invalid_len = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), invalid, &invalid_len, &ignored);
    auto offset = (source - bytes.data()) - (U_SUCCESS(ignored) ? invalid_len : 0);
    Error e{ErrorCode::kMalformed,
            "invalid_encoding",
            fmt::format("第{}字节起不是有效的 GB18030 编码", offset),
            fmt::format("not valid GB18030 at byte offset {}", offset),
            {}};
    return Fail(std::move(e.With("offset", std::to_string(offset))));
  }
  icu::UnicodeString text(units.data(), static_cast<int32_t>(target - units.data()));
  if (text.length() > 0 && text.charAt(0) == 0xFEFF) text.remove(0, 1);
  return ToUtf8(text);
}

std::string Pinyin(std::string_view utf8) {
  icu::UnicodeString text = NfkcOf(utf8);
  // Han-Latin separates Han syllables but may glue a syllable to adjacent Latin letters or digits
  // (ＡＩ实验室 → "aishi"), so a space goes between Han and letters or digits first.
  icu::UnicodeString spaced;
  bool prev_han = false;
  bool prev_alnum = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    bool han = IsHan(c);
    bool alnum = !han && u_isalnum(c);
    if ((han && prev_alnum) || (alnum && prev_han)) spaced.append(u' ');
    spaced.append(c);
    prev_han = han;
    prev_alnum = alnum;
  }
  ThreadPinyin().transliterate(spaced);
  // One space between words, none at the ends.
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < spaced.length(); i = spaced.moveIndex32(i, 1)) {
    UChar32 c = spaced.char32At(i);
    if (IsSpaceLike(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(u' ');
    pending_space = false;
    out.append(c);
  }
  return ToUtf8(out);
}

}  // namespace incunet::core
