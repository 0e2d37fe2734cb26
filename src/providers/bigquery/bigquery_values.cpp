#define WFDW_PURE_TU 1
#include "providers/bigquery/bigquery_values.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "core/civil_time.hpp"
#include "core/errors.hpp"
#include "core/jwt.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

Error bad_value(const BqField &field, const std::string &text, const char *why) {
  return Error(sqlstate::kInvalidText, "BigQuery returned a value for column \"" + field.name + "\" (" + field.type +
                                           ") that " + why + ": \"" + text.substr(0, 64) + "\"");
}

void append_quoted_array_element(const std::string &text, std::string &out) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

bool is_number_type(const std::string &t) {
  return t == "INT64" || t == "NUMERIC" || t == "BIGNUMERIC" || t == "FLOAT64";
}

// A cell as a JSON value (inside a STRUCT): numbers as numbers, the rest as
// strings, JSON columns embedded, structs as objects, arrays as arrays.
json cell_to_json(const BqField &field, const json &v);

json scalar_to_json(const BqField &field, const json &v) {
  if (v.is_null()) return nullptr;
  if (field.type == "STRUCT") {
    json obj = json::object();
    const json &f = v.at("f");
    for (size_t i = 0; i < field.fields.size() && i < f.size(); i++)
      obj[field.fields[i].name] = cell_to_json(field.fields[i], f[i].at("v"));
    return obj;
  }
  const std::string &s = v.get_ref<const std::string &>();
  if (field.type == "BOOL") return s == "true";
  if (field.type == "JSON") return json::parse(s, nullptr, false);
  if (is_number_type(field.type)) {
    if (s == "NaN" || s == "Infinity" || s == "-Infinity") return s;
    json n = json::parse(s, nullptr, false);
    return n.is_discarded() ? json(s) : n;
  }
  if (field.type == "TIMESTAMP") {
    std::string text;
    bq_cell_to_pg_text(field, v, text);
    return text;
  }
  return s;
}

json cell_to_json(const BqField &field, const json &v) {
  if (!field.repeated) return scalar_to_json(field, v);
  json arr = json::array();
  BqField elem = field;
  elem.repeated = false;
  if (v.is_array())
    for (const json &item : v) arr.push_back(scalar_to_json(elem, item.at("v")));
  return arr;
}

bool scalar_to_pg_text(const BqField &field, const json &v, std::string &out) {
  if (v.is_null()) return false;
  const std::string &t = field.type;
  if (t == "STRUCT") {
    out += scalar_to_json(field, v).dump();
    return true;
  }
  if (!v.is_string()) throw bad_value(field, v.dump(), "is not a string cell");
  bq_scalar_text_to_pg(field, v.get_ref<const std::string &>(), out);
  return true;
}

}  // namespace

void bq_scalar_text_to_pg(const BqField &field, const std::string &s, std::string &out) {
  const std::string &t = field.type;
  if (t == "BYTES") {
    static const char kHex[] = "0123456789abcdef";
    std::string raw = base64_decode(s, ("column \"" + field.name + "\"").c_str());
    out += "\\x";
    for (unsigned char c : raw) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  } else if (t == "TIMESTAMP") {
    char *end = nullptr;
    errno = 0;
    long long micros = std::strtoll(s.c_str(), &end, 10);
    if (end != s.c_str() && *end == '\0' && errno == 0) {
      append_pg_timestamp_micros(micros, true, out);
    } else {
      // Float seconds (a server ignoring useInt64Timestamp): round to micros.
      double secs = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end != '\0') throw bad_value(field, s, "is not a timestamp");
      append_pg_timestamp_micros(static_cast<int64_t>(secs * 1e6 + (secs >= 0 ? 0.5 : -0.5)), true, out);
    }
  } else if (t == "INTERVAL") {
    out += bq_interval_to_pg(s);
  } else {
    out += s;  // INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL, STRING, DATE, TIME, DATETIME, JSON, GEOGRAPHY
  }
}

std::string canonical_bq_type(const std::string &type) {
  if (type == "INTEGER") return "INT64";
  if (type == "FLOAT") return "FLOAT64";
  if (type == "BOOLEAN") return "BOOL";
  if (type == "RECORD") return "STRUCT";
  return type;
}

std::vector<BqField> parse_bq_schema(const json &schema) {
  std::vector<BqField> out;
  const json *fields = &schema;
  if (schema.is_object()) {
    auto it = schema.find("fields");
    if (it == schema.end()) return out;
    fields = &*it;
  }
  for (const json &f : *fields) {
    BqField field;
    field.name = f.value("name", "");
    field.type = canonical_bq_type(f.value("type", "STRING"));
    std::string mode = f.value("mode", "NULLABLE");
    field.repeated = mode == "REPEATED";
    field.required = mode == "REQUIRED";
    field.description = f.value("description", "");
    if (f.contains("fields")) field.fields = parse_bq_schema(f["fields"]);
    out.push_back(std::move(field));
  }
  return out;
}

std::string pg_type_for_bq_field(const BqField &field) {
  static const std::pair<const char *, const char *> kTypes[] = {
      {"INT64", "bigint"},
      {"FLOAT64", "double precision"},
      {"NUMERIC", "numeric"},
      {"BIGNUMERIC", "numeric"},
      {"BOOL", "boolean"},
      {"STRING", "text"},
      {"BYTES", "bytea"},
      {"DATE", "date"},
      {"TIME", "time"},
      {"DATETIME", "timestamp"},
      {"TIMESTAMP", "timestamp with time zone"},
      {"JSON", "jsonb"},
      {"GEOGRAPHY", "text"},
      {"INTERVAL", "interval"},
      {"STRUCT", "jsonb"},
  };
  std::string base = "text";
  for (const auto &p : kTypes)
    if (field.type == p.first) base = p.second;
  return field.repeated ? base + "[]" : base;
}

bool bq_cell_to_pg_text(const BqField &field, const json &v, std::string &out) {
  if (!field.repeated) return scalar_to_pg_text(field, v, out);
  // REPEATED: a NULL array arrives as [] and BigQuery arrays hold no NULLs.
  BqField elem = field;
  elem.repeated = false;
  out += '{';
  bool first = true;
  if (v.is_array()) {
    std::string item;
    for (const json &cell : v) {
      if (!first) out += ',';
      first = false;
      item.clear();
      if (scalar_to_pg_text(elem, cell.at("v"), item))
        append_quoted_array_element(item, out);
      else
        out += "NULL";
    }
  }
  out += '}';
  return true;
}

std::string bq_timestamp_micros_to_text(int64_t micros) {
  std::string out;
  append_pg_timestamp_micros(micros, true, out);
  return out;
}

std::string bq_interval_to_pg(const std::string &bq) {
  // "[-]Y-M [-]D [-]H:M:S[.F]": three space-separated parts with own signs.
  long long y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char ym_sign = '+', d_sign = '+', t_sign = '+';
  char secs[32] = "0";
  const char *p = bq.c_str();
  auto sign = [&](char *s) {
    if (*p == '-' || *p == '+') *s = *p++;
  };
  sign(&ym_sign);
  int n = 0;
  if (sscanf(p, "%lld-%lld%n", &y, &mo, &n) != 2)
    throw Error(sqlstate::kInvalidText, "invalid BigQuery INTERVAL \"" + bq + "\"");
  p += n;
  while (*p == ' ') p++;
  sign(&d_sign);
  if (sscanf(p, "%lld%n", &d, &n) != 1) throw Error(sqlstate::kInvalidText, "invalid BigQuery INTERVAL \"" + bq + "\"");
  p += n;
  while (*p == ' ') p++;
  sign(&t_sign);
  if (sscanf(p, "%lld:%lld:%31s", &h, &mi, secs) != 3)
    throw Error(sqlstate::kInvalidText, "invalid BigQuery INTERVAL \"" + bq + "\"");
  // Every field carries its sign explicitly, so the text means the same under
  // any IntervalStyle.
  char buf[160];
  snprintf(buf, sizeof(buf), "%c%lld years %c%lld mons %c%lld days %c%lld hours %c%lld mins %c%s secs", ym_sign, y,
           ym_sign, mo, d_sign, d, t_sign, h, t_sign, mi, t_sign, secs);
  return buf;
}

}  // namespace wfdw
