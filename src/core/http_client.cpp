#define WFDW_PURE_TU 1
#include "core/http_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>
#include <algorithm>

namespace wfdw {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char *data, size_t size, size_t nmemb, void *user) {
  static_cast<std::string *>(user)->append(data, size * nmemb);
  return size * nmemb;
}

size_t on_header(char *data, size_t size, size_t nmemb, void *user) {
  size_t len = size * nmemb;
  static const char kName[] = "retry-after:";
  if (len > sizeof(kName) - 1) {
    bool match = true;
    for (size_t i = 0; i < sizeof(kName) - 1 && match; i++)
      match = std::tolower(static_cast<unsigned char>(data[i])) == kName[i];
    if (match) {
      std::string value(data + sizeof(kName) - 1, len - (sizeof(kName) - 1));
      char *end = nullptr;
      long secs = std::strtol(value.c_str(), &end, 10);
      if (end != value.c_str() && secs >= 0) *static_cast<long *>(user) = secs;
    }
  }
  return len;
}

// Which libcurl failures are worth another attempt: the connection broke or
// the peer went silent, not a configuration error.
bool retryable_code(CURLcode code) {
  switch (code) {
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

// The URL without its query string: query strings may carry page tokens.
std::string url_for_message(const std::string &url) { return url.substr(0, url.find('?')); }

}  // namespace

HttpClient::HttpClient(TlsSettings tls) : tls_(std::move(tls)) {
  global_init_once();
  easy_ = curl_easy_init();
  multi_ = curl_multi_init();
  if (easy_ == nullptr || multi_ == nullptr) throw Error(sqlstate::kOutOfMemory, "could not initialise libcurl");
}

HttpClient::~HttpClient() {
  curl_multi_cleanup(static_cast<CURLM *>(multi_));
  curl_easy_cleanup(static_cast<CURL *>(easy_));
}

HttpResponse HttpClient::perform(const HttpRequest &request, const AbortCheck &abort) {
  CURL *easy = static_cast<CURL *>(easy_);
  CURLM *multi = static_cast<CURLM *>(multi_);
  HttpResponse response;
  // Refused before libcurl sees it (CURLOPT_PROTOCOLS_STR below is the
  // second line of defence): the scheme must be https, or http where allowed.
  bool https = request.url.compare(0, 8, "https://") == 0;
  bool http = request.allow_http && request.url.compare(0, 7, "http://") == 0;
  if (!https && !http)
    throw TransportError("refusing a request to " + url_for_message(request.url).substr(0, 200) + ": only " +
                             (request.allow_http ? "https:// and http:// URLs are" : "https:// URLs are") + " allowed",
                         false);
  curl_easy_reset(easy);  // keeps live connections and the TLS session cache
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  const char *protocols = request.allow_http ? "https,http" : "https";
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, ...
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, request.timeout_ms < 30000 ? request.timeout_ms : 30000L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response.retry_after_s);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, tls_.verify ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, tls_.verify ? 2L : 0L);
  if (!tls_.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, tls_.ca_file.c_str());
  if (!tls_.proxy.empty()) curl_easy_setopt(easy, CURLOPT_PROXY, tls_.proxy.c_str());
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "warehouse_fdw/1.0");
  if (request.method == "POST") {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  struct curl_slist *headers = nullptr;
  for (const std::string &h : request.headers) headers = curl_slist_append(headers, h.c_str());
  // An empty Expect: no 100-continue round trip on POST bodies.
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);

  curl_multi_add_handle(multi, easy);
  CURLcode result = CURLE_OK;
  bool interrupted = false;
  for (;;) {
    int running = 0;
    curl_multi_perform(multi, &running);
    if (running == 0) {
      int left = 0;
      CURLMsg *msg = curl_multi_info_read(multi, &left);
      if (msg != nullptr && msg->msg == CURLMSG_DONE) result = msg->data.result;
      break;
    }
    if (abort && abort()) {
      interrupted = true;
      break;
    }
    curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  curl_multi_remove_handle(multi, easy);
  curl_slist_free_all(headers);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  if (interrupted) throw Interrupted();

  curl_off_t downloaded = 0;
  curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &downloaded);
  bytes_received_ += static_cast<uint64_t>(downloaded);
  if (result != CURLE_OK) {
    throw TransportError(
        std::string("HTTP request to ") + url_for_message(request.url) + " failed: " + curl_easy_strerror(result),
        retryable_code(result));
  }
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

void sleep_interruptibly(long ms, const AbortCheck &abort) {
  for (long waited = 0; waited < ms; waited += 50) {
    if (abort && abort()) throw Interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50L, ms - waited)));
  }
}

std::string url_encode(const std::string &text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string new_request_id() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[40];
  snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
           static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF), static_cast<unsigned>(b >> 48),
           static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

HttpResponse perform_with_retries(HttpClient &http, HttpRequest &req, const RetryPolicy &policy,
                                  const AbortCheck &abort, const RetryHooks &hooks, int *retries) {
  HttpSend send = [&http](const HttpRequest &r, const AbortCheck &a) { return http.perform(r, a); };
  return perform_with_retries(send, req, policy, abort, hooks, retries);
}

HttpResponse perform_with_retries(const HttpSend &send, HttpRequest &req, const RetryPolicy &policy,
                                  const AbortCheck &abort, const RetryHooks &hooks, int *retries) {
  std::mt19937_64 rng(std::random_device{}());
  for (int attempt = 1;; attempt++) {
    if (hooks.prepare) hooks.prepare(req, attempt);
    HttpResponse resp;
    try {
      resp = send(req, abort);
    } catch (const TransportError &e) {
      if (!e.retryable() || attempt >= policy.max_attempts)
        throw Error(sqlstate::kUnableToConnect,
                    "could not reach " + hooks.label + " for server \"" + hooks.server_name + "\": " + e.what(),
                    attempt > 1 ? "Gave up after " + std::to_string(attempt) + " attempts." : std::string(),
                    hooks.unreachable_hint);
      (*retries)++;
      sleep_interruptibly(backoff_delay_ms(policy, attempt, -1, rng()), abort);
      continue;
    }
    switch (hooks.judge(resp)) {
      case RetryVerdict::Accept:
        return resp;
      case RetryVerdict::AgainNow:
        continue;
      case RetryVerdict::Backoff:
        if (attempt < policy.max_attempts) {
          (*retries)++;
          long retry_after = resp.retry_after_s;
          if (hooks.max_retry_after_s >= 0) retry_after = std::min(retry_after, hooks.max_retry_after_s);
          sleep_interruptibly(backoff_delay_ms(policy, attempt, retry_after, rng()), abort);
          continue;
        }
        if (hooks.fail) hooks.fail(resp, attempt);
        return resp;
      case RetryVerdict::Fail:
        if (hooks.fail) hooks.fail(resp, attempt);
        return resp;
    }
  }
}

}  // namespace wfdw
