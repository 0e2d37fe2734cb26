#include "providers/postgres/pg/connection.hpp"

#include "core/option_catalog.hpp"
#include "pg/guard.hpp"
#include "pg/options.hpp"

namespace wfdw {
namespace {

struct ConnEntry {
  Oid key;              // user mapping OID (hash key, must be first)
  PGconn *conn;         // NULL when not connected
  int xact_depth;       // 0 = no remote transaction, 1 = main, >1 = savepoints
  bool changing_state;  // a transaction command was interrupted: unusable
  bool invalidated;     // options changed: reconnect when idle
  bool keep_connections;
  unsigned int cursor_number;
  Oid serverid;
  uint32 server_hashvalue;
  uint32 mapping_hashvalue;
  PendingQuery pending;
  char server_name[NAMEDATALEN];
};

HTAB *conn_hash = nullptr;
bool xact_got_connection = false;

// How long abort-time cleanup may wait for the remote (cancel, ROLLBACK)
// before the connection is discarded instead.
constexpr int kCleanupTimeoutMs = 30000;

void disconnect(ConnEntry *entry) {
  if (entry->conn != nullptr) {
    PQfinish(entry->conn);
    entry->conn = nullptr;
    ReleaseExternalFD();
  }
  entry->xact_depth = 0;
  entry->changing_state = false;
  entry->pending.owner = nullptr;
}

// Waits for the socket until `deadline_ms` (GetCurrentTimestamp-based) or
// forever when deadline is 0. Returns false on timeout.
bool wait_socket(PGconn *conn, int events, TimestampTz deadline) {
  long timeout = -1;
  int flags = WL_LATCH_SET | WL_EXIT_ON_PM_DEATH | events;
  if (deadline != 0) {
    TimestampTz now = GetCurrentTimestamp();
    if (now >= deadline) return false;
    timeout = TimestampDifferenceMilliseconds(now, deadline);
    flags |= WL_TIMEOUT;
  }
  int rc = WaitLatchOrSocket(MyLatch, flags, PQsocket(conn), timeout, PG_WAIT_EXTENSION);
  ResetLatch(MyLatch);
  CHECK_FOR_INTERRUPTS();
  return !(rc & WL_TIMEOUT) || (rc & events);
}

void connect_entry(ConnEntry *entry, UserMapping *user) {
  ForeignServer *server = GetForeignServer(user->serverid);
  ServerOptions opts;
  load_server_options(server, &opts);

  // Keywords: libpq options of the server and the user mapping, then ours.
  List *all = list_concat(list_copy(server->options), user->options);
  int n = list_length(all) + 4;
  const char **keywords = static_cast<const char **>(palloc0(sizeof(char *) * n));
  const char **values = static_cast<const char **>(palloc0(sizeof(char *) * n));
  int i = 0;
  bool has_password = false;
  bool password_required = true;
  int64 connect_timeout_ms = 0;
  ListCell *lc;
  foreach (lc, all) {
    DefElem *d = lfirst_node(DefElem, lc);
    const char *val = defGetString(d);
    if (strcmp(d->defname, "password_required") == 0) password_required = defGetBoolean(d);
    if (strcmp(d->defname, "connect_timeout") == 0) {
      connect_timeout_ms = option_duration_ms(d);
      continue;  // enforced by our own connect loop, which stays interruptible
    }
    const OptionSpec *spec = find_option("postgres", OptionScope::Server, d->defname);
    if (spec == nullptr) spec = find_option("postgres", OptionScope::UserMapping, d->defname);
    if (spec == nullptr || !spec->libpq) continue;
    if (strcmp(d->defname, "password") == 0 && val[0] != '\0') has_password = true;
    keywords[i] = d->defname;
    values[i] = val;
    i++;
  }
  keywords[i] = "fallback_application_name";
  values[i++] = "warehouse_fdw";
  keywords[i] = "client_encoding";
  values[i++] = GetDatabaseEncodingName();
  keywords[i] = nullptr;
  values[i] = nullptr;

  const bool superuser = superuser_arg(user->userid);
  if (!superuser && password_required && !has_password)
    ereport(ERROR, (errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
                    errmsg("password is required to connect to server \"%s\"", server->servername),
                    errdetail("Non-superusers must provide a password in the user mapping."),
                    errhint("Add a password option: ALTER USER MAPPING FOR CURRENT_USER SERVER %s "
                            "OPTIONS (ADD password '...').",
                            quote_identifier(server->servername))));

  if (!AcquireExternalFD())
    ereport(ERROR, (errcode(ERRCODE_FDW_UNABLE_TO_ESTABLISH_CONNECTION),
                    errmsg("could not connect to server \"%s\"", server->servername),
                    errdetail("There are too many open files on the local server."),
                    errhint("Raise the server's max_files_per_process and/or \"ulimit -n\" limits.")));

  // The entry owns the PGconn from the start, so an error or interrupt while
  // connecting leaves it where abort-time cleanup finds and closes it.
  entry->conn = PQconnectStartParams(keywords, values, false);
  if (entry->conn == nullptr) {
    ReleaseExternalFD();
    ereport(ERROR,
            (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory while connecting to \"%s\"", server->servername)));
  }
  TimestampTz deadline =
      connect_timeout_ms > 0 ? TimestampTzPlusMilliseconds(GetCurrentTimestamp(), connect_timeout_ms) : 0;
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  bool timed_out = false;
  while (PQstatus(entry->conn) != CONNECTION_BAD && st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
    int events = st == PGRES_POLLING_READING ? WL_SOCKET_READABLE : WL_SOCKET_WRITEABLE;
    if (!wait_socket(entry->conn, events, deadline)) {
      timed_out = true;
      break;
    }
    st = PQconnectPoll(entry->conn);
  }
  if (timed_out || PQstatus(entry->conn) != CONNECTION_OK) {
    char *why = pchomp(timed_out ? "timeout expired" : PQerrorMessage(entry->conn));
    disconnect(entry);
    ereport(ERROR, (errcode(ERRCODE_FDW_UNABLE_TO_ESTABLISH_CONNECTION),
                    errmsg("could not connect to server \"%s\"", server->servername), errdetail_internal("%s", why),
                    errhint("Check the host, port and dbname options of server \"%s\", the user mapping's "
                            "credentials, and that the remote server accepts connections.",
                            server->servername)));
  }

  if (!superuser && password_required && !PQconnectionUsedPassword(entry->conn)) {
    disconnect(entry);
    ereport(ERROR, (errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
                    errmsg("password is required to connect to server \"%s\"", server->servername),
                    errdetail("Non-superuser cannot connect if the server does not request a password."),
                    errhint("Target server's authentication method must be changed or "
                            "password_required=false set in the user mapping attributes.")));
  }

  // Pin the remote session so that text round-trips exactly: deparsed SQL is
  // schema-qualified against pg_catalog, times come back in UTC with ISO
  // dates, floats with every digit.
  exec_command(entry->conn,
               "SET search_path = pg_catalog; SET timezone = 'UTC'; SET datestyle = ISO; "
               "SET intervalstyle = postgres; SET extra_float_digits = 3",
               server->servername);
  entry->keep_connections = opts.keep_connections;
  entry->serverid = server->serverid;
  entry->server_hashvalue = GetSysCacheHashValue1(FOREIGNSERVEROID, ObjectIdGetDatum(server->serverid));
  entry->mapping_hashvalue = GetSysCacheHashValue1(USERMAPPINGOID, ObjectIdGetDatum(user->umid));
  strlcpy(entry->server_name, server->servername, NAMEDATALEN);
  entry->invalidated = false;
}

// Runs `sql` and reports whether it succeeded, without raising on a remote
// failure (used where a broken connection is retried).
bool try_command(PGconn *conn, const char *sql) {
  if (!PQsendQuery(conn, sql)) return false;
  PGresult *res = get_result(conn);
  bool ok = res != nullptr && PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok;
}

void begin_remote_xact(ConnEntry *entry, UserMapping *user) {
  int curlevel = GetCurrentTransactionNestLevel();
  if (entry->xact_depth <= 0) {
    const char *sql = IsolationIsSerializable() ? "START TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY"
                                                : "START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
    entry->changing_state = true;
    if (!try_command(entry->conn, sql)) {
      // A connection that broke while idle (remote restart, idle timeout,
      // terminated backend) is replaced once, transparently: nothing of this
      // local transaction has touched it yet.
      if (PQstatus(entry->conn) == CONNECTION_OK) {
        entry->changing_state = false;
        exec_command(entry->conn, sql, entry->server_name);  // raises the real error
      }
      ereport(DEBUG1, (errmsg_internal("warehouse_fdw: reconnecting to server \"%s\"", entry->server_name)));
      disconnect(entry);
      connect_entry(entry, user);
      entry->changing_state = true;
      exec_command(entry->conn, sql, entry->server_name);
    }
    entry->changing_state = false;
    entry->xact_depth = 1;
    entry->cursor_number = 0;
  }
  while (entry->xact_depth < curlevel) {
    char sql[64];
    snprintf(sql, sizeof(sql), "SAVEPOINT s%d", entry->xact_depth + 1);
    entry->changing_state = true;
    exec_command(entry->conn, sql, entry->server_name);
    entry->changing_state = false;
    entry->xact_depth++;
  }
}

// Abort-time helpers: never raise ERROR; give up after kCleanupTimeoutMs.
bool cleanup_wait_idle(PGconn *conn, TimestampTz deadline, bool *ok) {
  *ok = true;
  for (;;) {
    while (PQisBusy(conn)) {
      TimestampTz now = GetCurrentTimestamp();
      if (now >= deadline) return false;
      int rc = WaitLatchOrSocket(MyLatch, WL_LATCH_SET | WL_SOCKET_READABLE | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
                                 PQsocket(conn), TimestampDifferenceMilliseconds(now, deadline), PG_WAIT_EXTENSION);
      ResetLatch(MyLatch);
      CHECK_FOR_INTERRUPTS();  // interrupts are held during abort: a no-op there
      if ((rc & WL_SOCKET_READABLE) && !PQconsumeInput(conn)) return false;
    }
    PGresult *res = PQgetResult(conn);
    if (res == nullptr) return true;
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) *ok = false;
    PQclear(res);
  }
}

bool cancel_running_query(ConnEntry *entry) {
  if (PQtransactionStatus(entry->conn) != PQTRANS_ACTIVE) return true;
  PGcancel *cancel = PQgetCancel(entry->conn);
  if (cancel == nullptr) return false;
  char errbuf[256];
  bool sent = PQcancel(cancel, errbuf, sizeof(errbuf));
  PQfreeCancel(cancel);
  if (!sent) {
    ereport(WARNING, (errcode(ERRCODE_CONNECTION_FAILURE),
                      errmsg("could not send cancel request to server \"%s\": %s", entry->server_name, errbuf)));
    return false;
  }
  bool ok;
  return cleanup_wait_idle(entry->conn, TimestampTzPlusMilliseconds(GetCurrentTimestamp(), kCleanupTimeoutMs), &ok);
}

bool cleanup_command(ConnEntry *entry, const char *sql) {
  if (!PQsendQuery(entry->conn, sql)) return false;
  bool ok;
  if (!cleanup_wait_idle(entry->conn, TimestampTzPlusMilliseconds(GetCurrentTimestamp(), kCleanupTimeoutMs), &ok))
    return false;
  if (!ok)
    ereport(WARNING,
            (errmsg("could not run \"%s\" on server \"%s\"; the connection will be closed", sql, entry->server_name)));
  return ok;
}

void xact_callback_body(XactEvent event) {
  if (!xact_got_connection) return;
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, conn_hash);
  ConnEntry *entry;
  while ((entry = static_cast<ConnEntry *>(hash_seq_search(&scan)))) {
    if (entry->conn == nullptr) continue;
    if (entry->xact_depth > 0) {
      switch (event) {
        case XACT_EVENT_PARALLEL_PRE_COMMIT:
        case XACT_EVENT_PRE_COMMIT:
          // Read-only remote work: COMMIT cannot lose data, but it must not
          // fail later, at COMMIT proper, where an error becomes a PANIC.
          absorb_pending(&entry->pending);
          entry->changing_state = true;
          exec_command(entry->conn, "COMMIT TRANSACTION", entry->server_name);
          entry->changing_state = false;
          break;
        case XACT_EVENT_PRE_PREPARE:
          ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                          errmsg("cannot PREPARE a transaction that has read warehouse_fdw foreign tables")));
          break;
        case XACT_EVENT_PARALLEL_COMMIT:
        case XACT_EVENT_COMMIT:
        case XACT_EVENT_PREPARE:
          elog(ERROR, "warehouse_fdw: connection to \"%s\" was not cleaned up before commit", entry->server_name);
          break;
        case XACT_EVENT_PARALLEL_ABORT:
        case XACT_EVENT_ABORT:
          entry->pending.owner = nullptr;
          entry->changing_state = true;
          if (PQstatus(entry->conn) == CONNECTION_OK && cancel_running_query(entry) &&
              cleanup_command(entry, "ABORT TRANSACTION"))
            entry->changing_state = false;
          break;
      }
    }
    entry->xact_depth = 0;
    entry->pending.owner = nullptr;
    if (PQstatus(entry->conn) != CONNECTION_OK || PQtransactionStatus(entry->conn) != PQTRANS_IDLE ||
        entry->changing_state || entry->invalidated || !entry->keep_connections)
      disconnect(entry);
  }
  xact_got_connection = false;
}

void subxact_callback_body(SubXactEvent event) {
  if (!xact_got_connection) return;
  if (event != SUBXACT_EVENT_PRE_COMMIT_SUB && event != SUBXACT_EVENT_ABORT_SUB) return;
  int curlevel = GetCurrentTransactionNestLevel();
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, conn_hash);
  ConnEntry *entry;
  while ((entry = static_cast<ConnEntry *>(hash_seq_search(&scan)))) {
    if (entry->conn == nullptr || entry->xact_depth < curlevel) continue;
    char sql[100];
    if (event == SUBXACT_EVENT_PRE_COMMIT_SUB) {
      absorb_pending(&entry->pending);
      snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT s%d", curlevel);
      entry->changing_state = true;
      exec_command(entry->conn, sql, entry->server_name);
      entry->changing_state = false;
    } else if (!entry->changing_state) {
      // Roll the remote back to the savepoint so the connection stays usable
      // for the rest of the local transaction.
      entry->pending.owner = nullptr;
      entry->changing_state = true;
      snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT s%d; RELEASE SAVEPOINT s%d", curlevel, curlevel);
      if (PQstatus(entry->conn) == CONNECTION_OK && cancel_running_query(entry) && cleanup_command(entry, sql))
        entry->changing_state = false;
    }
    entry->xact_depth--;
  }
}

void inval_callback_body(int cacheid, uint32 hashvalue) {
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, conn_hash);
  ConnEntry *entry;
  while ((entry = static_cast<ConnEntry *>(hash_seq_search(&scan)))) {
    if (entry->conn == nullptr) continue;
    if (hashvalue == 0 || (cacheid == FOREIGNSERVEROID && entry->server_hashvalue == hashvalue) ||
        (cacheid == USERMAPPINGOID && entry->mapping_hashvalue == hashvalue)) {
      if (entry->xact_depth == 0)
        disconnect(entry);
      else
        entry->invalidated = true;
    }
  }
}

// The callbacks registered with PostgreSQL.
WFDW_PG_ENTRY void xact_callback(XactEvent event, void *) {
  guard([&] { xact_callback_body(event); });
}
WFDW_PG_ENTRY void subxact_callback(SubXactEvent event, SubTransactionId, SubTransactionId, void *) {
  guard([&] { subxact_callback_body(event); });
}
WFDW_PG_ENTRY void inval_callback(Datum, int cacheid, uint32 hashvalue) {
  guard([&] { inval_callback_body(cacheid, hashvalue); });
}

}  // namespace

PGconn *get_connection(UserMapping *user, PendingQuery **pending) {
  if (conn_hash == nullptr) {
    HASHCTL ctl;
    ctl.keysize = sizeof(Oid);
    ctl.entrysize = sizeof(ConnEntry);
    conn_hash = hash_create("warehouse_fdw connections", 8, &ctl, HASH_ELEM | HASH_BLOBS);
    RegisterXactCallback(xact_callback, nullptr);
    RegisterSubXactCallback(subxact_callback, nullptr);
    CacheRegisterSyscacheCallback(FOREIGNSERVEROID, inval_callback, (Datum)0);
    CacheRegisterSyscacheCallback(USERMAPPINGOID, inval_callback, (Datum)0);
  }
  xact_got_connection = true;
  bool found;
  Oid key = user->umid;
  ConnEntry *entry = static_cast<ConnEntry *>(hash_search(conn_hash, &key, HASH_ENTER, &found));
  if (!found) {
    entry->conn = nullptr;
    entry->xact_depth = 0;
    entry->changing_state = false;
    entry->invalidated = false;
    entry->pending.owner = nullptr;
    entry->pending.absorb = nullptr;
  }
  if (entry->conn != nullptr && entry->changing_state)
    ereport(ERROR,
            (errcode(ERRCODE_CONNECTION_EXCEPTION), errmsg("connection to server \"%s\" was lost", entry->server_name),
             errhint("An earlier remote command was interrupted; the connection is usable again in the "
                     "next transaction.")));
  if (entry->conn != nullptr && (entry->invalidated || PQstatus(entry->conn) != CONNECTION_OK) &&
      entry->xact_depth == 0)
    disconnect(entry);
  if (entry->conn == nullptr) connect_entry(entry, user);
  absorb_pending(&entry->pending);
  begin_remote_xact(entry, user);
  if (pending != nullptr) *pending = &entry->pending;
  return entry->conn;
}

unsigned int next_cursor_number(PGconn *conn) {
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, conn_hash);
  ConnEntry *entry;
  unsigned int n = 0;
  while ((entry = static_cast<ConnEntry *>(hash_seq_search(&scan)))) {
    if (entry->conn == conn) {
      n = ++entry->cursor_number;
      hash_seq_term(&scan);
      break;
    }
  }
  return n;
}

void absorb_pending(PendingQuery *pending) {
  if (pending != nullptr && pending->owner != nullptr) {
    void *owner = pending->owner;
    pending->owner = nullptr;
    pending->absorb(owner);
  }
}

PGresult *get_result(PGconn *conn) {
  PGresult *volatile last = nullptr;
  PG_TRY();
  {
    for (;;) {
      while (PQisBusy(conn)) {
        int rc = WaitLatchOrSocket(MyLatch, WL_LATCH_SET | WL_SOCKET_READABLE | WL_EXIT_ON_PM_DEATH, PQsocket(conn),
                                   -1L, PG_WAIT_EXTENSION);
        ResetLatch(MyLatch);
        CHECK_FOR_INTERRUPTS();
        if ((rc & WL_SOCKET_READABLE) && !PQconsumeInput(conn)) {
          PQclear(last);
          last = nullptr;
          goto done;  // connection trouble: the caller reports PQerrorMessage
        }
      }
      PGresult *res = PQgetResult(conn);
      if (res == nullptr) break;
      // Keep the first error: later results of a multi-statement string are
      // never produced after one, but a COPY/FETCH pair may follow success.
      if (last != nullptr && PQresultStatus(last) == PGRES_FATAL_ERROR) {
        PQclear(res);
        continue;
      }
      PQclear(last);
      last = res;
    }
  done:;
  }
  PG_CATCH();
  {
    PQclear(last);
    PG_RE_THROW();
  }
  PG_END_TRY();
  return last;
}

void report_remote_error(int elevel, PGresult *res, PGconn *conn, const char *sql, const char *server_name,
                         bool clear) {
  const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : nullptr;
  const char *context = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : nullptr;
  int code = ERRCODE_CONNECTION_FAILURE;
  if (sqlstate != nullptr && strlen(sqlstate) == 5)
    code = MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3], sqlstate[4]);
  // Copy everything into palloc'd memory first: the PGresult is malloc'd and
  // must be freed before ereport jumps away.
  char *m = pstrdup(primary ? primary : pchomp(PQerrorMessage(conn)));
  char *d = detail ? pstrdup(detail) : nullptr;
  char *h = hint ? pstrdup(hint) : nullptr;
  char *c = context ? pstrdup(context) : nullptr;
  if (clear) PQclear(res);
  if (m[0] == '\0') m = pstrdup("could not obtain message string for remote error");
  bool broken = PQstatus(conn) != CONNECTION_OK;
  // errcontext() expands to a comma expression: build each piece first.
  char *where = sql ? psprintf("remote SQL command on server \"%s\": %s", server_name, sql)
                    : psprintf("server \"%s\"", server_name);
  if (h == nullptr && broken)
    h = psprintf("The connection to server \"%s\" was lost; it is re-established in the next transaction.",
                 server_name);
  if (c != nullptr) where = psprintf("%s\n%s", c, where);
  ereport(elevel, (errcode(code), errmsg_internal("%s", m), d ? errdetail_internal("%s", d) : 0,
                   h ? errhint("%s", h) : 0, errcontext("%s", where)));
}

void exec_command(PGconn *conn, const char *sql, const char *server_name) {
  if (!PQsendQuery(conn, sql)) report_remote_error(ERROR, nullptr, conn, sql, server_name);
  PGresult *res = get_result(conn);
  if (res == nullptr || PQresultStatus(res) != PGRES_COMMAND_OK)
    report_remote_error(ERROR, res, conn, sql, server_name);
  PQclear(res);
}

PGresult *exec_query(PGconn *conn, const char *sql, const char *server_name) {
  if (!PQsendQuery(conn, sql)) report_remote_error(ERROR, nullptr, conn, sql, server_name);
  PGresult *res = get_result(conn);
  if (res == nullptr || PQresultStatus(res) != PGRES_TUPLES_OK) report_remote_error(ERROR, res, conn, sql, server_name);
  return res;
}

bool test_connection(ForeignServer *server, UserMapping *user) {
  PGconn *conn = get_connection(user, nullptr);
  PGresult *res = exec_query(conn, "SELECT 1", server->servername);
  bool ok = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "1") == 0;
  PQclear(res);
  return ok;
}

bool remote_explain_estimate(UserMapping *user, const char *server_name, const char *sql, double *rows, int *width,
                             Cost *startup, Cost *total) {
  PGconn *conn = get_connection(user, nullptr);
  // The extended protocol: exactly one statement ("SELECT 1; COMMIT; ..."
  // is refused by the remote), inside the READ ONLY remote transaction.
  char *explain = psprintf("EXPLAIN %s", sql);
  if (!PQsendQueryParams(conn, explain, 0, nullptr, nullptr, nullptr, nullptr, 0))
    report_remote_error(ERROR, nullptr, conn, explain, server_name);
  PGresult *res = get_result(conn);
  if (res == nullptr || PQresultStatus(res) != PGRES_TUPLES_OK)
    report_remote_error(ERROR, res, conn, explain, server_name);
  const char *line = PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "";
  const char *p = strrchr(line, '(');
  int n = p ? sscanf(p, "(cost=%lf..%lf rows=%lf width=%d)", startup, total, rows, width) : 0;
  PQclear(res);
  return n == 4;
}

}  // namespace wfdw
