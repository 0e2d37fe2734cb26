// The executor callbacks: each scan's provider is resolved once, at
// BeginForeignScan, from the name the planner put in the plan; every later
// callback goes straight to it through the scan's handle. Also the
// planner-to-executor list (fdw_private), built and read here by name.
#include "pg/fdw_routines.hpp"
#include "pg/gov_statement.hpp"
#include "pg/guard.hpp"
#include "pg/provider.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

namespace {

// Slots of ForeignScan->fdw_private (a List of copyable nodes), as
// postgres_fdw's FdwScanPrivateIndex: each read and written by name.
enum ScanPrivateSlot {
  kSql,             // String: the remote query
  kRetrievedAttrs,  // List of Integer: what each result column fills
  kFetchSize,       // Integer
  kServerName,      // String
  kRelationName,    // String: the foreign tables read, for messages
  kEstBytes,        // Float: the warehouse's byte estimate at plan time (-1: none)
  kEstPartsAssigned,
  kEstPartsTotal,
  kProvider,   // String: the provider's name (ProviderInfo::name)
  kRelations,  // String: "Relations:" of a join or aggregate ("" for a table)
  kSlotCount
};

Node *float_node(double v) { return reinterpret_cast<Node *>(makeFloat(psprintf("%.17g", v))); }

}  // namespace

List *make_scan_private(const char *sql, List *retrieved_attrs, int fetch_size, const char *server_name,
                        const char *relation_name, const RemoteEstimate &est, const char *provider,
                        const char *relations) {
  Node *slots[kSlotCount];
  slots[kSql] = reinterpret_cast<Node *>(makeString(pstrdup(sql)));
  slots[kRetrievedAttrs] = reinterpret_cast<Node *>(retrieved_attrs);
  slots[kFetchSize] = reinterpret_cast<Node *>(makeInteger(fetch_size));
  slots[kServerName] = reinterpret_cast<Node *>(makeString(pstrdup(server_name)));
  slots[kRelationName] = reinterpret_cast<Node *>(makeString(pstrdup(relation_name)));
  slots[kEstBytes] = float_node(est.bytes);
  slots[kEstPartsAssigned] = float_node(est.parts_assigned);
  slots[kEstPartsTotal] = float_node(est.parts_total);
  slots[kProvider] = reinterpret_cast<Node *>(makeString(pstrdup(provider)));
  slots[kRelations] = reinterpret_cast<Node *>(makeString(pstrdup(relations)));
  List *l = NIL;
  for (Node *n : slots) l = lappend(l, n);
  return l;
}

UserMapping *scan_user_mapping(ForeignScanState *node) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  // A join or aggregate scans no single relation: any of its base
  // relations has the server and user (the planner checked they agree).
  Index rtindex = plan->scan.scanrelid;
#if PG_VERSION_NUM >= 160000
  if (rtindex == 0) rtindex = bms_next_member(plan->fs_base_relids, -1);
#else
  if (rtindex == 0) rtindex = bms_next_member(plan->fs_relids, -1);
#endif
  RangeTblEntry *rte = exec_rt_fetch(rtindex, node->ss.ps.state);
#if PG_VERSION_NUM >= 160000
  Oid userid = OidIsValid(plan->checkAsUser) ? plan->checkAsUser : GetUserId();
#else
  Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
  return GetUserMapping(userid, GetForeignTable(rte->relid)->serverid);
}

TupleDesc scan_tuple_desc(ForeignScanState *node) { return node->ss.ss_ScanTupleSlot->tts_tupleDescriptor; }

void explain_remote_query(ForeignScanState *node, const ScanPrivate &priv, ExplainState *es) {
  if (castNode(ForeignScan, node->ss.ps.plan)->scan.scanrelid == 0)
    ExplainPropertyText("Relations", priv.relations, es);
  if (es->verbose) {
    ExplainPropertyText("Server", priv.server_name, es);
    ExplainPropertyText("Remote SQL", priv.sql, es);
  }
}

ScanPrivate read_scan_private(List *fdw_private) {
  ScanPrivate p;
  p.sql = strVal(list_nth(fdw_private, kSql));
  p.retrieved_attrs = static_cast<List *>(list_nth(fdw_private, kRetrievedAttrs));
  p.fetch_size = intVal(list_nth(fdw_private, kFetchSize));
  p.server_name = strVal(list_nth(fdw_private, kServerName));
  p.relation_name = strVal(list_nth(fdw_private, kRelationName));
  p.est.bytes = floatVal(list_nth(fdw_private, kEstBytes));
  p.est.parts_assigned = floatVal(list_nth(fdw_private, kEstPartsAssigned));
  p.est.parts_total = floatVal(list_nth(fdw_private, kEstPartsTotal));
  p.est.rows = -1;
  p.provider = strVal(list_nth(fdw_private, kProvider));
  p.relations = strVal(list_nth(fdw_private, kRelations));
  return p;
}

namespace {

// node->fdw_state of every scan: its provider and the provider's state.
struct ScanHandle {
  const ProviderOps *ops;
  void *state;  // nullptr under plain EXPLAIN
};

ScanHandle *handle(ForeignScanState *node) { return static_cast<ScanHandle *>(node->fdw_state); }

}  // namespace

// Each executor callback runs under cost governance's error context, which
// notes the SQLSTATE of an error raised inside it (gov_statement.hpp).
void begin_foreign_scan(ForeignScanState *node, int eflags) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanHandle *h = static_cast<ScanHandle *>(palloc0(sizeof(ScanHandle)));
  h->ops = &provider_ops(read_scan_private(plan->fdw_private).provider);
  node->fdw_state = h;
  ErrorContextCallback cb;
  gov_push_error_context(&cb);
  h->state = h->ops->begin_scan(node, eflags);
  gov_pop_error_context(&cb);
}

TupleTableSlot *iterate_foreign_scan(ForeignScanState *node) {
  ScanHandle *h = handle(node);
  ErrorContextCallback cb;
  gov_push_error_context(&cb);
  TupleTableSlot *slot = h->ops->iterate_scan(node, h->state);
  gov_pop_error_context(&cb);
  return slot;
}

void rescan_foreign_scan(ForeignScanState *node) {
  ScanHandle *h = handle(node);
  if (h->state == nullptr) return;
  ErrorContextCallback cb;
  gov_push_error_context(&cb);
  h->ops->rescan(node, h->state);
  gov_pop_error_context(&cb);
}

void end_foreign_scan(ForeignScanState *node) {
  ScanHandle *h = handle(node);
  if (h == nullptr || h->state == nullptr) return;
  ErrorContextCallback cb;
  gov_push_error_context(&cb);
  h->ops->end_scan(node, h->state);
  gov_pop_error_context(&cb);
}

void explain_foreign_scan(ForeignScanState *node, ExplainState *es) {
  ScanHandle *h = handle(node);
  h->ops->explain_scan(node, h->state, es);
}

}  // namespace wfdw
