#include "api/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace sahayak::api {
namespace {

TEST(JsonWriter, WritesNestedValuesWithCommasInPlace) {
  JsonWriter w;
  w.BeginObject().Key("id").Int(-42).Key("ok").Bool(true).Key("none").Null();
  w.Key("tags").BeginArray().String("a").String("b").EndArray();
  w.Key("empty").BeginArray().EndArray().Key("raw").Raw(R"({"x":1})").EndObject();
  EXPECT_EQ(w.str(),
            R"({"id":-42,"ok":true,"none":null,"tags":["a","b"],"empty":[],"raw":{"x":1}})");
}

TEST(JsonWriter, EscapesLikeTheStandardAndKeepsIndianScripts) {
  const std::string tricky = "quote\" back\\ nl\n tab\t bell\x07 मेरा पार्सल ಪಾರ್ಸೆಲ್ </script>";
  JsonWriter w;
  w.BeginObject().Key("s").String(tricky).EndObject();
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["s"], tricky) << "round-trips through a standard parser";
  EXPECT_NE(w.str().find("मेरा"), std::string::npos) << "UTF-8 is written as it is";
  EXPECT_NE(w.str().find("\\u0007"), std::string::npos);
}

}  // namespace
}  // namespace sahayak::api
