#include "api/catalog.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "domain/kb.h"

namespace sahayak::api {

const EmbeddedFile* FindEmbeddedFile(std::string_view name) {
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::vector<std::string> Placeholders(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string_view::npos) {
    size_t end = text.find('}', pos + 1);
    if (end == std::string_view::npos) break;
    std::string_view name = text.substr(pos + 1, end - pos - 1);
    bool ident = !name.empty();
    for (char c : name) {
      ident &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (ident) {
      out.emplace_back(name);
      pos = end + 1;
    } else {
      pos = pos + 1;
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseCatalogue(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return InvalidArgument("a catalogue must be one JSON object");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string()) return InvalidArgument("catalogue key " + key + " is not a string");
    out.emplace(key, value.get<std::string>());
  }
  return out;
}

Catalog Catalog::LoadEmbedded(std::string_view family) {
  std::map<std::string, std::map<std::string, std::string>> by_lang;
  for (const std::string& lang : domain::KbLanguages()) {
    std::string name = "i18n/" + std::string(family) + "." + lang + ".json";
    const EmbeddedFile* f = FindEmbeddedFile(name);
    if (f == nullptr) {
      spdlog::error("the catalogue {} is not embedded", name);
      continue;
    }
    auto parsed = ParseCatalogue(f->content);
    if (!parsed.ok()) {
      spdlog::error("{}: {}", name, parsed.status().message());
      continue;
    }
    by_lang.emplace(lang, std::move(parsed).value());
  }
  return Catalog(std::move(by_lang));
}

const Catalog& Catalog::Help() {
  static const Catalog* catalog = new Catalog(LoadEmbedded("help"));
  return *catalog;
}

std::string Catalog::Text(std::string_view lang, std::string_view key) const {
  for (std::string_view l : {lang, std::string_view("en")}) {
    auto it = by_lang_.find(std::string(l));
    if (it == by_lang_.end()) continue;
    auto t = it->second.find(std::string(key));
    if (t != it->second.end()) return t->second;
  }
  return std::string(key);
}

std::string Catalog::Format(
    std::string_view lang, std::string_view key,
    const std::vector<std::pair<std::string_view, std::string>>& args) const {
  const std::string text_storage = Text(lang, key);
  std::string_view text = text_storage;
  std::string out;
  out.reserve(text.size() + 32);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& [n, v] : args) {
      if (n == name) value = &v;
    }
    out.append(text.substr(pos, open - pos));
    if (value != nullptr) {
      out += *value;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace sahayak::api
