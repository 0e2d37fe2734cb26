// Parsing of option values. Pure functions, so they are unit-tested directly;
// each throws wfdw::Error (SQLSTATE HV024) naming the option and the value.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

namespace wfdw {

// true/false/on/off/yes/no/1/0, case-insensitive, as PostgreSQL's parse_bool.
bool parse_bool_option(const std::string &name, const std::string &value);

// A whole number in [min, max].
int64_t parse_int_option(const std::string &name, const std::string &value, int64_t min, int64_t max);

// A finite real number >= min.
double parse_real_option(const std::string &name, const std::string &value, double min);

// A duration: a number with an optional unit (ms, s, min, h, d; default unit
// seconds), e.g. "30", "30s", "1.5 min", "250ms". Returns milliseconds.
int64_t parse_duration_ms(const std::string &name, const std::string &value);

}  // namespace wfdw
