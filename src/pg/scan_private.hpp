// What the planner hands the executor in ForeignScan->fdw_private (a List of
// copyable nodes), built and read in one place.
#pragma once
#include "pg/options.hpp"

namespace wfdw {

// What the warehouse said at plan time about the scan's query (-1: unknown).
struct RemoteEstimate {
  double bytes;           // BigQuery dry run bytes; Snowflake bytesAssigned; ...
  double parts_assigned;  // Snowflake micro-partitions assigned ...
  double parts_total;     // ... of the tables' total
  // Plan time only (not in the plan): the warehouse's estimate of the rows
  // the scan's query returns (Databricks' EXPLAIN COST rowCount), or -1.
  double rows = -1;
};

struct ScanPrivate {
  char *sql;
  List *retrieved_attrs;
  int fetch_size;
  char *server_name;
  char *relation_name;  // the foreign tables read, for messages
  char *relations;      // a join's or aggregate's "Relations:"; "" for a table
  RemoteEstimate est;
  char *provider;  // the name of the provider that executes the scan
};

List *make_scan_private(const char *sql, List *retrieved_attrs, int fetch_size, const char *server_name,
                        const char *relation_name, const RemoteEstimate &est, const char *provider,
                        const char *relations = "");

// The user mapping a scan runs with: the view owner's for views, else the
// current user's.
UserMapping *scan_user_mapping(ForeignScanState *node);
ScanPrivate read_scan_private(List *fdw_private);

// The descriptor of the rows a scan returns: the foreign table's, or for a
// pushed join or aggregate the one built from its fdw_scan_tlist.
TupleDesc scan_tuple_desc(ForeignScanState *node);

// EXPLAIN's Relations (joins and aggregates) and, with VERBOSE, the server
// and the remote query.
void explain_remote_query(ForeignScanState *node, const ScanPrivate &priv, ExplainState *es);

}  // namespace wfdw
