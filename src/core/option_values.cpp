#define WFDW_PURE_TU 1
#include "core/option_values.hpp"

#include <cerrno>
#include <cstdio>
#include <cmath>
#include <cstdlib>

#include "core/errors.hpp"

namespace wfdw {
namespace {

std::string trim_lower(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\n\r");
  size_t e = s.find_last_not_of(" \t\n\r");
  std::string out = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void invalid(const std::string &name, const std::string &value, const std::string &expected) {
  throw Error(sqlstate::kInvalidAttributeValue, "invalid value for option \"" + name + "\": \"" + value + "\"", {},
              "The value must be " + expected + ".");
}

}  // namespace

bool parse_bool_option(const std::string &name, const std::string &value) {
  const std::string v = trim_lower(value);
  if (v == "true" || v == "on" || v == "yes" || v == "1" || v == "t" || v == "y") return true;
  if (v == "false" || v == "off" || v == "no" || v == "0" || v == "f" || v == "n") return false;
  invalid(name, value, "a boolean (true/false, on/off, yes/no)");
}

int64_t parse_int_option(const std::string &name, const std::string &value, int64_t min, int64_t max) {
  const std::string v = trim_lower(value);
  const std::string range = "a whole number between " + std::to_string(min) + " and " + std::to_string(max);
  if (v.empty()) invalid(name, value, range);
  errno = 0;
  char *end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || n < min || n > max) invalid(name, value, range);
  return n;
}

double parse_real_option(const std::string &name, const std::string &value, double min) {
  const std::string v = trim_lower(value);
  char minbuf[32];
  std::snprintf(minbuf, sizeof(minbuf), "%g", min);
  const std::string expected = std::string("a number not less than ") + minbuf;
  if (v.empty()) invalid(name, value, expected);
  errno = 0;
  char *end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(d) || d < min) invalid(name, value, expected);
  return d;
}

int64_t parse_duration_ms(const std::string &name, const std::string &value) {
  const std::string v = trim_lower(value);
  const char *expected = "a duration such as 30, 30s, 250ms, 5min, 1h or 1d (default unit: seconds)";
  if (v.empty()) invalid(name, value, expected);
  errno = 0;
  char *end = nullptr;
  double n = std::strtod(v.c_str(), &end);
  if (errno != 0 || end == v.c_str() || !std::isfinite(n) || n < 0) invalid(name, value, expected);
  std::string unit(end);
  unit = trim_lower(unit);
  double factor;
  if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds")
    factor = 1000;
  else if (unit == "ms" || unit == "millisecond" || unit == "milliseconds")
    factor = 1;
  else if (unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes")
    factor = 60000;
  else if (unit == "h" || unit == "hour" || unit == "hours")
    factor = 3600000;
  else if (unit == "d" || unit == "day" || unit == "days")
    factor = 86400000;
  else
    invalid(name, value, expected);
  double ms = n * factor;
  if (ms > 9.0e15) invalid(name, value, expected);
  return static_cast<int64_t>(std::llround(ms));
}

}  // namespace wfdw
