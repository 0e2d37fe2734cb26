// The parameters of a parameterized scan (ForeignScan->fdw_exprs: outer
// values a nested loop or subplan passes in), for every provider: set up at
// BeginForeignScan, evaluated as text at each (re)start of the remote query.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

struct ScanParams {
  int count;
  List *exprs;  // ExprState per parameter
  FmgrInfo *out;
  Oid *types;
  const char **values;  // of the last evaluation; nullptr: NULL (per-tuple memory)
};

// How a provider writes one non-NULL value (palloc'd text).
using ParamTextFn = char *(*)(Oid type, FmgrInfo *out, Datum value);

void init_scan_params(ScanParams *p, ForeignScanState *node);
// Evaluates every parameter in the per-tuple memory of `econtext`, under
// the remote-safe output settings (set_transmission_modes). `text` nullptr:
// the type's output function.
void eval_scan_params(ScanParams *p, ExprContext *econtext, ParamTextFn text);

}  // namespace wfdw
