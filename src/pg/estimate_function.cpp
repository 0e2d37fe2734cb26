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

#include "pg/guard.hpp"
#include "pg/options.hpp"
#include "pg/provider.hpp"
#include "pg/remote_cost.hpp"

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

// Fills the result row from the provider's estimate.
void fill_estimate(const wfdw::ProviderOps &provider, const wfdw::SqlEstimate &e, Datum *values, bool *nulls) {
  if (e.bytes >= 0) {
    values[0] = Int64GetDatum(static_cast<int64>(e.bytes));
    nulls[0] = false;
  }
  const char *text = nullptr;
  if (e.usd >= 0) {
    values[1] = DirectFunctionCall3(numeric_in, CStringGetDatum(psprintf("%.6f", e.usd)), ObjectIdGetDatum(InvalidOid),
                                    Int32GetDatum(-1));
    nulls[1] = false;
    text = cost_warning(e.max_cost_usd, e.warn_cost_usd, e.usd);
  } else if (e.bytes < 0 && provider.cost_usd != nullptr) {
    text = "the endpoint reported no byte estimate";
  } else {
    text = e.note;
  }
  if (text != nullptr) {
    values[2] = CStringGetTextDatum(text);
    nulls[2] = false;
  }
}

// Why `sql` is not one read query ("" when it is), into a plain buffer: the
// std::string dies before the caller can raise.
void find_query_problem(const char *sql, bool hash_comments, char *out, size_t cap) {
  wfdw::guard([&] { snprintf(out, cap, "%s", wfdw::read_query_problem(sql, hash_comments).c_str()); });
}

Datum estimate_body(FunctionCallInfo fcinfo) {
  char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
  char *sql = text_to_cstring(PG_GETARG_TEXT_PP(1));
  UserMapping *user;
  wfdw::ServerOptions opts;
  ForeignServer *server = wfdw::usable_server(name, &user, &opts);
  char problem[256];
  find_query_problem(sql, opts.provider->info().hash_comments, problem, sizeof(problem));
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

  wfdw::SqlEstimate e = {-1, -1, -1, -1, nullptr};
  opts.provider->estimate_sql(server, user, sql, &e);
  fill_estimate(*opts.provider, e, values, nulls);
  PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

}  // namespace

extern "C" Datum warehouse_fdw_estimate(PG_FUNCTION_ARGS) { WFDW_GUARDED(return estimate_body(fcinfo);); }
