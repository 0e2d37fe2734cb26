// warehouse_fdw_estimate(server, sql): what a query in the warehouse's own
// dialect would scan and cost, without running it. BigQuery: a dry run.
// Snowflake: EXPLAIN USING JSON's bytes assigned (an upper bound), priced
// when the server has price_per_credit and credits_per_tib. PostgreSQL: the
// remote planner's rows x width (no per-query price).
//
// Who may call it: EXECUTE is revoked from PUBLIC (extension 1.1; a
// superuser grants it), the caller needs USAGE on the server and a user
// mapping, and the text must be one read query (see core/read_query.hpp).
#include "core/read_query.hpp"

#include "pg/bigquery.hpp"
#include "pg/remote_cost.hpp"
#include "pg/snowflake.hpp"
#include "pg/connection.hpp"
#include "pg/guard.hpp"

extern "C" {
PG_FUNCTION_INFO_V1(warehouse_fdw_estimate);
}

namespace {

char *cost_warning(double max_cost_usd, double warn_cost_usd, double usd) {
  if (max_cost_usd >= 0 && usd > max_cost_usd)
    return psprintf("estimated cost %s exceeds max_cost_usd %s: a scan would be refused", wfdw::format_usd(usd),
                    wfdw::format_usd(max_cost_usd));
  if (warn_cost_usd >= 0 && usd > warn_cost_usd)
    return psprintf("estimated cost %s exceeds warn_cost_usd %s", wfdw::format_usd(usd),
                    wfdw::format_usd(warn_cost_usd));
  return nullptr;
}

// Fills the result row from bytes and dollars (either may be -1: unknown).
void fill_estimate(double bytes, double usd, double max_cost_usd, double warn_cost_usd, const char *no_price,
                   Datum *values, bool *nulls) {
  if (bytes < 0) {
    values[2] = CStringGetTextDatum("the endpoint reported no byte estimate");
    nulls[2] = false;
    return;
  }
  values[0] = Int64GetDatum(static_cast<int64>(bytes));
  nulls[0] = false;
  if (usd < 0) {
    values[2] = CStringGetTextDatum(no_price);
    nulls[2] = false;
    return;
  }
  values[1] = DirectFunctionCall3(numeric_in, CStringGetDatum(psprintf("%.6f", usd)), ObjectIdGetDatum(InvalidOid),
                                  Int32GetDatum(-1));
  nulls[1] = false;
  char *warning = cost_warning(max_cost_usd, warn_cost_usd, usd);
  if (warning != nullptr) {
    values[2] = CStringGetTextDatum(warning);
    nulls[2] = false;
  }
}

// Why `sql` is not one read query ("" when it is), into a plain buffer: the
// std::string dies before the caller can raise.
void find_query_problem(const char *sql, bool bigquery, char *out, size_t cap) {
  wfdw::guard([&] { snprintf(out, cap, "%s", wfdw::read_query_problem(sql, bigquery).c_str()); });
}

Datum estimate_body(FunctionCallInfo fcinfo) {
  char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
  char *sql = text_to_cstring(PG_GETARG_TEXT_PP(1));
  UserMapping *user;
  wfdw::ServerOptions opts;
  ForeignServer *server = wfdw::usable_server(name, &user, &opts);
  char problem[256];
  find_query_problem(sql, wfdw::is_bigquery(opts), problem, sizeof(problem));
  if (problem[0] != '\0')
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                    errmsg("warehouse_fdw_estimate accepts one read query only: %s", problem),
                    errhint("Pass a SELECT (or WITH ... SELECT, VALUES, TABLE) in the dialect of server \"%s\", "
                            "without EXPLAIN or its options.",
                            server->servername)));
  wfdw::check_options_for_provider(server, user->options, wfdw::OptionScope::UserMapping);

  TupleDesc desc;
  if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("function returning record called in a context "
                                                                   "that cannot accept type record")));
  desc = BlessTupleDesc(desc);
  Datum values[3] = {0, 0, 0};
  bool nulls[3] = {true, true, true};

  if (wfdw::is_bigquery(opts)) {
    wfdw::BqServer srv;
    wfdw::load_bq_server(server, user, 1, &srv);
    double bytes = wfdw::bq_dry_run_bytes(srv, sql);
    fill_estimate(bytes, wfdw::bq_cost_usd(srv, bytes), srv.max_cost_usd, srv.warn_cost_usd, "", values, nulls);
  } else if (wfdw::is_snowflake(opts)) {
    wfdw::SfServer srv;
    wfdw::load_sf_server(server, user, &srv);
    double bytes = wfdw::sf_explain_estimate(srv, sql).bytes;
    fill_estimate(bytes, wfdw::sf_cost_usd(srv, bytes), srv.max_cost_usd, srv.warn_cost_usd,
                  "bytes assigned by Snowflake's EXPLAIN (an upper bound); set the server's price_per_credit and "
                  "credits_per_tib for a dollar estimate",
                  values, nulls);
  } else {
    double rows;
    int width;
    Cost startup, total;
    if (wfdw::remote_explain_estimate(user, server->servername, sql, &rows, &width, &startup, &total)) {
      values[0] = Int64GetDatum(static_cast<int64>(rows * width));
      nulls[0] = false;
    }
    values[2] = CStringGetTextDatum(
        "PostgreSQL servers have no per-query price: bytes are the remote planner's "
        "rows x width");
    nulls[2] = false;
  }
  PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

}  // namespace

extern "C" Datum warehouse_fdw_estimate(PG_FUNCTION_ARGS) { WFDW_GUARDED(return estimate_body(fcinfo);); }
