-- Data behind the local Databricks fake (database dbxdata, a copy of Pagila;
-- Databricks catalog `main`, whose schemas are this database's schemas:
-- Pagila's tables are main.public.*). Schema sales holds the Databricks-only
-- fixtures. Names are lower case, as Unity Catalog stores them. Loaded by
-- scripts/lib.sh (start_databricks_fake).
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Sales data';

-- Domains standing for Databricks complex types PostgreSQL lacks: the fake
-- reports a domain named like a type as that type (values are JSON).
CREATE DOMAIN sales."STRUCT<a: INT, b: STRING>" AS jsonb;
CREATE DOMAIN sales."MAP<STRING, INT>" AS jsonb;

CREATE TABLE sales.orders (
  o_orderkey bigint NOT NULL,
  o_custkey integer NOT NULL,
  o_status varchar(1) NOT NULL,
  o_totalprice numeric(12,2),
  o_orderdate date,
  o_comment text
);
COMMENT ON TABLE sales.orders IS 'Orders, one row per order';
COMMENT ON COLUMN sales.orders.o_totalprice IS 'Total in USD; it''s NULL until invoiced';
COMMENT ON COLUMN sales.orders.o_comment IS 'Free text with a \ backslash';
INSERT INTO sales.orders
SELECT g, 1 + g % 150, (ARRAY['O', 'F', 'P'])[1 + g % 3], CASE WHEN g % 7 <> 0 THEN (g * 37 % 100000) / 100.0 END,
       DATE '1995-01-01' + (g % 900), CASE WHEN g % 5 = 0 THEN 'it''s \ urgent' ELSE 'regular' END
FROM generate_series(1, 25000) g;

CREATE TABLE sales."line items" (
  "order key" bigint NOT NULL,
  line smallint NOT NULL,
  quantity numeric(12,2),
  "ship mode" text
);
COMMENT ON TABLE sales."line items" IS 'Order lines';
INSERT INTO sales."line items"
SELECT 1 + g / 3, g % 3, (g % 50) + 1, (ARRAY['AIR', 'RAIL', 'SHIP', NULL])[1 + g % 4] FROM generate_series(0, 2999) g;

CREATE VIEW sales.open_orders AS SELECT o_orderkey, o_totalprice FROM sales.orders WHERE o_status = 'O';
COMMENT ON VIEW sales.open_orders IS 'Orders not yet shipped';

-- A view whose evaluation divides by zero (FAILED with [DIVIDE_BY_ZERO]); its decimal share is described
-- without running the view (the fake cannot read the scale from values that fail).
CREATE VIEW sales.bad_ratio AS
  SELECT o_orderkey, 100 / (o_custkey - o_custkey) AS ratio, o_totalprice / (o_custkey - o_custkey) AS share
  FROM sales.orders;

-- Every type, with edge values and NULLs.
CREATE TABLE sales.all_types (
  id integer NOT NULL,
  small smallint,
  big bigint,
  amount numeric(20,4),
  wide numeric,
  f double precision,
  r real,
  flag boolean,
  s varchar(100),
  b bytea,
  d date,
  ts timestamptz,
  ntz timestamp,
  iv interval,
  arr integer[],
  tags text[],
  st sales."STRUCT<a: INT, b: STRING>",
  m sales."MAP<STRING, INT>"
);
COMMENT ON TABLE sales.all_types IS 'One column of each type';
COMMENT ON COLUMN sales.all_types.amount IS 'Money, 4 decimals';
INSERT INTO sales.all_types VALUES
 (1, 32767, 9223372036854775807, 1234567890123456.7890, 0.000000000000000001, 1.5, 0.25, true, 'plain',
  '\x00ff10', '2024-02-29', '2024-02-29 13:45:00.123+00', '2024-02-29 13:45:00.123', '1 day 02:03:04.5',
  '{1,2,3}', '{"a","b c"}', '{"a": 1, "b": "x y"}', '{"k": 1}'),
 (2, -32768, -9223372036854775808, -0.0001, -12.5, 'NaN', 'Infinity', false,
  E'quote '' dq " back \\ nl \n tab \t end', '', '2023-01-31', '1969-12-31 23:59:59.999999+00',
  '1970-01-01 00:00:00', '-1 day', '{}', '{NULL,""}', '{"a": null, "b": ""}', '{}'),
 (3, 0, 0, 0, 0, '-0', '-Infinity', NULL, '', NULL, '2024-04-30', '2000-01-01 00:00:00+00', '2100-12-31 23:59:59',
  '0 seconds', NULL, NULL, NULL, NULL),
 (4, NULL, NULL, NULL, NULL, 1e20, 1e-5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (5, 1, 1, 99999999.9999, 1, 123456789.125, 3.4e38, true, 'ünïcödé ✓ `tick`', '\xdeadbeef', '0001-01-01',
  '2024-12-31 23:59:59+00', '2024-12-31 23:59:59.5', '30 days 23:59:59.999999', '{-1,NULL,1}', '{"x"}',
  '{"a": 2, "b": "it''s"}', '{"a": 1, "b": 2}');

ANALYZE;
