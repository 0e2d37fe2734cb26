// A small forward-only JSON scanner for the hot path of result pages: skips
// values and unescapes strings straight into an output buffer, without
// building a DOM. Warehouses send pages of millions of short strings
// (BigQuery's {"f":[{"v":"..."}]}, Snowflake's [["..."]]); a DOM parse of
// those costs several times the download. Everything else in a response
// still goes through nlohmann::json.
#pragma once
#include "core/pure_zone.hpp"

#include <nlohmann/json_fwd.hpp>

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

  // Reads an object; member(key) is called with the cursor on each value
  // and must consume it. `key` is scratch space, reused.
  template <class F>
  void object(std::string &key, F &&member) {
    expect('{');
    if (consume('}')) return;
    do {
      key.clear();
      read_string(key);
      expect(':');
      member(key);
    } while (consume(','));
    expect('}');
  }

  // Reads an object of which only member `name` matters: value() consumes
  // it; other members are skipped. An object without it is malformed.
  template <class F>
  void only_member(const char *name, std::string &key, F &&value) {
    bool seen = false;
    object(key, [&](const std::string &k) {
      if (seen || k != name) {
        skip_value();
        return;
      }
      seen = true;
      value();
    });
    if (!seen) fail("an object without its expected member");
  }

  // Reads an array; element() is called for each element and consumes it.
  template <class F>
  void array(F &&element) {
    expect('[');
    if (consume(']')) return;
    do element();
    while (consume(','));
    expect(']');
  }

 private:
  void skip_string();
  const char *p_;
  const char *end_;
};

// A response object parsed with nlohmann::json, except member `raw_member`
// (the bulk rows), whose value is only located: [*begin, *end) of `text`
// (both 0 when absent). Throws wfdw::Error for malformed JSON.
nlohmann::json parse_object_except(const std::string &text, const char *raw_member, size_t *begin, size_t *end);

}  // namespace wfdw
