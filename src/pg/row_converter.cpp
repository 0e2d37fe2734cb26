#include "pg/row_converter.hpp"
#include "pg/guard.hpp"

#include "access/sysattr.h"

namespace wfdw {
namespace {

WFDW_PG_ENTRY void conversion_error_context(void *arg) {
  guard([&] {
    RowConverter *conv = static_cast<RowConverter *>(arg);
    if (conv->current < 0) return;
    Form_pg_attribute att = TupleDescAttr(conv->desc, conv->slot_index[conv->current]);
    errcontext("column \"%s\" of foreign table %s (server \"%s\")", NameStr(att->attname), conv->relation_name,
               conv->server_name);
  });
}

}  // namespace

void init_row_converter(RowConverter *conv, TupleDesc desc, List *retrieved_attrs, const char *relation_name,
                        const char *server_name) {
  int n = list_length(retrieved_attrs);
  int cap = Max(n, 1);
  conv->ncolumns = n;
  conv->slot_index = static_cast<int *>(palloc(sizeof(int) * cap));
  conv->infuncs = static_cast<FmgrInfo *>(palloc(sizeof(FmgrInfo) * cap));
  conv->ioparams = static_cast<Oid *>(palloc(sizeof(Oid) * cap));
  conv->typmods = static_cast<int32 *>(palloc(sizeof(int32) * cap));
  conv->plain_text = static_cast<bool *>(palloc(sizeof(bool) * cap));
  conv->desc = desc;
  conv->relation_name = pstrdup(relation_name);
  conv->server_name = pstrdup(server_name);
  conv->current = -1;
  conv->ctid_column = -1;
  ItemPointerSetInvalid(&conv->ctid);
  int j = 0;
  ListCell *lc;
  foreach (lc, retrieved_attrs) {
    int attnum = lfirst_int(lc);
    if (attnum == SelfItemPointerAttributeNumber) {
      // The remote ctid: parsed with tidin, kept beside the row.
      Oid infunc;
      getTypeInputInfo(TIDOID, &infunc, &conv->ioparams[j]);
      fmgr_info(infunc, &conv->infuncs[j]);
      conv->slot_index[j] = -1;
      conv->typmods[j] = -1;
      conv->plain_text[j] = false;
      conv->ctid_column = j;
      j++;
      continue;
    }
    Form_pg_attribute att = TupleDescAttr(desc, attnum - 1);
    Oid infunc;
    getTypeInputInfo(att->atttypid, &infunc, &conv->ioparams[j]);
    fmgr_info(infunc, &conv->infuncs[j]);
    conv->slot_index[j] = attnum - 1;
    conv->typmods[j] = att->atttypmod;
    conv->plain_text[j] = att->atttypid == TEXTOID || (att->atttypid == VARCHAROID && att->atttypmod < 0);
    j++;
  }
}

uint64 convert_row(RowConverter *conv, PGresult *res, int row, Datum *values, bool *isnull) {
  memset(isnull, true, sizeof(bool) * conv->desc->natts);
  ItemPointerSetInvalid(&conv->ctid);
  ErrorContextCallback errcb;
  errcb.callback = conversion_error_context;
  errcb.arg = conv;
  errcb.previous = error_context_stack;
  error_context_stack = &errcb;
  uint64 bytes = 7;  // DataRow message header
  for (int j = 0; j < conv->ncolumns; j++) {
    int idx = conv->slot_index[j];
    int len = PQgetlength(res, row, j);
    bytes += 4 + len;
    if (PQgetisnull(res, row, j)) continue;
    char *v = PQgetvalue(res, row, j);
    if (j == conv->ctid_column) {
      ItemPointer tid = reinterpret_cast<ItemPointer>(
          DatumGetPointer(InputFunctionCall(&conv->infuncs[j], v, conv->ioparams[j], -1)));
      conv->ctid = *tid;
      continue;
    }
    conv->current = j;
    values[idx] = conv->plain_text[j] ? PointerGetDatum(cstring_to_text_with_len(v, len))
                                      : InputFunctionCall(&conv->infuncs[j], v, conv->ioparams[j], conv->typmods[j]);
    isnull[idx] = false;
  }
  conv->current = -1;
  error_context_stack = errcb.previous;
  return bytes;
}

void convert_cells(RowConverter *conv, const char *const *cells, Datum *values, bool *isnull) {
  memset(isnull, true, sizeof(bool) * conv->desc->natts);
  ErrorContextCallback errcb;
  errcb.callback = conversion_error_context;
  errcb.arg = conv;
  errcb.previous = error_context_stack;
  error_context_stack = &errcb;
  for (int j = 0; j < conv->ncolumns; j++) {
    const char *v = cells[j];
    if (v == nullptr || j == conv->ctid_column) continue;
    int idx = conv->slot_index[j];
    conv->current = j;
    values[idx] = conv->plain_text[j] ? PointerGetDatum(cstring_to_text(v))
                                      : InputFunctionCall(&conv->infuncs[j], const_cast<char *>(v), conv->ioparams[j],
                                                          conv->typmods[j]);
    isnull[idx] = false;
  }
  conv->current = -1;
  error_context_stack = errcb.previous;
}

void finish_system_columns(TupleTableSlot *slot, const RowConverter *conv) {
  MemoryContext old = MemoryContextSwitchTo(slot->tts_mcxt);
  HeapTuple tuple = heap_form_tuple(slot->tts_tupleDescriptor, slot->tts_values, slot->tts_isnull);
  MemoryContextSwitchTo(old);
  // heap_form_tuple writes a composite Datum's header, whose fields share
  // their place with xmin/xmax/cmin: without this the tuple's length would
  // read as its xmin.
  HeapTupleHeaderSetXmax(tuple->t_data, InvalidTransactionId);
  HeapTupleHeaderSetXmin(tuple->t_data, InvalidTransactionId);
  HeapTupleHeaderSetCmin(tuple->t_data, InvalidTransactionId);
  tuple->t_self = tuple->t_data->t_ctid = conv->ctid;
  ExecForceStoreHeapTuple(tuple, slot, true);
  slot->tts_tid = conv->ctid;
}

}  // namespace wfdw
