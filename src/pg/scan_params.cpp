// See scan_params.hpp.
#include "pg/scan_params.hpp"

#include "pg/deparse.hpp"

namespace wfdw {

void init_scan_params(ScanParams *p, ForeignScanState *node) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  memset(p, 0, sizeof(*p));
  p->count = list_length(plan->fdw_exprs);
  p->values = static_cast<const char **>(palloc0(sizeof(char *) * Max(p->count, 1)));
  if (p->count == 0) return;
  p->out = static_cast<FmgrInfo *>(palloc0(sizeof(FmgrInfo) * p->count));
  p->types = static_cast<Oid *>(palloc0(sizeof(Oid) * p->count));
  int i = 0;
  ListCell *lc;
  foreach (lc, plan->fdw_exprs) {
    Oid typoutput;
    bool varlena;
    p->types[i] = exprType(static_cast<Node *>(lfirst(lc)));
    getTypeOutputInfo(p->types[i], &typoutput, &varlena);
    fmgr_info(typoutput, &p->out[i++]);
  }
  p->exprs = ExecInitExprList(plan->fdw_exprs, reinterpret_cast<PlanState *>(node));
}

void eval_scan_params(ScanParams *p, ExprContext *econtext, ParamTextFn text) {
  if (p->count == 0) return;
  MemoryContext old = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
  int nestlevel = set_transmission_modes();
  int i = 0;
  ListCell *lc;
  foreach (lc, p->exprs) {
    bool isnull;
    Datum v = ExecEvalExpr(static_cast<ExprState *>(lfirst(lc)), econtext, &isnull);
    p->values[i] = isnull                ? nullptr
                   : text != nullptr ? text(p->types[i], &p->out[i], v)
                                     : OutputFunctionCall(&p->out[i], v);
    i++;
  }
  reset_transmission_modes(nestlevel);
  MemoryContextSwitchTo(old);
}

}  // namespace wfdw
