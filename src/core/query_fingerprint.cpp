#define WFDW_PURE_TU
#include "core/query_fingerprint.hpp"

#include <cstdio>

namespace wfdw {
namespace {

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (static_cast<unsigned char>(c) >= 0x80);
}
bool digit(char c) { return c >= '0' && c <= '9'; }

// Appends to a bounded buffer; drops what does not fit.
struct Sink {
  char *out;
  size_t cap;
  size_t len = 0;
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a over the whole normalized text
  void put(char c) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    if (len + 1 < cap) out[len++] = c;
  }
};

}  // namespace

int64_t fingerprint_remote_sql(const char *sql, bool backslash_escapes, char *out, size_t cap) noexcept {
  Sink s{out, cap};
  const char *p = sql != nullptr ? sql : "";
  char prev = ' ';  // the last character emitted (or skipped identifier char)
  while (*p != '\0') {
    char c = *p;
    if (c == '\'') {
      // A string literal: E'..' / N'..' / r'..' prefixes stay as written.
      bool backslash = backslash_escapes || (prev == 'E' || prev == 'e');
      ++p;
      while (*p != '\0') {
        if (backslash && *p == '\\' && p[1] != '\0') {
          p += 2;
          continue;
        }
        if (*p == '\'') {
          if (p[1] == '\'') {
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        ++p;
      }
      s.put('?');
      prev = '?';
      continue;
    }
    if (c == '"' || c == '`') {
      // A quoted identifier: kept, with doubled quotes inside.
      s.put(c);
      ++p;
      while (*p != '\0') {
        if (*p == c) {
          if (p[1] == c) {
            s.put(c);
            s.put(c);
            p += 2;
            continue;
          }
          break;
        }
        s.put(*p++);
      }
      if (*p == c) s.put(*p++);
      prev = c;
      continue;
    }
    if (c == '-' && p[1] == '-') {  // a comment: kept to the end of the line
      while (*p != '\0' && *p != '\n') s.put(*p++);
      continue;
    }
    if (digit(c) || (c == '.' && digit(p[1]))) {
      // A number unless it continues an identifier or a parameter ($1, @p1, :1).
      if (ident_char(prev) || prev == '$' || prev == ':' || prev == '@') {
        s.put(c);
        ++p;
        continue;
      }
      while (digit(*p) || *p == '.') ++p;
      if ((*p == 'e' || *p == 'E') && (digit(p[1]) || ((p[1] == '+' || p[1] == '-') && digit(p[2])))) {
        p += 2;
        while (digit(*p)) ++p;
      }
      s.put('?');
      prev = '?';
      continue;
    }
    s.put(c);
    prev = c;
    ++p;
  }
  if (s.cap > 0) s.out[s.len] = '\0';
  return static_cast<int64_t>(s.hash);
}

std::string query_id_hex(int64_t id) {
  char buf[17];
  snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

}  // namespace wfdw
