// The HTTP core every HTTP provider uses: one libcurl handle per client
// (connections and TLS sessions are reused between requests), TLS verified,
// gzip accepted, a per-request timeout, and a wait that polls the caller's
// abort check at least every 100 ms so Ctrl-C and statement_timeout stop a
// transfer promptly. A client is used by one thread at a time.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/retry_policy.hpp"

namespace wfdw {

// Returns true when the wait must stop (the caller then sees Interrupted).
using AbortCheck = std::function<bool()>;

// How a client reaches its service: TLS checks and an optional proxy.
struct TlsSettings {
  std::string ca_file;  // empty: the system's CA bundle
  bool verify = true;
  std::string proxy;  // the https_proxy option: a proxy URL; empty: the environment's (https_proxy, no_proxy)
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long timeout_ms = 300000;
  // libcurl speaks https only; plain http only where a superuser configured
  // the URL (an endpoint option, a key's token_uri override). No other
  // protocol (file, gopher, ftp, ...) and no redirects are ever followed.
  bool allow_http = false;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  long retry_after_s = -1;  // Retry-After header in seconds, -1 when absent
};

// A transfer that failed below HTTP (refused, dropped, timed out).
class TransportError : public Error {
 public:
  TransportError(std::string message, bool retryable)
      : Error(sqlstate::kConnectionFailure, std::move(message)), retryable_(retryable) {}
  bool retryable() const noexcept { return retryable_; }

 private:
  bool retryable_;
};

class HttpClient {
 public:
  explicit HttpClient(TlsSettings tls);
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  // Performs one request. Throws TransportError or Interrupted.
  HttpResponse perform(const HttpRequest &request, const AbortCheck &abort);

  uint64_t bytes_received() const { return bytes_received_; }

 private:
  void *easy_;
  void *multi_;
  TlsSettings tls_;
  uint64_t bytes_received_ = 0;
};

// Sleeps `ms` in short steps, throwing Interrupted as soon as `abort` fires
// (retry backoff must be as cancellable as a transfer).
void sleep_interruptibly(long ms, const AbortCheck &abort);

// Percent-encodes a URL component.
std::string url_encode(const std::string &text);

// A random UUID (version 4): the request id of a submission, which lets a
// warehouse recognise a resubmitted statement instead of running it twice.
std::string new_request_id();

// The retry loop every HTTP provider shares: transport failures and the
// responses `judge` calls retryable are retried with backoff (Retry-After
// honoured) up to the policy's attempts, every wait cancellable by `abort`.
enum class RetryVerdict {
  Accept,    // return the response
  Backoff,   // retry after a backoff while attempts remain, else fail
  AgainNow,  // retry at once (e.g. with a renewed token; judge allows it once)
  Fail,      // fail at once
};

struct RetryHooks {
  std::string label;             // "BigQuery", in messages
  std::string server_name;       // the foreign server, in messages
  std::string unreachable_hint;  // the hint when the service cannot be reached
  // Sets what changes per attempt (headers with a fresh token, a retry flag
  // in the URL). May be empty.
  std::function<void(HttpRequest &req, int attempt)> prepare;
  std::function<RetryVerdict(const HttpResponse &resp)> judge;
  // Throws the provider's error for a final non-accepted response. When
  // empty, or if it returns, the response is returned as is.
  std::function<void(const HttpResponse &resp, int attempts)> fail;
  long max_retry_after_s = -1;  // a cap on the Retry-After honoured (-1: none)
};

// Throws wfdw::Error (08001, naming the server) when the service cannot be
// reached; counts retries in *retries.
HttpResponse perform_with_retries(HttpClient &http, HttpRequest &req, const RetryPolicy &policy,
                                  const AbortCheck &abort, const RetryHooks &hooks, int *retries);
// The same over any transport (a test's canned responses).
using HttpSend = std::function<HttpResponse(const HttpRequest &req, const AbortCheck &abort)>;
HttpResponse perform_with_retries(const HttpSend &send, HttpRequest &req, const RetryPolicy &policy,
                                  const AbortCheck &abort, const RetryHooks &hooks, int *retries);

}  // namespace wfdw
