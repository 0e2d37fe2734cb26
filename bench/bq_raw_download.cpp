// The baseline of bench/bigquery.sh: downloads every page of one BigQuery
// query the way curl would (one reused connection, gzip accepted), decodes
// nothing, and reports bytes and time. It runs the same request sequence as
// warehouse_fdw: jobs.query, then getQueryResults following pageToken.
//
//   bq_raw_download ENDPOINT PROJECT TOKEN PAGE_ROWS < query.sql
//   -> "pages=N bytes=B ms=T" on stdout
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

namespace {

size_t keep(char *data, size_t size, size_t n, void *user) {
  static_cast<std::string *>(user)->append(data, size * n);
  return size * n;
}

std::string json_string(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The value of "key":"..." in a response; page tokens and job ids need no
// unescaping.
std::string field(const std::string &body, const char *key) {
  std::string pat = std::string("\"") + key + "\":\"";
  size_t at = body.find(pat);
  if (at == std::string::npos) return "";
  at += pat.size();
  return body.substr(at, body.find('"', at) - at);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s ENDPOINT PROJECT TOKEN PAGE_ROWS < query.sql\n", argv[0]);
    return 2;
  }
  std::string endpoint = argv[1], project = argv[2], token = argv[3], page_rows = argv[4];
  std::string sql((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.pop_back();

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *h = curl_easy_init();
  std::string body;
  curl_slist *headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);

  auto started = std::chrono::steady_clock::now();
  std::string request = "{\"query\":" + json_string(sql) +
                        ",\"useLegacySql\":false,\"location\":\"US\",\"maxResults\":" + page_rows +
                        ",\"formatOptions\":{\"useInt64Timestamp\":true}}";
  curl_easy_setopt(h, CURLOPT_URL, (endpoint + "/projects/" + project + "/queries").c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.c_str());
  size_t total = 0;
  int pages = 0;
  for (;;) {
    body.clear();
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != 200) {
      std::fprintf(stderr, "request failed: %s, HTTP %ld: %.300s\n", curl_easy_strerror(rc), status, body.c_str());
      return 1;
    }
    total += body.size();
    pages++;
    std::string next = field(body, "pageToken");
    if (next.empty()) break;
    std::string job = field(body, "jobId");
    char *escaped = curl_easy_escape(h, next.c_str(), static_cast<int>(next.size()));
    std::string url = endpoint + "/projects/" + project + "/queries/" + job +
                      "?formatOptions.useInt64Timestamp=true&location=US&maxResults=" + page_rows +
                      "&pageToken=" + escaped;
    curl_free(escaped);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::printf("pages=%d bytes=%zu ms=%.1f\n", pages, total, ms);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return 0;
}
