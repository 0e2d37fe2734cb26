#define WFDW_PURE_TU 1
#include "providers/databricks/databricks_values.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "core/errors.hpp"
#include "core/json_scan.hpp"
#include "core/string_rows.hpp"
#include "core/jwt.hpp"
#include "core/response_errors.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

std::string upper(std::string s) {
  for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Error bad_value(const DbxColumn &col, const std::string &text, const char *why) {
  return Error(sqlstate::kInvalidText, "Databricks returned a value for column \"" + col.name + "\" (" +
                                           (col.type_text.empty() ? col.type_name : col.type_text) + ") that " + why +
                                           ": \"" + text.substr(0, 64) + "\"");
}

// "(p,s)" or "(p)" after a type head, as in "DECIMAL(10,2)".
void parse_precision_scale(const std::string &text, int *precision, int *scale) {
  size_t open = text.find('(');
  if (open == std::string::npos) return;
  int p = 0, s = 0;
  char close = 0;
  if (std::sscanf(text.c_str() + open, "(%d,%d%c", &p, &s, &close) == 3 && close == ')') {
    *precision = p;
    *scale = s;
  } else if (std::sscanf(text.c_str() + open, "(%d%c", &p, &close) == 2 && close == ')') {
    *precision = p;
    *scale = 0;
  }
}

bool all_digits(const char *p, size_t n) {
  if (n == 0) return false;
  for (size_t i = 0; i < n; i++)
    if (!std::isdigit(static_cast<unsigned char>(p[i]))) return false;
  return true;
}

// Java prints a proleptic year outside 0001..9999 as "+10000" or "-0044"
// (year 0 is 1 BC). The date part [0, date_end) of `s` is rewritten the way
// PostgreSQL reads it; `rest` follows; " BC" goes last. Returns false when
// the date part is not [+-]Y...-MM-DD.
bool append_pg_date_text(const std::string &s, size_t date_end, const std::string &rest, std::string &out) {
  const char *p = s.c_str();
  bool neg = p[0] == '-', plus = p[0] == '+';
  size_t ystart = neg || plus ? 1 : 0;
  size_t dash = s.find('-', ystart);
  if (dash == std::string::npos || dash >= date_end || date_end - dash != 6 || s[dash + 3] != '-') return false;
  if (!all_digits(p + ystart, dash - ystart) || !all_digits(p + dash + 1, 2) || !all_digits(p + dash + 4, 2))
    return false;
  if (!neg && !plus && dash == 4 && s.compare(0, 4, "0000") != 0) {  // the common case: YYYY-MM-DD
    out.append(s, 0, date_end);
    out += rest;
    return true;
  }
  if (dash - ystart > 12) return false;
  long long year = std::strtoll(s.substr(ystart, dash - ystart).c_str(), nullptr, 10);
  if (neg) year = -year;
  bool bc = year <= 0;
  if (bc) year = 1 - year;
  std::string y = std::to_string(year);
  if (y.size() < 4) out.append(4 - y.size(), '0');
  out += y;
  out.append(s, dash, date_end - dash);
  out += rest;
  if (bc) out += " BC";
  return true;
}

// "2024-02-29T13:45:00.123Z" -> "2024-02-29 13:45:00.123+00" (the zone, if
// any, is kept for timestamptz; timestamp input ignores it).
void append_timestamp(const DbxColumn &col, const std::string &s, std::string &out) {
  size_t t = s.find_first_of("T ", 1);
  if (t == std::string::npos) throw bad_value(col, s, "is not an ISO 8601 timestamp");
  std::string rest = " " + s.substr(t + 1);
  if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
    rest.pop_back();
    rest += "+00";
  } else if (col.type_name == "TIMESTAMP" && rest.find_first_of("+-") == std::string::npos) {
    // A TIMESTAMP is an instant: without Z or an offset it would be read in
    // the local session's time zone, a silently shifted value.
    throw bad_value(col, s, "has no time zone designator (Z or an offset)");
  }
  if (!append_pg_date_text(s, t, rest, out)) throw bad_value(col, s, "is not an ISO 8601 timestamp");
}

// Spark's interval text -> PostgreSQL's, each field with its sign, units
// spelled out: "INTERVAL '-1 02:03:04.5' DAY TO SECOND" -> "-1 days -2
// hours -3 mins -4.5 secs"; "1-2" (YEAR TO MONTH) -> "14 mons".
enum Unit { kYear, kMonth, kDay, kHour, kMinute, kSecond, kNone };

Unit unit_of(const std::string &w) {
  static const char *const names[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
  std::string u = upper(w);
  if (!u.empty() && u.back() == 'S') u.pop_back();
  for (int i = 0; i < 6; i++)
    if (u == names[i]) return static_cast<Unit>(i);
  return kNone;
}

// "DAY TO SECOND", "YEAR", "INTERVAL MONTH" -> from/to units.
bool parse_qualifier(const std::string &text, Unit *from, Unit *to) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text + " ") {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!words.empty() && upper(words[0]) == "INTERVAL") words.erase(words.begin());
  if (words.size() == 1) {
    *from = *to = unit_of(words[0]);
  } else if (words.size() == 3 && upper(words[1]) == "TO") {
    *from = unit_of(words[0]);
    *to = unit_of(words[2]);
  } else {
    return false;
  }
  return *from != kNone && *to != kNone && *from <= *to && ((*to <= kMonth) || (*from >= kDay));
}

bool append_interval(std::string v, Unit from, Unit to, std::string &out) {
  std::string sign;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    if (v[0] == '-') sign = "-";
    v.erase(0, 1);
  }
  // The fields from `from` to `to`, with their separators.
  static const char *const unit_names[] = {"years", "mons", "days", "hours", "mins", "secs"};
  size_t pos = 0;
  std::string fields;
  for (int u = from; u <= to; u++) {
    if (u > from) {
      char sep = u == kMonth ? '-' : u == kHour ? ' ' : ':';
      if (pos >= v.size() || v[pos] != sep) return false;
      pos++;
    }
    size_t start = pos;
    while (pos < v.size() && std::isdigit(static_cast<unsigned char>(v[pos]))) pos++;
    if (pos == start) return false;
    if (u == kSecond && pos < v.size() && v[pos] == '.') {
      pos++;
      while (pos < v.size() && std::isdigit(static_cast<unsigned char>(v[pos]))) pos++;
    }
    if (!fields.empty()) fields += ' ';
    fields += sign;
    fields.append(v, start, pos - start);
    fields += ' ';
    fields += unit_names[u];
  }
  if (pos != v.size()) return false;
  out += fields;
  return true;
}

void append_pg_interval(const DbxColumn &col, const std::string &s, std::string &out) {
  Unit from = kNone, to = kNone;
  std::string value = s;
  if (s.size() > 9 && upper(s.substr(0, 9)) == "INTERVAL ") {
    // INTERVAL '<value>' <qualifier>
    size_t q1 = s.find('\''), q2 = s.find('\'', q1 == std::string::npos ? 0 : q1 + 1);
    if (q1 == std::string::npos || q2 == std::string::npos || !parse_qualifier(s.substr(q2 + 1), &from, &to))
      throw bad_value(col, s, "is not an interval");
    value = s.substr(q1 + 1, q2 - q1 - 1);
  } else if (std::strpbrk(s.c_str(), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != nullptr) {
    out += s;  // the legacy form "1 years 2 months 3 days ...", which PostgreSQL reads as is
    return;
  } else if (!parse_qualifier(col.type_text, &from, &to)) {
    // No qualifier known: infer it from the layout.
    std::string body = s.substr(s[0] == '-' || s[0] == '+' ? 1 : 0);
    size_t colons = 0;
    for (char c : body) colons += c == ':';
    if (body.find('-') != std::string::npos) {
      from = kYear, to = kMonth;
    } else if (body.find(' ') != std::string::npos) {
      from = kDay, to = colons == 0 ? kHour : colons == 1 ? kMinute : kSecond;
    } else if (colons > 0) {
      from = colons == 1 ? kMinute : kHour, to = kSecond;
    } else {
      throw bad_value(col, s, "is an interval without a unit");
    }
  }
  if (!append_interval(value, from, to, out)) throw bad_value(col, s, "is not an interval");
}

}  // namespace

std::string dbx_normalize_type_name(const std::string &name) {
  std::string t = upper(name.substr(0, name.find_first_of("(<")));
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  if (t == "BIGINT") return "LONG";
  if (t == "INTEGER") return "INT";
  if (t == "SMALLINT") return "SHORT";
  if (t == "TINYINT") return "BYTE";
  if (t == "REAL") return "FLOAT";
  if (t == "NUMERIC" || t == "DEC") return "DECIMAL";
  if (t == "VARCHAR") return "STRING";
  if (t == "VOID") return "NULL";
  if (t.compare(0, 8, "INTERVAL") == 0) return "INTERVAL";
  return t;
}

std::vector<DbxColumn> parse_dbx_columns(const json &columns) {
  std::vector<DbxColumn> out;
  if (!columns.is_array()) return out;
  for (const json &c : columns) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string())
      throw MalformedResponse("a column of manifest.schema.columns has no name");
    DbxColumn col;
    col.name = c["name"].get<std::string>();
    col.type_text = c.value("type_text", "");
    col.type_name = dbx_normalize_type_name(c.value("type_name", col.type_text));
    // The Statement Execution API's published ColumnInfoTypeName has no TIMESTAMP_NTZ (only TIMESTAMP), so
    // a TIMESTAMP_NTZ column may come as type_name TIMESTAMP: type_text, the full SQL type, decides; read as
    // TIMESTAMP, its zone-less cells would be taken for instants.
    if (col.type_name == "TIMESTAMP" && dbx_normalize_type_name(col.type_text) == "TIMESTAMP_NTZ")
      col.type_name = "TIMESTAMP_NTZ";
    auto num = [&c](const char *k) {
      auto it = c.find(k);
      return it != c.end() && it->is_number_integer() ? static_cast<int>(it->get<int64_t>()) : -1;
    };
    if (col.type_name == "DECIMAL") {
      col.precision = num("type_precision");
      col.scale = num("type_scale");
      if (col.precision < 0) parse_precision_scale(col.type_text, &col.precision, &col.scale);
    } else if (col.type_name == "CHAR") {
      parse_precision_scale(col.type_text, &col.precision, &col.scale);  // CHAR(n): the length
    }
    out.push_back(std::move(col));
  }
  return out;
}

std::string pg_type_for_dbx_column(const DbxColumn &col) {
  const std::string &t = col.type_name;
  if (t == "LONG") return "bigint";
  if (t == "INT") return "integer";
  if (t == "SHORT" || t == "BYTE") return "smallint";
  if (t == "DECIMAL") {
    if (col.precision > 0 && col.precision <= 1000 && col.scale >= 0 && col.scale <= col.precision)
      return "numeric(" + std::to_string(col.precision) + "," + std::to_string(col.scale) + ")";
    return "numeric";
  }
  if (t == "DOUBLE") return "double precision";
  if (t == "FLOAT") return "real";
  if (t == "BOOLEAN") return "boolean";
  if (t == "BINARY") return "bytea";
  if (t == "DATE") return "date";
  if (t == "TIMESTAMP") return "timestamp with time zone";
  if (t == "TIMESTAMP_NTZ") return "timestamp";
  if (t == "INTERVAL") return "interval";
  if (t == "ARRAY" || t == "MAP" || t == "STRUCT") return "jsonb";
  // CHAR(n) values come padded to n characters and compare as padded
  // (Spark pads on read and in comparisons): character(n) keeps that meaning
  // locally, where text would make 'a  ' = 'a' false.
  if (t == "CHAR" && col.precision > 0 && col.precision <= 10485760)
    return "character(" + std::to_string(col.precision) + ")";
  return "text";  // STRING, CHAR, NULL, and types this version does not know (their text form)
}

DbxColumn dbx_column_from_information_schema(const std::string &name, const std::string &data_type,
                                             const std::string &full_data_type, int precision, int scale) {
  DbxColumn c;
  c.name = name;
  c.type_name = dbx_normalize_type_name(data_type.empty() ? full_data_type : data_type);
  c.type_text = upper(full_data_type.empty() ? data_type : full_data_type);
  if (c.type_name == "CHAR") parse_precision_scale(c.type_text, &c.precision, &c.scale);
  if (c.type_name == "DECIMAL") {
    parse_precision_scale(c.type_text, &c.precision, &c.scale);
    if (c.precision < 0 && precision > 0) {
      c.precision = precision;
      c.scale = scale >= 0 ? scale : 0;
    }
  }
  return c;
}

void dbx_cell_to_pg_text(const DbxColumn &col, const std::string &s, std::string &out) {
  const std::string &t = col.type_name;
  if (t == "TIMESTAMP" || t == "TIMESTAMP_NTZ") {
    append_timestamp(col, s, out);
  } else if (t == "DATE") {
    if (!append_pg_date_text(s, s.size(), "", out)) throw bad_value(col, s, "is not a date");
  } else if (t == "BINARY") {
    std::string bytes;
    try {
      bytes = base64_decode(s, "a BINARY value");
    } catch (const Error &) {
      throw bad_value(col, s, "is not base64");
    }
    static const char kHex[] = "0123456789abcdef";
    out += "\\x";
    for (unsigned char c : bytes) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  } else if (t == "INTERVAL") {
    if (s.empty()) throw bad_value(col, s, "is not an interval");
    append_pg_interval(col, s, out);
  } else {
    // Numbers (DOUBLE's NaN, Infinity, -Infinity are PostgreSQL's spellings
    // too), DECIMAL already scaled, BOOLEAN true/false, strings, and the
    // JSON text of ARRAY/MAP/STRUCT.
    out += s;
  }
}

void decode_dbx_rows(const char *begin, const char *end, const std::vector<DbxColumn> &columns, CellPage &page) {
  // Types whose JSON_ARRAY text is already PostgreSQL's input text.
  std::vector<bool> verbatim;
  for (const DbxColumn &c : columns) {
    const std::string &t = c.type_name;
    verbatim.push_back(!(t == "TIMESTAMP" || t == "TIMESTAMP_NTZ" || t == "DATE" || t == "BINARY" || t == "INTERVAL"));
  }
  decode_string_rows(
      begin, end, verbatim,
      [&](size_t c, const std::string &cell, std::string &out) { dbx_cell_to_pg_text(columns[c], cell, out); },
      "Databricks", "manifest", page);
}

namespace {

// Spark's Utils.bytesToString units.
double unit_factor(const char *u, size_t n) {
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double f = 1;
  for (const char *name : units) {
    if (std::strlen(name) == n && std::strncmp(name, u, n) == 0) return f;
    f *= 1024;
  }
  return -1;
}

}  // namespace

DbxExplainCost parse_dbx_explain_cost(const std::string &plan_text) {
  DbxExplainCost cost;
  size_t section = plan_text.find("== Optimized Logical Plan ==");
  if (section == std::string::npos) return cost;
  size_t stats = plan_text.find("Statistics(", section);
  size_t next_section = plan_text.find("== ", section + 28);
  if (stats == std::string::npos || (next_section != std::string::npos && stats > next_section)) return cost;
  size_t close = plan_text.find(')', stats);
  std::string inner = plan_text.substr(stats + 11, close == std::string::npos ? std::string::npos : close - stats - 11);
  size_t sb = inner.find("sizeInBytes=");
  if (sb != std::string::npos) {
    const char *p = inner.c_str() + sb + 12;
    char *e = nullptr;
    double v = std::strtod(p, &e);
    if (e != p) {
      while (*e == ' ') e++;
      size_t n = std::strcspn(e, ", )");
      double f = n == 0 ? 1 : unit_factor(e, n);
      if (f > 0 && v >= 0) cost.bytes = v * f;
    }
  }
  size_t rc = inner.find("rowCount=");
  if (rc != std::string::npos) {
    const char *p = inner.c_str() + rc + 9;
    char *e = nullptr;
    double v = std::strtod(p, &e);
    if (e != p && v >= 0) cost.rows = v;
  }
  return cost;
}

}  // namespace wfdw
