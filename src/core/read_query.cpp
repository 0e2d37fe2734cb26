#define WFDW_PURE_TU 1
#include "core/read_query.hpp"

#include <cctype>

namespace wfdw {

std::string read_query_problem(const std::string &sql, bool hash_comments) {
  size_t i = 0, n = sql.size();
  // Leading white space and comments (-- line, nested /* block */, # line).
  for (;;) {
    while (i < n && std::isspace(static_cast<unsigned char>(sql[i]))) i++;
    if (i + 1 < n && sql[i] == '-' && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') i++;
    } else if (hash_comments && i < n && sql[i] == '#') {
      while (i < n && sql[i] != '\n') i++;
    } else if (i + 1 < n && sql[i] == '/' && sql[i + 1] == '*') {
      int depth = 0;
      do {
        if (i + 1 < n && sql[i] == '/' && sql[i + 1] == '*') {
          depth++;
          i += 2;
        } else if (i + 1 < n && sql[i] == '*' && sql[i + 1] == '/') {
          depth--;
          i += 2;
        } else {
          i++;
        }
      } while (depth > 0 && i < n);
      if (depth > 0) return "the query text ends inside a comment";
    } else {
      break;
    }
  }
  std::string word;
  while (i < n && (std::isalpha(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
  bool word_ends = i >= n || !(std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$');
  if (word_ends && (word == "select" || word == "with" || word == "values" || word == "table")) return {};
  if (word.empty()) return "the query does not start with a keyword";
  return "the query starts with \"" + word.substr(0, 40) + "\"";
}

}  // namespace wfdw
