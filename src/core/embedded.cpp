#include "core/embedded.hpp"

#include <algorithm>

namespace incunet::core {

std::vector<const EmbeddedFile*> EmbeddedFilesUnder(std::string_view prefix) {
  std::vector<const EmbeddedFile*> out;
  for (const auto& f : EmbeddedFiles())
    if (std::string_view(f.path).starts_with(prefix)) out.push_back(&f);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->path < b->path; });
  return out;
}

}  // namespace incunet::core
