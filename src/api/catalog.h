#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

// Server-side text catalogues (the help centre's pages) and the other files embedded into the
// binary at build time by cmake/embed_catalogues.cmake: src/api/i18n/*.json and
// src/api/assets/*.
namespace sahayak::api {

struct EmbeddedFile {
  const char* name;     // "i18n/help.en.json", "assets/help.css"
  const char* content;
  const char* sha256;   // hex digest of content, for cache-busting URLs and ETags
};

// Every embedded file, sorted by name. Defined by the generated source.
const std::vector<EmbeddedFile>& EmbeddedFiles();
// The embedded file of that name, or nullptr.
const EmbeddedFile* FindEmbeddedFile(std::string_view name);

// The {name} placeholders of a text, in order of appearance (duplicates kept).
std::vector<std::string> Placeholders(std::string_view text);

// Parses a catalogue: one JSON object of key → string. InvalidArgument otherwise.
Result<std::map<std::string, std::string>> ParseCatalogue(std::string_view json_text);

// The texts of one family of catalogues ("help": i18n/help.<lang>.json) in every language.
// Immutable after construction; thread-safe.
class Catalog {
 public:
  // The help centre's catalogue, parsed once from the embedded files. A catalogue that does
  // not parse is a build defect: it is logged and its texts fall back to English.
  static const Catalog& Help();

  // The family's catalogues (i18n/<family>.<lang>.json) in every KB language, parsed from
  // the embedded files. A catalogue that is missing or does not parse is a build defect: it
  // is logged and its texts fall back to English.
  static Catalog LoadEmbedded(std::string_view family);

  explicit Catalog(std::map<std::string, std::map<std::string, std::string>> by_lang)
      : by_lang_(std::move(by_lang)) {}

  // The text of `key` in `lang`, else in English, else the key itself (so a missing text is
  // visible, never empty).
  std::string Text(std::string_view lang, std::string_view key) const;

  // Text() with each {name} replaced by its value (plain text; the caller escapes the
  // result for HTML). Unknown placeholders stay as they are.
  std::string Format(std::string_view lang, std::string_view key,
                     const std::vector<std::pair<std::string_view, std::string>>& args) const;

  // language → key → text, for tests.
  const std::map<std::string, std::map<std::string, std::string>>& languages() const {
    return by_lang_;
  }

 private:
  std::map<std::string, std::map<std::string, std::string>> by_lang_;
};

}  // namespace sahayak::api
