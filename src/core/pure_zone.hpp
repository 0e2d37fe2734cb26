// Included by every pure C++ header. A pure translation unit (#define
// WFDW_PURE_TU before its includes) must never see postgres.h: code there
// reports failures by throwing and owns memory with RAII, which ereport's
// longjmp would skip. PG-zone files may include pure headers freely. The
// CMake build also compiles the pure zone without PostgreSQL's include path.
#pragma once
#if defined(WFDW_PURE_TU) && defined(POSTGRES_H)
static_assert(false, "postgres.h reached a pure C++ translation unit; see docs/architecture.md");
#endif
