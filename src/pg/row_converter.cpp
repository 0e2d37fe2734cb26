#include "pg/row_converter.hpp"

namespace wfdw {
namespace {

void conversion_error_context(void *arg) {
  RowConverter *conv = static_cast<RowConverter *>(arg);
  if (conv->current < 0) return;
  Form_pg_attribute att = TupleDescAttr(conv->desc, conv->slot_index[conv->current]);
  errcontext("column \"%s\" of foreign table %s (server \"%s\")", NameStr(att->attname), conv->relation_name,
             conv->server_name);
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
  int j = 0;
  ListCell *lc;
  foreach (lc, retrieved_attrs) {
    int attnum = lfirst_int(lc);
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
    if (v == nullptr) continue;
    int idx = conv->slot_index[j];
    conv->current = j;
    values[idx] = conv->plain_text[j]
                      ? PointerGetDatum(cstring_to_text(v))
                      : InputFunctionCall(&conv->infuncs[j], const_cast<char *>(v), conv->ioparams[j], conv->typmods[j]);
    isnull[idx] = false;
  }
  conv->current = -1;
  error_context_stack = errcb.previous;
}

}  // namespace wfdw
