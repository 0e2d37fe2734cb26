#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_values.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

#include "core/civil_time.hpp"
#include "core/errors.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

Error bad_value(const SfColumn &col, const std::string &text, const char *why) {
  return Error(sqlstate::kInvalidText, "Snowflake returned a value for column \"" + col.name + "\" (" + col.type +
                                           ") that " + why + ": \"" + text.substr(0, 64) + "\"");
}

// "[-]digits[.digits]" -> whole units and a fraction scaled to `digits`
// digits (nine for nanoseconds). Returns false on anything else.
bool parse_fixed(const char *p, int64_t *whole, int64_t *frac, int digits) {
  bool neg = *p == '-';
  if (neg) p++;
  if (!std::isdigit(static_cast<unsigned char>(*p))) return false;
  int64_t w = 0;
  while (std::isdigit(static_cast<unsigned char>(*p))) {
    if (w > (INT64_MAX - 9) / 10) return false;
    w = w * 10 + (*p++ - '0');
  }
  int64_t f = 0;
  int n = 0;
  if (*p == '.') {
    p++;
    while (std::isdigit(static_cast<unsigned char>(*p))) {
      if (n < digits) {
        f = f * 10 + (*p - '0');
        n++;
      }
      p++;
    }
  }
  if (*p != '\0') return false;
  for (; n < digits; n++) f *= 10;
  *whole = neg ? -w : w;
  *frac = neg ? -f : f;
  return true;
}

bool is_timestamp(const std::string &t) { return t == "timestamp_ntz" || t == "timestamp_ltz" || t == "timestamp_tz"; }

}  // namespace

std::vector<SfColumn> parse_sf_row_type(const json &row_type) {
  std::vector<SfColumn> out;
  if (!row_type.is_array()) return out;
  for (const json &c : row_type) {
    SfColumn col;
    col.name = c.value("name", "");
    col.type = c.value("type", "text");
    for (char &ch : col.type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    col.nullable = c.value("nullable", true);
    auto num = [&c](const char *k) -> int64_t {
      auto it = c.find(k);
      return it != c.end() && it->is_number_integer() ? it->get<int64_t>() : -1;
    };
    col.precision = static_cast<int>(num("precision"));
    col.scale = static_cast<int>(num("scale"));
    col.length = num("length");
    out.push_back(std::move(col));
  }
  return out;
}

std::string pg_type_for_sf_column(const SfColumn &col) {
  const std::string &t = col.type;
  if (t == "fixed") {
    if (col.scale <= 0 && col.precision > 0 && col.precision <= 18) return "bigint";
    if (col.precision > 0 && col.scale >= 0)
      return "numeric(" + std::to_string(col.precision) + "," + std::to_string(col.scale) + ")";
    return "numeric";
  }
  if (t == "real") return "double precision";
  if (t == "text") return "text";
  if (t == "binary") return "bytea";
  if (t == "boolean") return "boolean";
  if (t == "date") return "date";
  if (t == "time") return "time";
  if (t == "timestamp_ntz") return "timestamp";
  if (t == "timestamp_ltz" || t == "timestamp_tz") return "timestamp with time zone";
  if (t == "variant" || t == "object" || t == "array") return "jsonb";
  return "text";  // geography, geometry, vector, ...: their text form
}

SfColumn sf_column_from_information_schema(const std::string &name, const std::string &data_type, int precision,
                                           int scale, int64_t length, bool nullable) {
  SfColumn c;
  c.name = name;
  std::string t;
  for (char ch : data_type) t += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (t == "number" || t == "decimal" || t == "numeric")
    t = "fixed";
  else if (t == "float" || t == "double" || t == "real")
    t = "real";
  c.type = t;
  c.precision = precision;
  c.scale = scale;
  c.length = length;
  c.nullable = nullable;
  return c;
}

SfExplainStats parse_sf_explain(const std::string &plan_json) {
  SfExplainStats st;
  nlohmann::json doc = nlohmann::json::parse(plan_json, nullptr, false);
  if (!doc.is_object() || !doc.contains("GlobalStats") || !doc["GlobalStats"].is_object())
    throw Error(sqlstate::kFdwError, "Snowflake's EXPLAIN USING JSON returned no GlobalStats");
  const nlohmann::json &g = doc["GlobalStats"];
  auto num = [&](const char *k) { return g.contains(k) && g[k].is_number() ? g[k].get<double>() : -1.0; };
  st.partitions_total = num("partitionsTotal");
  st.partitions_assigned = num("partitionsAssigned");
  st.bytes_assigned = num("bytesAssigned");
  return st;
}

void sf_cell_to_pg_text(const SfColumn &col, const std::string &s, std::string &out) {
  const std::string &t = col.type;
  if (t == "real") {
    if (s == "inf")
      out += "Infinity";
    else if (s == "-inf")
      out += "-Infinity";
    else
      out += s;  // digits, or NaN
  } else if (t == "binary") {
    if (s.size() % 2 != 0) throw bad_value(col, s, "is not hex");
    out += "\\x";
    for (char c : s) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) throw bad_value(col, s, "is not hex");
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  } else if (t == "date") {
    int64_t days, frac;
    if (!parse_fixed(s.c_str(), &days, &frac, 0)) throw bad_value(col, s, "is not a day number");
    append_pg_date(days, out);
  } else if (t == "time") {
    int64_t secs, nanos;
    if (!parse_fixed(s.c_str(), &secs, &nanos, 9) || secs < 0 || secs >= 86400 || nanos < 0)
      throw bad_value(col, s, "is not a time of day");
    // "1970-01-01 HH:MM:SS.fffffffff" minus the date.
    std::string ts;
    append_pg_timestamp_nanos(secs, static_cast<int32_t>(nanos), false, ts);
    out.append(ts, 11, std::string::npos);
  } else if (is_timestamp(t)) {
    // "<epoch seconds.9>" or, for TIMESTAMP_TZ, "<epoch seconds.9> <offset minutes + 1440>". The
    // epoch value is the instant; timestamptz stores the instant, so the offset only matters to
    // TIMESTAMP_TZ's own display and is dropped.
    std::string epoch = s.substr(0, s.find(' '));
    int64_t secs, nanos;
    if (!parse_fixed(epoch.c_str(), &secs, &nanos, 9)) throw bad_value(col, s, "is not an epoch timestamp");
    append_pg_timestamp_nanos(secs, static_cast<int32_t>(nanos), t != "timestamp_ntz", out);
  } else {
    out += s;  // fixed (already scaled), text, boolean, variant/object/array (JSON text), geography
  }
}

}  // namespace wfdw
