// What the planner hands the executor in ForeignScan->fdw_private (a List of
// copyable nodes), built and read in one place.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

struct ScanPrivate {
  char *sql;
  List *retrieved_attrs;
  int fetch_size;
  char *server_name;
  char *relation_name;
  double est_bytes;  // BigQuery: bytes the dry run reported at plan time, -1 unknown
  bool bigquery;     // which provider executes the scan
};

List *make_scan_private(const char *sql, List *retrieved_attrs, int fetch_size, const char *server_name,
                        const char *relation_name, double est_bytes, bool bigquery);

// Whether the plan of `node` is a BigQuery scan: read from the plan, not the
// catalogs, because the executor asks on every row.
bool is_bigquery_scan(ForeignScanState *node);

// The user mapping a scan runs with: the view owner's for views, else the
// current user's.
UserMapping *scan_user_mapping(ForeignScanState *node);
ScanPrivate read_scan_private(List *fdw_private);

}  // namespace wfdw
