// Snowflake SQL API v2 calls: POST /api/v2/statements (requestId, retry=true
// on a resubmission so a statement never runs twice), polling a 202 until
// the statement finishes, partitions by number, cancel. Key-pair JWT or
// OAuth bearer; 422 bodies become wfdw::Error with Snowflake's SQL state,
// code and message. Pure C++; a client is used by one thread at a time.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/cell_page.hpp"
#include "core/http_client.hpp"
#include "core/retry_policy.hpp"
#include "providers/snowflake/snowflake_auth.hpp"
#include "providers/snowflake/snowflake_values.hpp"

namespace wfdw {

struct SnowflakeConfig {
  std::string server_name;  // for messages
  std::string endpoint;     // https://<account>.snowflakecomputing.com, or a local service
  bool allow_http = false;  // the endpoint was set by a superuser: http:// allowed
  std::string account;
  std::string warehouse, database, schema, role;
  // KeyPair: a JWT signed with `key`. OAuth: a fixed `oauth_token`.
  // ProgrammaticToken: `pat`. OAuthRefresh: access tokens obtained (and
  // renewed before they expire) from the account's /oauth/token-request with
  // the client's id, secret and refresh token.
  enum class Auth { KeyPair, OAuth, ProgrammaticToken, OAuthRefresh } auth = Auth::KeyPair;
  SnowflakeKeyPair key;
  std::string oauth_token;
  std::string pat;
  std::string oauth_client_id, oauth_client_secret, oauth_refresh_token;
  TlsSettings tls;
  long timeout_ms = 300000;      // per HTTP request
  long statement_timeout_s = 0;  // the statement's `timeout`; 0 = the account's default
  RetryPolicy retry;
  std::string query_tag;
  int max_parallel_downloads = 4;
};

struct SfBinding {
  std::string type;  // FIXED, REAL, TEXT, BOOLEAN, BINARY, DATE, TIME, TIMESTAMP_NTZ, ...
  bool is_null = false;
  std::string value;
};

// One response: a result (200), still running (202), or a partition.
struct SfResult {
  bool complete = false;
  std::string handle;
  std::vector<SfColumn> columns;
  int64_t num_rows = -1;
  std::vector<int64_t> partition_rows;  // partitionInfo[].rowCount
  // The response text; "data" ([[cell, ...], ...]) stays undecoded at
  // [data_begin, data_end) for decode_sf_rows.
  std::string body;
  size_t data_begin = 0, data_end = 0;
};

class SnowflakeClient {
 public:
  explicit SnowflakeClient(SnowflakeConfig config);
  const SnowflakeConfig &config() const { return config_; }

  // Submits a statement; returns at once with complete=false on a 202.
  SfResult submit(const std::string &sql, const std::vector<SfBinding> &bindings, const std::string &request_id,
                  const AbortCheck &abort);
  // GET the statement's status/result (partition 0 when complete).
  SfResult status(const std::string &handle, const AbortCheck &abort);
  // GET partition n >= 1 (data only).
  SfResult partition(const std::string &handle, size_t n, const AbortCheck &abort);
  void cancel(const std::string &handle, const AbortCheck &abort);

  // Polls status() with backoff (50 ms doubling to 2 s) until `r`, a
  // submit() response, is complete.
  SfResult wait(SfResult r, const AbortCheck &abort);
  // submit() then wait().
  SfResult run(const std::string &sql, const std::vector<SfBinding> &bindings, const AbortCheck &abort);

  uint64_t bytes_received() const { return http_.bytes_received(); }
  int retries() const { return retries_; }

 private:
  HttpResponse call(const std::string &method, const std::string &path, const std::string &body,
                    const AbortCheck &abort, bool resubmit_flag);
  // OAuthRefresh: a current access token (cached per backend).
  std::string oauth_access_token(const AbortCheck &abort);

  SnowflakeConfig config_;
  HttpClient http_;
  int retries_ = 0;
};

// Parses a statement response (or a partition's {"data": ...}).
SfResult parse_sf_response(std::string body);

// Appends the rows of the jsonv2 array [begin, end) ([["1","a",null], ...])
// to `page`, whose ncols must equal columns.size().
void decode_sf_rows(const char *begin, const char *end, const std::vector<SfColumn> &columns, CellPage &page);

// When a cached OAuth access token of `expires_in_s` seconds is renewed:
// five minutes early, or at half its life when that is shorter (exposed for
// tests).
long sf_oauth_renew_after_s(long expires_in_s);

// POSTs /cancel for a statement abandoned while it may still run (and bill):
// bounded (5 s, 2 attempts), best effort, never throws.
void cancel_sf_statement_quietly(const SnowflakeConfig &config, const std::string &handle) noexcept;

}  // namespace wfdw
