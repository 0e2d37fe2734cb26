// The C++/PostgreSQL boundary (docs/architecture.md, "The boundary").
//
// Entry points: every function PostgreSQL calls (extern "C" functions, and
// every callback, hook or sampler handed to PostgreSQL, marked WFDW_PG_ENTRY)
// has one statement as its body: a wfdw::guard() call. A C++ exception is
// caught there, copied into plain buffers (no allocation), and raised as a
// PostgreSQL error only after the try/catch has ended, when no C++ object is
// alive on the frame. PostgreSQL errors raised inside the body (ereport) pass
// through untouched: PG-zone code keeps no objects with destructors on frames
// ereport can cross. A frame that must hold C++ objects and call PostgreSQL
// makes those calls through wfdw::pg_call(), which turns a PostgreSQL error
// into a C++ exception so that C++ unwinding runs the destructors.
//
// tests/lint/check_boundary.py (a stage of scripts/test.sh) checks all three.
#pragma once
#include <exception>
#include <new>
#include <type_traits>

#include "core/errors.hpp"
#include "pg/pg.hpp"

namespace wfdw {

struct CaughtError {
  char sqlstate[6];
  char message[1024];
  char detail[1024];
  char hint[1024];
  bool interrupted;  // a wfdw::Interrupted: let CHECK_FOR_INTERRUPTS report it
};

// Fills `out` from the exception in flight. noexcept: copies only.
void capture_current_exception(CaughtError &out) noexcept;
// Raises `err` as ERROR. Never returns.
[[noreturn]] void raise_caught_error(const CaughtError &err);

// Network waits on the main thread stop when PostgreSQL wants to cancel or
// die; reading these flags is a memory read, not a PostgreSQL call, so pure
// code may call this through an AbortCheck.
inline bool main_thread_should_abort() { return QueryCancelPending || ProcDiePending; }

// Copies the PostgreSQL error being handled (inside PG_CATCH) into `out`,
// switching back to `cxt` and flushing the error state. The error's SQLSTATE,
// message, detail and hint are kept.
void capture_pg_error(MemoryContext cxt, CaughtError &out);
// Throws `err` as a wfdw::Error. Never returns.
[[noreturn]] void throw_caught_error(const CaughtError &err);

template <typename F>
auto guard(F &&body) -> decltype(body()) {
  CaughtError err;
  try {
    return body();
  } catch (...) {
    capture_current_exception(err);
  }
  raise_caught_error(err);
}

// Calls PostgreSQL (palloc, pstrdup, ...) from a frame that holds C++
// objects: a PostgreSQL error raised by `body` becomes a wfdw::Error thrown
// from here, so the C++ frames below unwind normally and the guard at the
// entry point raises it again. `body` itself must hold no C++ object with a
// destructor, and must not return, throw or jump out other than by
// returning normally. Returns what `body` returns (a trivially copyable
// value, typically a pointer to palloc'd memory).
template <typename F>
auto pg_call(F &&body) -> decltype(body()) {
  using R = decltype(body());
  static_assert(std::is_void_v<R> || std::is_trivially_copyable_v<R>, "pg_call returns plain values only");
  if constexpr (std::is_void_v<R>) {
    MemoryContext cxt = CurrentMemoryContext;
    CaughtError err;
    volatile bool failed = false;
    PG_TRY();
    { body(); }
    PG_CATCH();
    {
      capture_pg_error(cxt, err);
      failed = true;
    }
    PG_END_TRY();
    if (failed) throw_caught_error(err);
  } else {
    R result{};  // on this frame, which does not setjmp: never clobbered
    pg_call([&] { result = body(); });
    return result;
  }
}

}  // namespace wfdw

// Marks a function handed to PostgreSQL (FDW callback, hook, memory-context,
// transaction, syscache or error-context callback, ANALYZE's sampler). Its
// body must be one guard() call; extern "C" functions follow the same rule
// without the mark. Checked by tests/lint/check_boundary.py.
#define WFDW_PG_ENTRY

// Wraps the body of a V1 SQL-callable function (fcinfo in scope).
#define WFDW_GUARDED(body) return ::wfdw::guard([&]() -> Datum { body })
