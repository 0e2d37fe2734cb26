// Calendar arithmetic for the epoch-based values warehouses send (BigQuery
// TIMESTAMP micros, Snowflake DATE days and TIMESTAMP seconds.nanos), and
// PostgreSQL input text for them, written by hand: these run once per cell.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

namespace wfdw {

// Days since 1970-01-01 -> proleptic Gregorian civil date (Howard Hinnant).
void civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

// "YYYY-MM-DD" (with " BC" for years <= 0, as PostgreSQL reads them).
void append_pg_date(int64_t days, std::string &out);

// "YYYY-MM-DD HH:MM:SS.ffffff" for micros since the epoch, or with nine
// fraction digits for nanos (PostgreSQL rounds to micros); `utc_suffix`
// appends "+00" (timestamptz). Years <= 0 get " BC" after the time.
void append_pg_timestamp_micros(int64_t micros, bool utc_suffix, std::string &out);
void append_pg_timestamp_nanos(int64_t seconds, int32_t nanos, bool utc_suffix, std::string &out);

}  // namespace wfdw
