#define WFDW_PURE_TU 1
#include "core/dialect.hpp"

#include <cstring>

namespace wfdw {

void Dialect::table_reference(SqlSink &out, const char *catalog, const char *schema, const char *table) const {
  if (catalog != nullptr && catalog[0] != '\0') {
    identifier(out, catalog);
    out.append(".");
  }
  if (schema != nullptr && schema[0] != '\0') {
    identifier(out, schema);
    out.append(".");
  }
  identifier(out, table);
}

void Dialect::constant(SqlSink &out, ConstKind kind, const char *text) const {
  switch (kind) {
    case ConstKind::Number:
      number_constant(out, text);
      return;
    case ConstKind::Boolean:
      out.append(std::strcmp(text, "t") == 0 || std::strcmp(text, "true") == 0 ? "TRUE" : "FALSE");
      return;
    case ConstKind::BitString:
    case ConstKind::String:
      string_literal(out, text);
      return;
  }
}

void Dialect::number_constant(SqlSink &out, const char *text) const {
  // "-0" only comes from a double: bare, it would be read as the integer 0
  // and lose its sign; the deparser's CAST parses the string exactly.
  if (text[0] == '\0' || std::strspn(text, "0123456789+-eE.") != std::strlen(text) || std::strcmp(text, "-0") == 0) {
    string_literal(out, text);
    return;
  }
  bool sign = text[0] == '-' || text[0] == '+';
  if (sign) out.append("(");
  out.append(text);
  if (sign) out.append(")");
}

void Dialect::order_suffix(SqlSink &out, bool descending, bool nulls_first) const {
  out.append(descending ? " DESC" : " ASC");
  out.append(nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

void Dialect::limit_clause(SqlSink &out, const char *limit, const char *offset) const {
  if (limit != nullptr) {
    out.append(" LIMIT ");
    out.append(limit);
  }
  if (offset != nullptr) {
    out.append(" OFFSET ");
    out.append(offset);
  }
}

}  // namespace wfdw
