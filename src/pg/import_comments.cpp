#include "pg/import_comments.hpp"
#include "pg/guard.hpp"

extern "C" {
#include "catalog/namespace.h"
#include "commands/comment.h"
#include "tcop/utility.h"
}

namespace wfdw {
namespace {

struct PendingComment {
  char *table;
  char *attname;  // NULL for the table
  char *comment;
};

// PendingComment *, in the IMPORT statement's memory context; forgotten
// when that context goes (end of statement or error).
List *pending = NIL;
ProcessUtility_hook_type prev_process_utility = nullptr;

WFDW_PG_ENTRY void forget_pending(void *) {
  guard([] { pending = NIL; });
}

void apply_comments(CreateForeignTableStmt *stmt) {
  const char *relname = stmt->base.relation->relname;
  Oid relid = InvalidOid;
  ListCell *lc;
  foreach (lc, pending) {
    auto *pc = static_cast<PendingComment *>(lfirst(lc));
    if (strcmp(pc->table, relname) != 0) continue;
    if (!OidIsValid(relid)) {
      CommandCounterIncrement();  // make the new relation visible to lookups
      relid = RangeVarGetRelid(stmt->base.relation, NoLock, false);
    }
    int32 subid = 0;
    if (pc->attname != nullptr) {
      subid = get_attnum(relid, pc->attname);
      if (subid == InvalidAttrNumber) continue;
    }
    CreateComments(relid, RelationRelationId, subid, pc->comment);
  }
}

void process_utility_body(PlannedStmt *pstmt, const char *query, bool read_only_tree, ProcessUtilityContext context,
                          ParamListInfo params, QueryEnvironment *env, DestReceiver *dest, QueryCompletion *qc) {
  if (prev_process_utility != nullptr)
    prev_process_utility(pstmt, query, read_only_tree, context, params, env, dest, qc);
  else
    standard_ProcessUtility(pstmt, query, read_only_tree, context, params, env, dest, qc);
  if (pending != NIL && IsA(pstmt->utilityStmt, CreateForeignTableStmt))
    apply_comments(reinterpret_cast<CreateForeignTableStmt *>(pstmt->utilityStmt));
}

WFDW_PG_ENTRY void process_utility(PlannedStmt *pstmt, const char *query, bool read_only_tree,
                                   ProcessUtilityContext context, ParamListInfo params, QueryEnvironment *env,
                                   DestReceiver *dest, QueryCompletion *qc) {
  guard([&] { process_utility_body(pstmt, query, read_only_tree, context, params, env, dest, qc); });
}

}  // namespace

void install_import_comment_hook() {
  prev_process_utility = ProcessUtility_hook;
  ProcessUtility_hook = process_utility;
}

void expect_import_comment(const char *table, const char *attname, const char *comment) {
  if (comment == nullptr || comment[0] == '\0') return;
  if (pending == NIL) {
    auto *cb = static_cast<MemoryContextCallback *>(palloc0(sizeof(MemoryContextCallback)));
    cb->func = forget_pending;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, cb);
  }
  auto *pc = static_cast<PendingComment *>(palloc(sizeof(PendingComment)));
  pc->table = pstrdup(table);
  pc->attname = attname != nullptr ? pstrdup(attname) : nullptr;
  pc->comment = pstrdup(comment);
  pending = lappend(pending, pc);
}

bool import_table_selected(ImportForeignSchemaStmt *stmt, const char *name) {
  if (stmt->list_type == FDW_IMPORT_SCHEMA_ALL) return true;
  bool listed = false;
  ListCell *lc;
  foreach (lc, stmt->table_list)
    if (strcmp(static_cast<RangeVar *>(lfirst(lc))->relname, name) == 0) listed = true;
  return stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO ? listed : !listed;
}

}  // namespace wfdw
