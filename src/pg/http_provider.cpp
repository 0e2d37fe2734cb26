// See http_provider.hpp.
#include "core/option_values.hpp"

#include <cmath>

#include "pg/guard.hpp"
#include "pg/http_provider.hpp"
#include "pg/options.hpp"
#include "pg/remote_cost.hpp"

namespace wfdw {

void load_http_server(ForeignServer *server, UserMapping *user, HttpServer *out) {
  memset(out, 0, sizeof(*out));
  List *so = server->options;
  List *uo = user->options;
  out->umid = user->umid;
  out->server_name = server->servername;
  out->endpoint = find_option_value(so, "endpoint");
  out->ca_file = find_option_value(so, "ca_file");
  out->https_proxy = find_option_value(so, "https_proxy");
  const char *verify = find_option_value(so, "tls_verify");
  out->tls_verify = verify == nullptr || guard([&] { return parse_bool_option("tls_verify", verify); });
  out->timeout_ms = option_ms_or(so, "timeout", 300000);
  out->max_retries = static_cast<int>(option_int_or(so, "max_retries", 5));
  out->retry_base_ms = option_ms_or(so, "retry_base_delay", 1000);
  out->max_cost_usd = option_real_or(uo, "max_cost_usd", option_real_or(so, "max_cost_usd", -1));
  out->warn_cost_usd = option_real_or(uo, "warn_cost_usd", option_real_or(so, "warn_cost_usd", -1));
  // The statement stops in the warehouse too when PostgreSQL's timeout would
  // cancel it here (whole seconds, rounded up).
  out->statement_timeout_s = StatementTimeout > 0 ? (StatementTimeout + 999) / 1000 : 0;
  out->application_name = application_name != nullptr ? pstrdup(application_name) : "";
  out->role_name = GetUserNameFromId(GetUserId(), false);
  out->superuser_mapping = superuser_arg(user->userid);
  out->server_options = so;
  out->user_options = uo;
}

std::string http_config_key(const HttpServer &s, std::initializer_list<const char *> extra) {
  std::string k;
  for (const char *v : {s.server_name, s.endpoint, s.ca_file, s.https_proxy, s.role_name, s.application_name})
    k += (v != nullptr ? v : "\x01") + std::string("\x02");
  for (const char *v : extra) k += (v != nullptr ? v : "\x01") + std::string("\x02");
  k += std::to_string(s.tls_verify) + "/" + std::to_string(s.timeout_ms) + "/" + std::to_string(s.max_retries) + "/" +
       std::to_string(s.retry_base_ms) + "/" + std::to_string(s.statement_timeout_s) + "/" +
       std::to_string(s.superuser_mapping);
  return k;
}

char **palloc_cells(const CellPage &page) {
  size_t n = page.nrows * page.ncols;
  char **cells = static_cast<char **>(palloc0(sizeof(char *) * (n + 1)));
  for (size_t r = 0; r < page.nrows; r++)
    for (size_t c = 0; c < page.ncols; c++) {
      const char *v = page.cell(r, c);
      cells[r * page.ncols + c] = pstrdup(v != nullptr ? v : "");
    }
  return cells;
}

void check_cost_limits(const HttpServer &s, const char *label, const char *relation_name, double bytes, double usd,
                       const char *bytes_verb, const char *detail, const char *narrow) {
  if (usd < 0) return;
  if (s.max_cost_usd >= 0 && usd > s.max_cost_usd)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("%s query on %s would cost an estimated %s, above max_cost_usd %s of server \"%s\"", label,
                           relation_name, format_usd(usd), format_usd(s.max_cost_usd), s.server_name),
                    errdetail("%s", detail),
                    errhint("%s, or raise the limit: ALTER USER MAPPING FOR CURRENT_USER SERVER %s OPTIONS (ADD "
                            "max_cost_usd '%.2f') (SET if it exists).",
                            narrow, quote_identifier(s.server_name), std::ceil(usd * 100) / 100)));
  if (s.warn_cost_usd >= 0 && usd > s.warn_cost_usd)
    ereport(NOTICE, (errmsg("%s query on %s will cost an estimated %s (%s %s), above warn_cost_usd %s of server \"%s\"",
                            label, relation_name, format_usd(usd), format_bytes(bytes), bytes_verb,
                            format_usd(s.warn_cost_usd), s.server_name)));
}

}  // namespace wfdw
