'use strict';
// Google's official Node.js client (@google-cloud/bigquery) against the local
// BigQuery fake: every call below must be accepted by the client and every
// value decoded as the client would decode it from BigQuery. Prints a table
// "call | PASS/FAIL | detail" and exits non-zero on any FAIL.
//
// Run by `bash scripts/test.sh conformance` (stage conformance), which
// installs the client under /var/cache/warehouse_fdw/npm and starts the fake
// with --result-cache. Environment: WFDW_BQ_PORT (the fake), WFDW_BQ_KEY_FILE
// (a service-account key file the fake trusts; its token_uri is the fake's).
const fs = require('fs');
const crypto = require('crypto');
const assert = require('assert');
const {BigQuery, BigQueryTimestamp, BigQueryDate, BigQueryDatetime, BigQueryTime, BigQueryInt, Geography} =
  require('@google-cloud/bigquery');
const {OAuth2Client} = require('google-auth-library');
const Big = require('big.js');

const PORT = process.env.WFDW_BQ_PORT;
const KEY_FILE = process.env.WFDW_BQ_KEY_FILE;
if (!PORT || !KEY_FILE) {
  console.error('set WFDW_BQ_PORT and WFDW_BQ_KEY_FILE');
  process.exit(2);
}
const BASE = `http://127.0.0.1:${PORT}`;

// -- auth: a service-account JWT exchanged at the key file's token_uri -------
// (google-auth-library's JWT client posts to Google's token URL whatever the
// key file says, so the assertion is signed here and the client is given an
// OAuth2Client whose refreshHandler mints tokens from the fake.)
async function mintToken() {
  const sa = JSON.parse(fs.readFileSync(KEY_FILE, 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const enc = o => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = enc({alg: 'RS256', typ: 'JWT', kid: sa.private_key_id}) + '.' +
    enc({iss: sa.client_email, scope: 'https://www.googleapis.com/auth/bigquery', aud: sa.token_uri,
         iat: now, exp: now + 3600});
  const sig = crypto.sign('RSA-SHA256', Buffer.from(signed), sa.private_key).toString('base64url');
  const r = await fetch(sa.token_uri, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
                               assertion: signed + '.' + sig}),
  });
  const doc = await r.json();
  if (!r.ok) throw new Error('token endpoint: ' + JSON.stringify(doc));
  return {access_token: doc.access_token, expiry_date: Date.now() + doc.expires_in * 1000};
}
const authClient = new OAuth2Client();
authClient.refreshHandler = mintToken;

const bq = new BigQuery({projectId: 'fake-project', apiEndpoint: BASE, authClient, location: 'US',
                         maxRetries: 1});
const analytics = bq.dataset('analytics');

// -- the table of results ------------------------------------------------------
const results = [];
async function check(call, fn) {
  let status = 'PASS', detail = '';
  try {
    const d = await fn();
    if (typeof d === 'string') detail = d;
  } catch (e) {
    status = 'FAIL';
    detail = (e && (e.code ? `[${e.code}] ` : '') + (e.message || String(e))).replace(/\s+/g, ' ');
    const reasons = e && e.errors && e.errors.map(x => x.reason).join(',');
    if (reasons) detail += ` (reason ${reasons})`;
  }
  results.push([call, status, detail.slice(0, 110)]);
}
// The client's own authenticated request (bq.request takes a callback).
function api(method, uri, json) {
  return new Promise((resolve, reject) =>
    bq.request({method, uri, json}, (err, body) => (err ? reject(err) : resolve(body))));
}
async function fake(path, body) {
  const r = await fetch(BASE + path, body === undefined ? {} :
    {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
  return r.json();
}
// The error a promise rejects with (fails when it resolves).
async function rejection(p) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, the call succeeded');
}
function expectReason(e, code, reason) {
  const got = (e.errors || []).map(x => x.reason);
  assert.strictEqual(e.code, code, `HTTP ${e.code}, expected ${code}: ${e.message}`);
  assert.ok(got.includes(reason), `reasons ${JSON.stringify(got)}, expected ${reason}: ${e.message}`);
}

// -- the types fixture (tests/providers/bigquery/bigquery_data.sql, analytics.all_types)
const TYPE_SCHEMA = [
  ['id', 'INTEGER', 'REQUIRED'], ['i64', 'INTEGER'], ['f64', 'FLOAT'], ['num', 'NUMERIC'], ['bignum', 'BIGNUMERIC'],
  ['flag', 'BOOLEAN'], ['s', 'STRING'], ['b', 'BYTES'], ['d', 'DATE'], ['t', 'TIME'], ['dt', 'DATETIME'],
  ['ts', 'TIMESTAMP'], ['j', 'JSON'], ['geo', 'GEOGRAPHY'], ['iv', 'INTERVAL'], ['arr_i', 'INTEGER', 'REPEATED'],
  ['arr_s', 'STRING', 'REPEATED'], ['st', 'RECORD'],
];
const JSON_NULL = Symbol('JSON null');  // a JSON value null, not SQL NULL
const EXPECTED_ROWS = [
  {id: '1', i64: '9223372036854775807', f64: 1.5, num: '12345678901234567890.123456789',
   bignum: '1234567890123456789012345678901234567890.12345678901234567890123456789012345678', flag: true,
   s: 'plain', b: [0, 255, 16], d: '2026-11-21', t: '23:59:59.999999', dt: '2026-11-21 10:11:12.123456',
   ts: 1795255872654321n, j: {a: [1, 2, {b: null}]}, geo: 'POINT(1 2)', iv: '1-2 3 4:5:6.789',
   arr_i: ['1', '2', '3'], arr_s: ['a', 'b,c', 'd"e'], st: {street: 'Main St', zip: '12345', tags: ['x', 'y']}},
  {id: '2', i64: '-9223372036854775808', f64: NaN, num: '-0.000000001', bignum: '0', flag: false,
   s: "quote ' back \\ nl \n tab \t", b: [], d: '0001-01-01', t: '00:00:00', dt: '1970-01-01 00:00:00',
   ts: -1n, j: [], geo: 'LINESTRING(0 0, 1 1)', iv: '-1-2 3 -4:5:6', arr_i: [], arr_s: [],
   st: {street: null, zip: null, tags: []}},
  {id: '3', i64: '0', f64: Infinity, num: '1e-20', bignum: null, flag: null, s: '', b: null, d: '9999-12-31',
   t: null, dt: '9999-12-31 23:59:59.999999', ts: 9223372036854775n, j: JSON_NULL, geo: null, iv: '0-0 0 0:0:0',
   arr_i: [], arr_s: ['only'], st: null},
  {id: '4', i64: null, f64: -Infinity, num: null, bignum: null, flag: null, s: null, b: null, d: null, t: null,
   dt: null, ts: null, j: null, geo: null, iv: null, arr_i: [], arr_s: [], st: null},
];
// Compares a row the client decoded (wrapIntegers: true) with EXPECTED_ROWS.
function checkTypedRow(got, want) {
  const where = `id ${want.id}`;
  const eq = (col, a, b) => assert.deepStrictEqual(a, b, `${where} ${col}: got ${fmt(a)}, expected ${fmt(b)}`);
  const int = (col, v, w) => {
    if (w === null) return eq(col, v, null);
    assert.ok(v instanceof BigQueryInt, `${where} ${col}: ${fmt(v)} is not a BigQueryInt`);
    eq(col, v.value, w);
  };
  int('id', got.id, want.id);
  int('i64', got.i64, want.i64);
  if (Number.isNaN(want.f64)) assert.ok(Number.isNaN(got.f64), `${where} f64: ${got.f64} is not NaN`);
  else eq('f64', got.f64, want.f64);
  for (const col of ['num', 'bignum']) {
    if (want[col] === null) { eq(col, got[col], null); continue; }
    assert.ok(got[col] instanceof Big, `${where} ${col}: ${fmt(got[col])} is not a Big`);
    assert.ok(got[col].eq(new Big(want[col])), `${where} ${col}: ${got[col]} != ${want[col]}`);
  }
  eq('flag', got.flag, want.flag);
  eq('s', got.s, want.s);
  if (want.b === null) eq('b', got.b, null);
  else {
    assert.ok(Buffer.isBuffer(got.b), `${where} b: ${fmt(got.b)} is not a Buffer`);
    eq('b', [...got.b], want.b);
  }
  const wrapped = (col, cls) => {
    if (want[col] === null) return eq(col, got[col], null);
    assert.ok(got[col] instanceof cls, `${where} ${col}: ${fmt(got[col])} is not a ${cls.name}`);
    let v = got[col].value;
    if (col === 'dt') v = v.replace('T', ' ').replace(/\.0+$/, '');  // BigQuery trims a zero fraction
    eq(col, v, want[col].replace(/\.0+$/, ''));
  };
  wrapped('d', BigQueryDate);
  wrapped('t', BigQueryTime);
  wrapped('dt', BigQueryDatetime);
  if (want.ts === null) eq('ts', got.ts, null);
  else {
    assert.ok(got.ts instanceof BigQueryTimestamp, `${where} ts: ${fmt(got.ts)} is not a BigQueryTimestamp`);
    // What the client makes of BigQuery's int64 microseconds (its own steps: version 8.3.1 renders a
    // pre-epoch instant with a fraction wrongly, e.g. -1 as 1970-01-01T00:00:00.999999Z; the wire
    // value itself is checked by 'TIMESTAMP before the epoch on the wire').
    const {PreciseDate} = require('@google-cloud/precise-date');
    const pd = new PreciseDate();
    pd.setFullTime(PreciseDate.parseFull(want.ts * 1000n));
    const exp = new BigQueryTimestamp(pd).value;
    eq('ts', got.ts.value, exp);
  }
  if (want.j === null) eq('j', got.j, null);
  else if (want.j === JSON_NULL) eq('j', got.j, 'null');
  else eq('j', JSON.parse(got.j), want.j);
  wrapped('geo', Geography);
  eq('iv', got.iv, want.iv);
  const ints = a => a.map(x => { assert.ok(x instanceof BigQueryInt, `${where}: ${fmt(x)} not a BigQueryInt`); return x.value; });
  eq('arr_i', ints(got.arr_i), want.arr_i);
  eq('arr_s', got.arr_s, want.arr_s);
  if (want.st === null) eq('st', got.st, null);
  else {
    assert.ok(got.st && typeof got.st === 'object', `${where} st: ${fmt(got.st)} is not a struct`);
    eq('st', {street: got.st.street, zip: got.st.zip === null ? null : got.st.zip.value, tags: got.st.tags},
       want.st);
  }
}
function fmt(v) {
  if (v === null || v === undefined) return String(v);
  if (v instanceof Big) return 'Big(' + v.toString() + ')';
  if (typeof v === 'object' && v.constructor && v.constructor.name !== 'Object' && 'value' in v)
    return v.constructor.name + '(' + JSON.stringify(v.value) + ')';
  try { return JSON.stringify(v); } catch (e) { return String(v); }
}
function checkTypedRows(rows) {
  assert.strictEqual(rows.length, EXPECTED_ROWS.length, `${rows.length} rows`);
  const byId = {};
  for (const r of rows) byId[r.id instanceof BigQueryInt ? r.id.value : r.id] = r;
  for (const w of EXPECTED_ROWS) {
    assert.ok(byId[w.id], `no row id ${w.id}`);
    checkTypedRow(byId[w.id], w);
  }
  return `${rows.length} rows, ${Object.keys(EXPECTED_ROWS[0]).length} columns`;
}

// events: user_id = g % 997 for g in 1..20000.
const eventsOf = ids => ids.reduce((n, u) => n + Math.floor((20000 - (u || 997)) / 997) + 1, 0);

async function main() {
  await fake('/_fake/reset', {});
  const before = await fake('/_fake/state');

  await check('query: named parameters', async () => {
    const [rows] = await bq.query({
      query: 'SELECT @n AS n, @s AS s, @f AS f, @b AS b, @d AS d, @ts AS ts, ' +
             '(SELECT COUNT(*) FROM analytics.events WHERE user_id = @n) AS c',
      params: {n: 5, s: "it's", f: 2.25, b: true, d: bq.date('2026-11-21'),
               ts: bq.timestamp('2026-11-21T10:11:12.5Z')},
    });
    assert.strictEqual(rows.length, 1);
    const r = rows[0];
    assert.deepStrictEqual([r.n, r.s, r.f, r.b, r.c], [5, "it's", 2.25, true, eventsOf([5])], fmt(r));
    assert.ok(r.d instanceof BigQueryDate && r.d.value === '2026-11-21', fmt(r.d));
    assert.ok(r.ts instanceof BigQueryTimestamp && r.ts.value === '2026-11-21T10:11:12.500Z', fmt(r.ts));
  });
  await check('query: positional parameters', async () => {
    const [rows] = await bq.query({query: 'SELECT ? AS x, ? AS y, ? AS z', params: [7, 'zz', null],
                                   types: ['INT64', 'STRING', 'STRING']});
    assert.deepStrictEqual(rows, [{x: 7, y: 'zz', z: null}], fmt(rows));
  });
  await check('query: ARRAY parameter', async () => {
    const [rows] = await bq.query({
      query: 'SELECT @ids AS ids, (SELECT COUNT(*) FROM analytics.events WHERE user_id IN UNNEST(@ids)) AS c',
      params: {ids: [5, 6, 0]},
    });
    assert.deepStrictEqual(rows, [{ids: [5, 6, 0], c: eventsOf([5, 6, 0])}], fmt(rows));
  });
  await check('query: STRUCT parameter', async () => {
    const [rows] = await bq.query({
      query: 'SELECT @st AS st, @st.zip + 1 AS zip1',
      params: {st: {street: 'Main St', zip: 12345, tags: ['x', 'y']}},
    });
    assert.deepStrictEqual(rows, [{st: {street: 'Main St', zip: 12345, tags: ['x', 'y']}, zip1: 12346}],
                           fmt(rows));
  });
  await check('query: malformed parameter -> 400 invalidQuery', async () => {
    const e = await rejection(bq.query({query: 'SELECT @x AS x', params: {x: 'not a number'},
                                        types: {x: 'INT64'}}));
    expectReason(e, 400, 'invalidQuery');
    // Shapes the client never builds but a caller may send: each a 400, never a 500 (which clients retry).
    const bad = [
      {name: 'x', parameterType: 'INT64', parameterValue: {value: '1'}},
      {name: 'x', parameterType: {type: 'INT64'}, parameterValue: '1'},
      {name: 'x', parameterType: {type: 'BYTES'}, parameterValue: {value: '!!not base64!!'}},
      {name: 'x', parameterType: {type: 'ARRAY'}, parameterValue: {arrayValues: [{value: '1'}]}},
      {name: 'x', parameterType: {type: 'INT64'}, parameterValue: {value: '12abc'}},
    ];
    for (const p of bad) {
      const e2 = await rejection(api('POST', '/queries', {query: 'SELECT @x AS x', useLegacySql: false,
                                                          parameterMode: 'NAMED', queryParameters: [p]}));
      try {
        expectReason(e2, 400, 'invalidQuery');
      } catch (x) {
        throw new Error(JSON.stringify(p) + ': ' + x.message);
      }
    }
  });
  await check('query: GoogleSQL / on INT64 is FLOAT64', async () => {
    const [rows, , resp] = await bq.query({query: 'SELECT 7 / 2 AS q, DIV(7, 2) AS d'}, {autoPaginate: false});
    assert.deepStrictEqual(rows, [{q: 3.5, d: 3}], fmt(rows));
  });
  await check('jobs.query: kind, paging (maxResults 50)', async () => {
    const sql = 'SELECT user_id, event_date FROM analytics.events WHERE user_id < 8 ORDER BY user_id, event_date';
    const doc = await api('POST', '/queries', {query: sql, useLegacySql: false, maxResults: 50});
    assert.strictEqual(doc.kind, 'bigquery#queryResponse', 'kind ' + doc.kind);
    assert.ok(doc.pageToken, 'no pageToken on a first page of 50 of ' + doc.totalRows);
    const [rows] = await bq.query({query: sql, maxResults: 50});
    const want = eventsOf([1, 2, 3, 4, 5, 6, 7, 0]);
    assert.strictEqual(rows.length, want, `${rows.length} rows, expected ${want}`);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1], b = rows[i];
      assert.ok(a.user_id < b.user_id || (a.user_id === b.user_id && a.event_date.value <= b.event_date.value),
                `order broken at ${i}`);
    }
    return `${rows.length} rows`;
  });

  let pagedJob;
  await check('createQueryJob + getQueryResults paging', async () => {
    const [job] = await bq.createQueryJob({query: 'SELECT user_id FROM analytics.events WHERE user_id < 8 ' +
                                                  'ORDER BY user_id', labels: {suite: 'conformance'},
                                            useQueryCache: false});
    pagedJob = job;
    let opts = {maxResults: 37, autoPaginate: false};
    const all = [];
    let pages = 0;
    for (;;) {
      const [rows, next] = await job.getQueryResults(opts);
      all.push(...rows.map(r => r.user_id));
      pages++;
      if (!next) break;
      opts = next;
    }
    const want = eventsOf([1, 2, 3, 4, 5, 6, 7, 0]);
    assert.strictEqual(all.length, want, `${all.length} rows, expected ${want}`);
    assert.strictEqual(pages, Math.ceil(want / 37), `${pages} pages`);
    assert.deepStrictEqual(all, [...all].sort((a, b) => a - b), 'rows out of order');
    return `${all.length} rows in ${pages} pages`;
  });
  await check('job.getMetadata', async () => {
    const [md] = await pagedJob.getMetadata();
    assert.strictEqual(md.kind, 'bigquery#job');
    assert.strictEqual(md.jobReference.jobId, pagedJob.id);
    assert.strictEqual(md.status.state, 'DONE');
    assert.ok(!md.status.errorResult, 'errorResult ' + fmt(md.status.errorResult));
    assert.match(md.configuration.query.query, /^SELECT user_id FROM analytics\.events/);
    assert.deepStrictEqual(md.configuration.query.labels || md.configuration.labels, {suite: 'conformance'});
    assert.ok(Number(md.statistics.query.totalBytesProcessed) > 0, 'totalBytesProcessed ' +
              md.statistics.query.totalBytesProcessed);
    assert.strictEqual(md.statistics.query.statementType, 'SELECT');
  });
  await check('getQueryResults: useInt64Timestamp / float TIMESTAMP', async () => {
    const [job] = await bq.createQueryJob({query: "SELECT TIMESTAMP '2026-11-21 10:11:12.654321+00' AS ts"});
    const [rows] = await job.getQueryResults();  // the client asks for int64 micros
    assert.ok(rows[0].ts instanceof BigQueryTimestamp, fmt(rows[0].ts));
    assert.strictEqual(rows[0].ts.value, '2026-11-21T10:11:12.654321000Z');
    const [raw] = await job.getQueryResults({'formatOptions.useInt64Timestamp': false, skipParsing: true});
    assert.strictEqual(Number(raw[0].f[0].v), 1795255872.654321, 'float seconds ' + raw[0].f[0].v);
  });
  await check('getJobs', async () => {
    const [jobs] = await bq.getJobs({maxResults: 100});
    assert.ok(jobs.length > 0, 'no jobs');
    const mine = jobs.find(j => j.id === pagedJob.id);
    assert.ok(mine, `job ${pagedJob.id} not listed among ${jobs.length}`);
    assert.strictEqual(mine.metadata.status.state, 'DONE');
    assert.strictEqual(mine.metadata.jobReference.jobId, pagedJob.id);
    return `${jobs.length} jobs`;
  });

  await check('dry run (createQueryJob dryRun)', async () => {
    const [job] = await bq.createQueryJob({query: 'SELECT user_id, revenue FROM analytics.events', dryRun: true});
    const st = job.metadata.statistics;
    assert.strictEqual(job.metadata.status.state, 'DONE');
    assert.strictEqual(job.metadata.configuration.dryRun, true);
    assert.strictEqual(st.query.totalBytesProcessed, st.totalBytesProcessed);
    // user_id: 8 bytes x 20000 rows; revenue: 16 bytes (NUMERIC) x 20000
    assert.strictEqual(Number(st.totalBytesProcessed), 20000 * 8 + 20000 * 16,
                       'totalBytesProcessed ' + st.totalBytesProcessed);
    const [rows] = await bq.query({query: 'SELECT user_id FROM analytics.events', dryRun: true});
    assert.deepStrictEqual(rows, []);
  });
  await check('dry run: lower-case select * counts every column', async () => {
    const [lower] = await bq.createQueryJob({query: 'select * from analytics.events where user_id = 1',
                                             dryRun: true});
    const [upper] = await bq.createQueryJob({query: 'SELECT * FROM analytics.events WHERE user_id = 1',
                                             dryRun: true});
    const [md] = await analytics.table('events').getMetadata();
    const l = Number(lower.metadata.statistics.totalBytesProcessed);
    assert.ok(l > 0, 'lower-case dry run estimated 0 bytes');
    assert.strictEqual(l, Number(upper.metadata.statistics.totalBytesProcessed));
    assert.strictEqual(l, Number(md.numBytes), `estimate ${l} != table numBytes ${md.numBytes}`);
    return `${l} bytes`;
  });

  await check('job.cancel -> stopped', async () => {
    await fake('/_fake/faults', [{kind: 'slow_job', seconds: 5}]);
    const [job] = await bq.createQueryJob({query: 'SELECT COUNT(*) AS n FROM analytics.events'});
    const [resp] = await job.cancel();
    assert.strictEqual(resp.kind, 'bigquery#jobCancelResponse');
    assert.strictEqual(resp.job.jobReference.jobId, job.id);
    const e = await rejection(job.getQueryResults({timeoutMs: 2000}));
    expectReason(e, 400, 'stopped');
    const [md] = await job.getMetadata();
    assert.strictEqual(md.status.state, 'DONE');
    assert.strictEqual(md.status.errorResult && md.status.errorResult.reason, 'stopped', fmt(md.status));
  });

  await check('getDatasets', async () => {
    const [ds] = await bq.getDatasets();
    const ids = ds.map(d => d.id);
    assert.ok(ids.includes('analytics') && ids.includes('public'), fmt(ids));
    const a = ds.find(d => d.id === 'analytics');
    assert.strictEqual(a.metadata.kind, 'bigquery#dataset');
    assert.strictEqual(a.metadata.id, 'fake-project:analytics');
    return ids.join(',');
  });
  await check('dataset.getMetadata', async () => {
    const [md] = await analytics.getMetadata();
    assert.strictEqual(md.kind, 'bigquery#dataset');
    assert.strictEqual(md.id, 'fake-project:analytics');
    assert.deepStrictEqual(md.datasetReference, {projectId: 'fake-project', datasetId: 'analytics'});
    assert.strictEqual(md.location, 'US');
    assert.ok(/^\d+$/.test(md.creationTime), 'creationTime ' + md.creationTime);
  });
  await check('getTables', async () => {
    const [tables] = await analytics.getTables();
    const ids = tables.map(t => t.id).sort();
    assert.deepStrictEqual(ids, ['all_types', 'buyers', 'events']);
    const v = tables.find(t => t.id === 'buyers');
    assert.strictEqual(v.metadata.type, 'VIEW');
    assert.strictEqual(v.metadata.id, 'fake-project:analytics.buyers');
    return ids.join(',');
  });
  await check('table.getMetadata (schema of every type)', async () => {
    const [md] = await analytics.table('all_types').getMetadata();
    assert.strictEqual(md.kind, 'bigquery#table');
    assert.strictEqual(md.id, 'fake-project:analytics.all_types');
    assert.strictEqual(md.numRows, '4');
    const got = md.schema.fields.map(f => [f.name, f.type, f.mode]);
    const want = TYPE_SCHEMA.map(([n, t, m]) => [n, t, m || 'NULLABLE']);
    assert.deepStrictEqual(got, want);
    const st = md.schema.fields.find(f => f.name === 'st');
    assert.deepStrictEqual(st.fields.map(f => [f.name, f.type, f.mode]),
                           [['street', 'STRING', 'NULLABLE'], ['zip', 'INTEGER', 'NULLABLE'],
                            ['tags', 'STRING', 'REPEATED']]);
  });
  await check('table.getRows: every type decoded', async () => {
    const [rows] = await analytics.table('all_types').getRows({wrapIntegers: true});
    return checkTypedRows(rows);
  });
  await check('table.getRows: paging (maxResults 1000)', async () => {
    const t = analytics.table('events');
    const [p1, next, resp] = await t.getRows({maxResults: 1000, autoPaginate: false});
    assert.strictEqual(resp.kind, 'bigquery#tableDataList');
    assert.strictEqual(resp.totalRows, '20000');
    assert.strictEqual(p1.length, 1000);
    assert.ok(next && next.pageToken, 'no pageToken');
    const [p2] = await t.getRows(Object.assign({}, next, {autoPaginate: false}));
    assert.strictEqual(p2.length, 1000);
    const [all] = await t.getRows({selectedFields: 'user_id'});
    assert.strictEqual(all.length, 20000, `${all.length} rows in all pages`);
    assert.deepStrictEqual(Object.keys(all[0]), ['user_id']);
  });
  await check('query: every type decoded (jobs.query)', async () => {
    const [rows] = await bq.query({query: 'SELECT * FROM analytics.all_types ORDER BY id'}, {wrapIntegers: true});
    return checkTypedRows(rows);
  });
  await check('query: every type decoded (jobs.insert + getQueryResults)', async () => {
    const [job] = await bq.createQueryJob({query: 'SELECT * FROM analytics.all_types ORDER BY id'});
    const [rows, , resp] = await job.getQueryResults({wrapIntegers: true, autoPaginate: false});
    assert.deepStrictEqual(resp.schema.fields.map(f => [f.name, f.type, f.mode === 'REQUIRED' ? 'NULLABLE' : f.mode]),
                           TYPE_SCHEMA.map(([n, t, m]) => [n, t, m === 'REPEATED' ? m : 'NULLABLE']));
    return checkTypedRows(rows);
  });
  await check('TIMESTAMP before the epoch on the wire', async () => {
    const [rows] = await bq.query({query: 'SELECT ts FROM analytics.all_types WHERE id = 2'}, {skipParsing: true});
    assert.deepStrictEqual(rows, [{f: [{v: '-1'}]}], fmt(rows));
    const [job] = await bq.createQueryJob({query: 'SELECT ts FROM analytics.all_types WHERE id = 2'});
    const [raw] = await job.getQueryResults({'formatOptions.useInt64Timestamp': false, skipParsing: true});
    assert.strictEqual(Number(raw[0].f[0].v), -0.000001, 'float seconds ' + raw[0].f[0].v);
  });
  await check('query: a STRUCT whose fields are all NULL', async () => {
    const [rows] = await bq.query({query: 'SELECT st FROM analytics.all_types WHERE id = 2'});
    assert.deepStrictEqual(rows, [{st: {street: null, zip: null, tags: []}}], fmt(rows));
  });

  await check('error: invalidQuery', async () => {
    const e = await rejection(bq.query('SELECT FROM WHERE'));
    expectReason(e, 400, 'invalidQuery');
  });
  await check('error details: domain, location', async () => {
    const resp = await fetch(BASE + '/bigquery/v2/projects/fake-project/queries', {
      method: 'POST',
      headers: {'content-type': 'application/json',
                authorization: 'Bearer ' + (await authClient.getAccessToken()).token},
      body: JSON.stringify({query: 'SELECT FROM WHERE', useLegacySql: false}),
    });
    const doc = await resp.json();
    const d = doc.error.errors[0];
    assert.strictEqual(doc.error.status, 'INVALID_ARGUMENT');
    assert.strictEqual(d.domain, 'global', 'domain ' + d.domain);
    assert.strictEqual(d.location, 'q', 'location ' + d.location);
    assert.strictEqual(d.locationType, 'parameter', 'locationType ' + d.locationType);
    const e = await rejection(bq.query('SELECT * FROM analytics.nope'));
    assert.strictEqual(e.errors[0].domain, 'global');
  });
  await check('error: notFound (table, dataset, job)', async () => {
    expectReason(await rejection(bq.query('SELECT * FROM analytics.nope')), 404, 'notFound');
    expectReason(await rejection(bq.dataset('nope').getMetadata()), 404, 'notFound');
    expectReason(await rejection(analytics.table('nope').getMetadata()), 404, 'notFound');
    expectReason(await rejection(bq.job('no-such-job').getMetadata()), 404, 'notFound');
  });
  await check('error: bytesBilledLimitExceeded', async () => {
    const e = await rejection(bq.query({query: 'SELECT * FROM analytics.events', maximumBytesBilled: '1000'}));
    expectReason(e, 400, 'bytesBilledLimitExceeded');
    // jobs.insert: the job is created and fails; the client raises the job's status.errors.
    const e2 = await rejection(bq.createQueryJob({query: 'SELECT * FROM analytics.events',
                                                   maximumBytesBilled: '1000'}));
    assert.deepStrictEqual((e2.errors || []).map(x => x.reason), ['bytesBilledLimitExceeded'], e2.message);
    assert.strictEqual(e2.response && e2.response.status.state, 'DONE');
    assert.strictEqual(e2.response.status.errorResult.reason, 'bytesBilledLimitExceeded');
  });

  await check('useQueryCache', async () => {
    const sql = 'SELECT COUNT(*) AS n FROM analytics.events WHERE user_id = 11';
    const run = async useQueryCache => {
      const [job] = await bq.createQueryJob({query: sql, useQueryCache});
      const [rows, , resp] = await job.getQueryResults({autoPaginate: false});
      assert.deepStrictEqual(rows, [{n: eventsOf([11])}]);
      const [md] = await job.getMetadata();
      assert.strictEqual(md.statistics.query.cacheHit, resp.cacheHit, 'jobs.get and getQueryResults disagree');
      return resp.cacheHit;
    };
    await run(false);
    assert.strictEqual(await run(true), true, 'a repeated query was not served from the cache');
    assert.strictEqual(await run(false), false, 'useQueryCache: false served from the cache');
    const q = u => api('POST', '/queries', {query: sql, useLegacySql: false, useQueryCache: u});
    const r1 = await q(false);
    assert.strictEqual(r1.cacheHit, false, 'jobs.query useQueryCache: false gave cacheHit ' + r1.cacheHit);
    const r2 = await q(true);
    assert.strictEqual(r2.cacheHit, true, 'jobs.query useQueryCache: true gave cacheHit ' + r2.cacheHit);
  });

  await check('table.insert: skipInvalidRows false fails every row', async () => {
    const t = analytics.table('events');
    const [md0] = await t.getMetadata();
    const e = await rejection(t.insert([
      {user_id: 1, event_name: 'conformance', event_date: '2026-01-01'},
      {user_id: 'not a number', event_name: 'conformance', event_date: '2026-01-01'},
    ]));
    assert.strictEqual(e.name, 'PartialFailureError', e.name + ': ' + e.message);
    assert.strictEqual(e.errors.length, 2, `${e.errors.length} rows reported`);
    const reasons = e.errors.map(x => x.errors.map(y => y.reason).join(','));
    assert.deepStrictEqual(reasons, ['stopped', 'invalid'], fmt(reasons));
    const [rows] = await bq.query("SELECT COUNT(*) AS n FROM analytics.events WHERE event_name = 'conformance'");
    assert.strictEqual(rows[0].n, 0, `${rows[0].n} rows committed`);
    const [md1] = await t.getMetadata();
    assert.strictEqual(md1.numRows, md0.numRows);
  });

  await check('auth: tokens minted by the token endpoint', async () => {
    const after = await fake('/_fake/state');
    assert.ok(after.token_grants > before.token_grants, 'no token granted');
    return `${after.token_grants - before.token_grants} grant(s)`;
  });

  const w = Math.max(...results.map(r => r[0].length));
  console.log('call'.padEnd(w) + ' | result | detail');
  console.log('-'.repeat(w) + '-|--------|-------');
  for (const [c, s, d] of results) console.log(c.padEnd(w) + ' | ' + s.padEnd(6) + ' | ' + d);
  const failed = results.filter(r => r[1] !== 'PASS').length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch(e => {
  console.error('conformance script error:', e);
  process.exit(2);
});
