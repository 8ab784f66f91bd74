#pragma once
// Files compiled into the binary (migrations, rule sets, region data), keyed by their path in
// the source tree, e.g. "src/storage/migrations/sqlite/0001_registry.sql".
#include <string>
#include <string_view>
#include <vector>

namespace incunet::core {

struct EmbeddedFile {
  std::string path;
  std::string content;
};

const std::vector<EmbeddedFile>& EmbeddedFiles();

// Files whose path starts with `prefix`, sorted by path.
std::vector<const EmbeddedFile*> EmbeddedFilesUnder(std::string_view prefix);

}  // namespace incunet::core
