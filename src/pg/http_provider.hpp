// The kit every HTTP warehouse provider (BigQuery, Snowflake, ...) builds
// on, PostgreSQL side: the server and user-mapping options they share
// (core/option_catalog's http_provider_options), read in one place; those
// settings applied to a client configuration; the main thread's client
// cache; and the cost guardrails (max_cost_usd / warn_cost_usd).
#pragma once
#include "core/pure_zone.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "core/cell_page.hpp"
#include "core/http_client.hpp"
#include "core/retry_policy.hpp"
#include "pg/pg.hpp"

namespace wfdw {

// The shared options of a server and user mapping, palloc'd (read with PG
// calls before any C++ object exists).
struct HttpServer {
  Oid umid;
  const char *server_name;
  const char *endpoint;  // set by a superuser only; nullptr: the provider's public endpoint
  const char *ca_file;
  bool tls_verify;
  const char *https_proxy;  // set by a superuser only; nullptr: the environment's
  int64 timeout_ms;
  int max_retries;
  int64 retry_base_ms;
  double max_cost_usd;      // < 0: none (the user mapping's overrides the server's)
  double warn_cost_usd;     // < 0: none
  int statement_timeout_s;  // PostgreSQL's statement_timeout in whole seconds (rounded up); 0: none
  const char *application_name;
  const char *role_name;    // the local role the query runs as
  bool superuser_mapping;   // the mapping's role is a superuser
  List *server_options;     // the raw options, for the provider's own
  List *user_options;
};

void load_http_server(ForeignServer *server, UserMapping *user, HttpServer *out);

// The shared settings applied to a client configuration (any provider's
// Config with server_name, endpoint, allow_http, tls, timeout_ms, retry).
// No PostgreSQL calls: may run inside guard().
template <class Config>
void apply_http_settings(const HttpServer &s, const std::string &public_endpoint, Config &c) {
  c.server_name = s.server_name;
  c.endpoint = s.endpoint != nullptr ? s.endpoint : public_endpoint;
  while (!c.endpoint.empty() && c.endpoint.back() == '/') c.endpoint.pop_back();
  c.allow_http = s.endpoint != nullptr;  // only a superuser sets an endpoint
  c.tls.verify = s.tls_verify;
  if (s.ca_file != nullptr) c.tls.ca_file = s.ca_file;
  if (s.https_proxy != nullptr) c.tls.proxy = s.https_proxy;
  c.timeout_ms = static_cast<long>(s.timeout_ms);
  c.retry.max_attempts = s.max_retries + 1;
  c.retry.base_delay_ms = static_cast<long>(s.retry_base_ms);
  c.retry.max_delay_ms = std::max(32000L, c.retry.base_delay_ms);
}

// A fingerprint of the shared settings plus the provider's `extra` values
// (nullptr allowed): a changed server or mapping (ALTER) gets a fresh client.
std::string http_config_key(const HttpServer &s, std::initializer_list<const char *> extra);

// The main thread's client of a user mapping (connections reused), rebuilt
// when its configuration key changes. `make` builds a new one. Inside guard().
template <class Client, class Make>
Client &cached_client(Oid umid, const std::string &key, Make make) {
  struct Entry {
    std::string key;
    std::unique_ptr<Client> client;
  };
  static std::map<Oid, Entry> clients;
  Entry &e = clients[umid];
  if (!e.client || e.key != key) {
    e.client = make();
    e.key = key;
  }
  return *e.client;
}

// The cells of a (small, metadata) page as palloc'd text, row-major, ""
// for NULL. Call inside pg_call() (it allocates while C++ objects live).
char **palloc_cells(const CellPage &page);

// The guardrails, before anything is billed: ERROR above max_cost_usd,
// NOTICE above warn_cost_usd (when `usd` is known, >= 0). `label`:
// "BigQuery"; `bytes_verb`: what the bytes are ("processed", "assigned");
// `detail`: how the price was computed; `narrow`: the hint's first advice.
void check_cost_limits(const HttpServer &s, const char *label, const char *relation_name, double bytes, double usd,
                       const char *bytes_verb, const char *detail, const char *narrow);

}  // namespace wfdw
