// A small forward-only JSON scanner for the hot path of result pages: skips
// values and unescapes strings straight into an output buffer, without
// building a DOM. Warehouses send pages of millions of short strings
// (BigQuery's {"f":[{"v":"..."}]}, Snowflake's [["..."]]); a DOM parse of
// those costs several times the download. Everything else in a response
// still goes through nlohmann::json.
#pragma once
#include "core/pure_zone.hpp"

#include <cstddef>
#include <string>

namespace wfdw {

class JsonScanner {
 public:
  JsonScanner(const char *begin, const char *end) : p_(begin), end_(end) {}

  const char *pos() const { return p_; }
  // Skips whitespace and returns the next character ('\0' at the end).
  char peek();
  // Consumes `c` (after whitespace) or throws.
  void expect(char c);
  // Consumes `c` if it comes next.
  bool consume(char c);
  // Consumes the literal null.
  bool consume_null();
  // Unescapes the string at the cursor onto `out`. A \u0000 is refused:
  // PostgreSQL text cannot hold it.
  void read_string(std::string &out);
  // Skips one value of any kind; returns where it started.
  const char *skip_value();

  [[noreturn]] void fail(const char *what) const;

 private:
  void skip_string();
  const char *p_;
  const char *end_;
};

}  // namespace wfdw
