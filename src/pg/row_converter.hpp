// Text values of a libpq result row -> Datums of a local tuple descriptor.
// Used by scans and by ANALYZE; errors name the column, table and server.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

struct RowConverter {
  int ncolumns;     // retrieved columns, in result order
  int *slot_index;  // their 0-based attribute index in the tuple descriptor
  FmgrInfo *infuncs;
  Oid *ioparams;
  int32 *typmods;
  bool *plain_text;  // text/varchar: copy the bytes, no parsing
  TupleDesc desc;
  const char *relation_name;
  const char *server_name;
  int current;           // column being converted, for the error context
  int ctid_column;       // result column holding the remote ctid, or -1
  ItemPointerData ctid;  // of the last converted row (invalid if none)
};

// Completes a stored row of a scan that reads system columns (the plan's
// fsSystemCol): the slot gets a real tuple, so xmin/xmax/cmin/cmax read as
// 0 (as in postgres_fdw), and its ctid is the remote row's where the remote
// sent one, else invalid. tableoid is set by the executor.
void finish_system_columns(TupleTableSlot *slot, const RowConverter *conv);

void init_row_converter(RowConverter *conv, TupleDesc desc, List *retrieved_attrs, const char *relation_name,
                        const char *server_name);

// Fills values/isnull (all desc->natts entries) from row `row` of `res`, in
// CurrentMemoryContext. Returns the DataRow wire size of the row.
uint64 convert_row(RowConverter *conv, PGresult *res, int row, Datum *values, bool *isnull);

// The same from NUL-terminated texts, one per retrieved column (NULL: SQL
// NULL), e.g. a decoded BigQuery page.
void convert_cells(RowConverter *conv, const char *const *cells, Datum *values, bool *isnull);

}  // namespace wfdw
