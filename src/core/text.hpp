#pragma once
// Chinese text helpers on ICU 72: collation keys for sorting by pinyin in any database, NFKC
// folding of full-width input, UTF-8 validation, GB18030 decoding and transliteration to pinyin.
// All functions are safe to call from any thread (each thread keeps its own ICU objects). ICU
// failing to build a collator or transliterator is an installation fault and throws
// std::runtime_error.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::core {

// A printable key (lower-case hex of the ICU "zh" collation key, numeric ordering on) such that
// comparing keys byte by byte (SQLite's default, PostgreSQL COLLATE "C", std::string::operator<)
// orders the texts by pinyin: 安徽 < 北京 < 重庆 < 广东 < 浙江, and 2号楼 < 10号楼. Equal texts
// give equal keys. Keys depend on the collator version (CollationVersion): store that beside the
// keys and rewrite them when it changes. Invalid UTF-8 sorts as if each bad byte were U+FFFD.
std::string SortKey(std::string_view utf8);

// The version of the collation rules behind SortKey, e.g. "153.112.32.56".
std::string CollationVersion();

// Unicode NFKC of `utf8` with leading and trailing white space removed: full-width letters,
// digits and punctuation become ASCII (ＡＢＣ１２３（北京） → ABC123(北京)) and the ideographic
// space U+3000 counts as space. Interior spaces are kept. Invalid UTF-8 bytes become U+FFFD.
std::string FoldNfkc(std::string_view utf8);

// True when `bytes` is well-formed UTF-8: shortest forms only, no surrogates, nothing above
// U+10FFFF.
bool IsValidUtf8(std::string_view bytes);

// Decodes GB18030 (which includes GBK and GB2312) to UTF-8, dropping a leading byte-order mark.
// Fails with Error{kMalformed, "invalid_encoding"} and details {"offset": byte offset} at the
// first byte sequence that is not GB18030, instead of substituting characters.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);

// Lower-case ASCII pinyin of `utf8` for search (ICU "Han-Latin; Latin-ASCII"), syllables separated
// by single spaces, no tones: 重庆孵化器 → "chong qing fu hua qi", "AI 实验室" → "ai shi yan shi".
// ICU reads each character on its own, so place-name readings can be wrong (长沙 → "zhang sha");
// this is a search key built the same way for the text and the query, not a romanisation to show.
std::string Pinyin(std::string_view utf8);

}  // namespace incunet::core
