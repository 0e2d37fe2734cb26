// See remote_cost.hpp.
#include <map>
#include <string>

#include "pg/remote_cost.hpp"
#include "utils/timestamp.h"

namespace wfdw {
namespace {

struct CachedNumber {
  double value;
  TimestampTz at;
};

constexpr int64 kCacheMicros = 60 * USECS_PER_SEC;

std::map<std::string, CachedNumber> &number_cache() {
  static std::map<std::string, CachedNumber> cache;
  return cache;
}

}  // namespace

bool estimate_cache_get(const std::string &key, double *value) {
  auto it = number_cache().find(key);
  if (it == number_cache().end() || GetCurrentTimestamp() - it->second.at > kCacheMicros) return false;
  *value = it->second.value;
  return true;
}

void estimate_cache_put(const std::string &key, double value) {
  if (number_cache().size() > 1000) number_cache().clear();
  number_cache()[key] = CachedNumber{value, GetCurrentTimestamp()};
}

char *format_bytes(double bytes) {
  static const char *const units[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    u++;
  }
  return u == 0 ? psprintf("%.0f bytes", bytes) : psprintf("%.2f %s", bytes, units[u]);
}

char *format_usd(double usd) {
  // Cents with four decimals; fractions of a cent (a dry run of a small
  // table) with eight, so they never print as $0.0000.
  return psprintf(usd >= 0.01 || usd == 0 ? "$%.4f" : "$%.8f", usd);
}

}  // namespace wfdw
