// libpq connections of the postgres provider: one per user mapping per
// backend, reused across queries, invalidated by ALTER SERVER / ALTER USER
// MAPPING, with one remote transaction per local transaction (REPEATABLE READ
// or SERIALIZABLE, READ ONLY) and a savepoint per local subtransaction level.
// Every wait is interruptible (WaitLatchOrSocket + CHECK_FOR_INTERRUPTS).
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

// At most one asynchronous query (a prefetching FETCH) is in flight on a
// connection. Its owner registers how to absorb the result, so that anyone
// else who needs the connection first collects it into the owner's state.
struct PendingQuery {
  void (*absorb)(void *owner);
  void *owner;
};

// Returns a connection with a remote transaction open at the current local
// subtransaction level. `pending` points into the cached entry.
PGconn *get_connection(UserMapping *user, PendingQuery **pending);

// A fresh cursor number, unique within the connection's remote transaction.
unsigned int next_cursor_number(PGconn *conn);

// Collects a pending async query, if any, so the connection is free.
void absorb_pending(PendingQuery *pending);

// Runs a command that returns no rows; raises a remote error with its SQLSTATE.
void exec_command(PGconn *conn, const char *sql, const char *server_name);
// Runs a query; returns a PGRES_TUPLES_OK result the caller must PQclear, or
// raises the remote error.
PGresult *exec_query(PGconn *conn, const char *sql, const char *server_name);
// Waits (interruptibly) for the result of a query already sent; returns the
// last result (the caller clears it) or NULL if the connection failed.
PGresult *get_result(PGconn *conn);

// Raises (or, below ERROR, reports) a remote error: remote SQLSTATE, message,
// detail and hint, with the server name and SQL as context. Clears `res`
// unless `clear` is false (the caller keeps it).
void report_remote_error(int elevel, PGresult *res, PGconn *conn, const char *sql, const char *server_name,
                         bool clear = true);

// warehouse_fdw_test_connection(): connect and run a trivial query.
bool test_connection(ForeignServer *server, UserMapping *user);

// Runs EXPLAIN `sql` on the remote of `user` and reads the top plan line's
// estimates; false when the line cannot be read.
bool remote_explain_estimate(UserMapping *user, const char *server_name, const char *sql, double *rows, int *width,
                             Cost *startup, Cost *total);

}  // namespace wfdw
