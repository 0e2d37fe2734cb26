#define WFDW_PURE_TU 1
#include "core/json_scan.hpp"
#include "core/response_errors.hpp"

#include <nlohmann/json.hpp>

#include <cstring>

#include "core/errors.hpp"

namespace wfdw {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(unsigned cp, std::string &out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

void JsonScanner::fail(const char *what) const { throw MalformedResponse(std::string("malformed JSON: ") + what); }

char JsonScanner::peek() {
  while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) p_++;
  return p_ < end_ ? *p_ : '\0';
}

void JsonScanner::expect(char c) {
  if (peek() != c) {
    char msg[] = "expected 'x'";
    msg[10] = c;
    fail(msg);
  }
  p_++;
}

bool JsonScanner::consume(char c) {
  if (peek() != c) return false;
  p_++;
  return true;
}

bool JsonScanner::consume_null() {
  if (peek() != 'n') return false;
  if (end_ - p_ < 4 || std::memcmp(p_, "null", 4) != 0) fail("bad literal");
  p_ += 4;
  return true;
}

void JsonScanner::read_string(std::string &out) {
  expect('"');
  for (;;) {
    // Copy the run up to the next quote or backslash in one go.
    const char *q = p_;
    while (q < end_ && *q != '"' && *q != '\\') q++;
    out.append(p_, static_cast<size_t>(q - p_));
    if (q >= end_) fail("unterminated string");
    p_ = q + 1;
    if (*q == '"') return;
    if (p_ >= end_) fail("unterminated escape");
    char e = *p_++;
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        auto read4 = [this]() {
          if (end_ - p_ < 4) fail("short \\u escape");
          unsigned v = 0;
          for (int i = 0; i < 4; i++) {
            int d = hex_digit(p_[i]);
            if (d < 0) fail("bad \\u escape");
            v = v * 16 + static_cast<unsigned>(d);
          }
          p_ += 4;
          return v;
        };
        unsigned cp = read4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') fail("lone surrogate");
          p_ += 2;
          unsigned lo = read4();
          if (lo < 0xDC00 || lo > 0xDFFF) fail("bad surrogate pair");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          fail("lone surrogate");
        }
        if (cp == 0)
          throw Error(sqlstate::kUntranslatableCharacter,
                      "a value from the warehouse contains the character U+0000, which PostgreSQL text cannot hold", {},
                      "Strip NUL characters remotely, for example with REPLACE(col, CHR(0), '') in a view.");
        append_utf8(cp, out);
        break;
      }
      default:
        fail("bad escape");
    }
  }
}

void JsonScanner::skip_string() {
  p_++;  // opening quote
  for (;;) {
    const char *q = static_cast<const char *>(std::memchr(p_, '"', static_cast<size_t>(end_ - p_)));
    if (q == nullptr) fail("unterminated string");
    // The quote is escaped when an odd number of backslashes precede it.
    size_t bs = 0;
    for (const char *b = q - 1; b >= p_ && *b == '\\'; b--) bs++;
    p_ = q + 1;
    if (bs % 2 == 0) return;
  }
}

const char *JsonScanner::skip_value() {
  char c = peek();
  const char *start = p_;
  if (c == '"') {
    skip_string();
    return start;
  }
  if (c == '{' || c == '[') {
    int depth = 0;
    while (p_ < end_) {
      char d = *p_;
      if (d == '"') {
        skip_string();
        continue;
      }
      p_++;
      if (d == '{' || d == '[') {
        depth++;
      } else if (d == '}' || d == ']') {
        if (--depth == 0) return start;
      }
    }
    fail("unterminated container");
  }
  // number, true, false, null
  while (p_ < end_ && *p_ != ',' && *p_ != '}' && *p_ != ']' && *p_ != ' ' && *p_ != '\n' && *p_ != '\r' && *p_ != '\t')
    p_++;
  if (p_ == start) fail("value expected");
  return start;
}

nlohmann::json parse_object_except(const std::string &text, const char *raw_member, size_t *begin, size_t *end) {
  const char *base = text.data();
  JsonScanner scan(base, base + text.size());
  nlohmann::json doc = nlohmann::json::object();
  *begin = *end = 0;
  std::string key;
  scan.object(key, [&](const std::string &k) {
    const char *value = scan.skip_value();
    if (k == raw_member) {
      *begin = static_cast<size_t>(value - base);
      *end = static_cast<size_t>(scan.pos() - base);
      return;
    }
    nlohmann::json v = nlohmann::json::parse(value, scan.pos(), nullptr, false);
    if (v.is_discarded()) scan.fail("bad member value");
    doc[k] = std::move(v);
  });
  return doc;
}

}  // namespace wfdw
