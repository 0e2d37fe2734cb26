#include "pg/guard.hpp"

#include <cstdio>
#include <cstring>

namespace wfdw {
namespace {

void copy_text(char *dst, size_t cap, const char *src) noexcept { snprintf(dst, cap, "%s", src != nullptr ? src : ""); }

}  // namespace

void capture_current_exception(CaughtError &out) noexcept {
  std::memset(&out, 0, sizeof(out));
  try {
    throw;
  } catch (const Interrupted &e) {
    out.interrupted = true;
    copy_text(out.sqlstate, sizeof(out.sqlstate), e.sqlstate().c_str());
    copy_text(out.message, sizeof(out.message), e.what());
  } catch (const Error &e) {
    copy_text(out.sqlstate, sizeof(out.sqlstate), e.sqlstate().c_str());
    copy_text(out.message, sizeof(out.message), e.what());
    copy_text(out.detail, sizeof(out.detail), e.detail().c_str());
    copy_text(out.hint, sizeof(out.hint), e.hint().c_str());
  } catch (const std::bad_alloc &) {
    copy_text(out.sqlstate, sizeof(out.sqlstate), sqlstate::kOutOfMemory);
    copy_text(out.message, sizeof(out.message), "out of memory in warehouse_fdw");
  } catch (const std::exception &e) {
    copy_text(out.sqlstate, sizeof(out.sqlstate), sqlstate::kInternal);
    // A JSON library error that no provider translated: its text names
    // nothing useful ("[json.exception.type_error.306] ..."); say what it is.
    if (std::strncmp(e.what(), "[json.exception.", 16) == 0) {
      copy_text(out.sqlstate, sizeof(out.sqlstate), sqlstate::kFdwError);
      copy_text(out.message, sizeof(out.message), "a warehouse response was not the JSON its API documents");
      copy_text(out.hint, sizeof(out.hint),
                "Check the server's endpoint option: it must be the service itself, not a proxy or another service.");
    } else {
      copy_text(out.message, sizeof(out.message), e.what());
    }
  } catch (...) {
    copy_text(out.sqlstate, sizeof(out.sqlstate), sqlstate::kInternal);
    copy_text(out.message, sizeof(out.message), "unknown C++ exception in warehouse_fdw");
  }
  if (std::strlen(out.sqlstate) != 5) copy_text(out.sqlstate, sizeof(out.sqlstate), sqlstate::kInternal);
}

void capture_pg_error(MemoryContext cxt, CaughtError &out) {
  MemoryContextSwitchTo(cxt);
  ErrorData *ed = CopyErrorData();
  FlushErrorState();
  std::memset(&out, 0, sizeof(out));
  copy_text(out.sqlstate, sizeof(out.sqlstate), unpack_sql_state(ed->sqlerrcode));
  copy_text(out.message, sizeof(out.message), ed->message);
  copy_text(out.detail, sizeof(out.detail), ed->detail);
  copy_text(out.hint, sizeof(out.hint), ed->hint);
  FreeErrorData(ed);
}

void throw_caught_error(const CaughtError &err) { throw Error(err.sqlstate, err.message, err.detail, err.hint); }

void raise_caught_error(const CaughtError &err) {
  // The wait was abandoned because of a pending cancel or timeout: raise
  // PostgreSQL's own error for it ("canceling statement due to ...").
  if (err.interrupted) CHECK_FOR_INTERRUPTS();
  const char *s = err.sqlstate;
  int code = MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4]);
  ereport(ERROR, (errcode(code), errmsg_internal("%s", err.message),
                  err.detail[0] ? errdetail_internal("%s", err.detail) : 0, err.hint[0] ? errhint("%s", err.hint) : 0));
  pg_unreachable();
}

}  // namespace wfdw
