// The C++/PostgreSQL boundary. Every function PostgreSQL calls runs its body
// through wfdw_guard(): a C++ exception is caught there, copied into plain
// buffers (no allocation), and raised as a PostgreSQL error only after the
// try/catch has ended, when no C++ object is alive on the frame. PostgreSQL
// errors raised inside the body (ereport) pass through untouched: PG-zone code
// keeps no objects with destructors on frames ereport can cross.
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

}  // namespace wfdw

// Wraps the body of a V1 SQL-callable function (fcinfo in scope).
#define WFDW_GUARDED(body) return ::wfdw::guard([&]() -> Datum { body })
