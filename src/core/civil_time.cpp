#define WFDW_PURE_TU 1
#include "core/civil_time.hpp"

namespace wfdw {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

void put_digits(char *at, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; i--, v /= 10) at[i] = static_cast<char>('0' + v % 10);
}

// Date part of a day number; returns whether the year is BC.
bool append_date_part(int64_t days, std::string &out) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  bool bc = y <= 0;
  uint64_t year = bc ? static_cast<uint64_t>(1 - y) : static_cast<uint64_t>(y);
  char buf[32];
  int w = year > 9999 ? (year > 99999 ? 6 : 5) : 4;
  put_digits(buf, year, w);
  buf[w] = '-';
  put_digits(buf + w + 1, m, 2);
  buf[w + 3] = '-';
  put_digits(buf + w + 4, d, 2);
  out.append(buf, static_cast<size_t>(w + 6));
  return bc;
}

void append_time_part(int64_t secs_of_day, uint64_t frac, int frac_digits, std::string &out) {
  char buf[] = " 00:00:00.000000000";
  put_digits(buf + 1, static_cast<uint64_t>(secs_of_day / 3600), 2);
  put_digits(buf + 4, static_cast<uint64_t>(secs_of_day / 60 % 60), 2);
  put_digits(buf + 7, static_cast<uint64_t>(secs_of_day % 60), 2);
  put_digits(buf + 10, frac, frac_digits);
  out.append(buf, static_cast<size_t>(10 + frac_digits));
}

}  // namespace

void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

void append_pg_date(int64_t days, std::string &out) {
  if (append_date_part(days, out)) out += " BC";
}

void append_pg_timestamp_micros(int64_t micros, bool utc_suffix, std::string &out) {
  int64_t days = micros / (kSecondsPerDay * 1000000);
  int64_t rem = micros % (kSecondsPerDay * 1000000);
  if (rem < 0) {
    rem += kSecondsPerDay * 1000000;
    days--;
  }
  bool bc = append_date_part(days, out);
  append_time_part(rem / 1000000, static_cast<uint64_t>(rem % 1000000), 6, out);
  if (utc_suffix) out += "+00";
  if (bc) out += " BC";
}

void append_pg_timestamp_nanos(int64_t seconds, int32_t nanos, bool utc_suffix, std::string &out) {
  // Normalise to 0 <= nanos < 1e9, then split seconds into days.
  while (nanos < 0) {
    nanos += 1000000000;
    seconds--;
  }
  int64_t days = seconds / kSecondsPerDay;
  int64_t rem = seconds % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    days--;
  }
  bool bc = append_date_part(days, out);
  append_time_part(rem, static_cast<uint64_t>(nanos), 9, out);
  if (utc_suffix) out += "+00";
  if (bc) out += " BC";
}

}  // namespace wfdw
