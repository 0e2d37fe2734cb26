// A SqlSink that collects into a std::string, for the dialect tests.
#pragma once
#include <string>

#include "core/dialect.hpp"

class StringSink final : public wfdw::SqlSink {
 public:
  void append(const char *text, size_t len) override { out.append(text, len); }
  using SqlSink::append;
  std::string out;
};
