-- A small TPC-H-shaped database, generated deterministically (no random()):
-- the eight tables and column types of the TPC-H specification, with
-- values spread so that the 22 queries' predicates select some rows.
CREATE TABLE region (r_regionkey integer PRIMARY KEY, r_name char(25) NOT NULL, r_comment varchar(152));
CREATE TABLE nation (n_nationkey integer PRIMARY KEY, n_name char(25) NOT NULL, n_regionkey integer NOT NULL,
                     n_comment varchar(152));
CREATE TABLE part (p_partkey integer PRIMARY KEY, p_name varchar(55) NOT NULL, p_mfgr char(25) NOT NULL,
                   p_brand char(10) NOT NULL, p_type varchar(25) NOT NULL, p_size integer NOT NULL,
                   p_container char(10) NOT NULL, p_retailprice numeric(15,2) NOT NULL, p_comment varchar(23));
CREATE TABLE supplier (s_suppkey integer PRIMARY KEY, s_name char(25) NOT NULL, s_address varchar(40) NOT NULL,
                       s_nationkey integer NOT NULL, s_phone char(15) NOT NULL, s_acctbal numeric(15,2) NOT NULL,
                       s_comment varchar(101));
CREATE TABLE partsupp (ps_partkey integer NOT NULL, ps_suppkey integer NOT NULL, ps_availqty integer NOT NULL,
                       ps_supplycost numeric(15,2) NOT NULL, ps_comment varchar(199), PRIMARY KEY (ps_partkey, ps_suppkey));
CREATE TABLE customer (c_custkey integer PRIMARY KEY, c_name varchar(25) NOT NULL, c_address varchar(40) NOT NULL,
                       c_nationkey integer NOT NULL, c_phone char(15) NOT NULL, c_acctbal numeric(15,2) NOT NULL,
                       c_mktsegment char(10) NOT NULL, c_comment varchar(117));
CREATE TABLE orders (o_orderkey integer PRIMARY KEY, o_custkey integer NOT NULL, o_orderstatus char(1) NOT NULL,
                     o_totalprice numeric(15,2) NOT NULL, o_orderdate date NOT NULL, o_orderpriority char(15) NOT NULL,
                     o_clerk char(15) NOT NULL, o_shippriority integer NOT NULL, o_comment varchar(79));
CREATE TABLE lineitem (l_orderkey integer NOT NULL, l_partkey integer NOT NULL, l_suppkey integer NOT NULL,
                       l_linenumber integer NOT NULL, l_quantity numeric(15,2) NOT NULL,
                       l_extendedprice numeric(15,2) NOT NULL, l_discount numeric(15,2) NOT NULL,
                       l_tax numeric(15,2) NOT NULL, l_returnflag char(1) NOT NULL, l_linestatus char(1) NOT NULL,
                       l_shipdate date NOT NULL, l_commitdate date NOT NULL, l_receiptdate date NOT NULL,
                       l_shipinstruct char(25) NOT NULL, l_shipmode char(10) NOT NULL, l_comment varchar(44),
                       PRIMARY KEY (l_orderkey, l_linenumber));

INSERT INTO region SELECT i, (ARRAY['AFRICA','AMERICA','ASIA','EUROPE','MIDDLE EAST'])[i + 1], 'region ' || i
  FROM generate_series(0, 4) i;
INSERT INTO nation SELECT i, (ARRAY['ALGERIA','ARGENTINA','BRAZIL','CANADA','EGYPT','ETHIOPIA','FRANCE','GERMANY',
  'INDIA','INDONESIA','IRAN','IRAQ','JAPAN','JORDAN','KENYA','MOROCCO','MOZAMBIQUE','PERU','CHINA','ROMANIA',
  'SAUDI ARABIA','VIETNAM','RUSSIA','UNITED KINGDOM','UNITED STATES'])[i + 1],
  (ARRAY[0,1,1,1,4,0,3,3,2,2,4,4,2,4,0,0,0,1,2,3,4,2,3,3,1])[i + 1], 'nation ' || i
  FROM generate_series(0, 24) i;
INSERT INTO part SELECT i,
  (ARRAY['almond','antique','aquamarine','azure','beige','bisque','black','blanched','blue','forest','green','khaki'])[i % 12 + 1]
    || ' ' || (ARRAY['lace','lavender','lawn','lemon','light','linen','magenta','maroon'])[i % 8 + 1],
  'Manufacturer#' || (i % 5 + 1), 'Brand#' || (i % 5 + 1) || (i % 4 + 1),
  (ARRAY['STANDARD','SMALL','MEDIUM','LARGE','ECONOMY','PROMO'])[i % 6 + 1] || ' '
    || (ARRAY['ANODIZED','BURNISHED','PLATED','POLISHED','BRUSHED'])[i % 5 + 1] || ' '
    || (ARRAY['TIN','NICKEL','BRASS','STEEL','COPPER'])[(i / 7) % 5 + 1],
  i % 50 + 1, (ARRAY['SM','MED','LG','JUMBO','WRAP'])[i % 5 + 1] || ' ' || (ARRAY['CASE','BOX','BAG','JAR','PKG','PACK','CAN','DRUM'])[i % 8 + 1],
  900 + (i % 200) + (i % 7) * 0.25, 'part ' || i
  FROM generate_series(1, 400) i;
INSERT INTO supplier SELECT i, 'Supplier#' || lpad(i::text, 9, '0'), 'addr ' || i, i % 25,
  lpad((i % 25 + 10)::text, 2, '0') || '-555-' || lpad(i::text, 4, '0'), (i * 37 % 11000) - 999.99,
  CASE WHEN i % 17 = 0 THEN 'Customer complaints noted' ELSE 'reliable supplier ' || i END
  FROM generate_series(1, 40) i;
INSERT INTO partsupp SELECT p, ((p + k * 10) * 7) % 40 + 1, (p * 7 + k * 13) % 9999 + 1, ((p * 3 + k * 11) % 1000) + 1.5,
  'partsupp ' || p || '-' || k
  FROM generate_series(1, 400) p, generate_series(0, 3) k;
INSERT INTO customer SELECT i, 'Customer#' || lpad(i::text, 9, '0'), 'caddr ' || i, i % 25,
  lpad((i % 25 + 10)::text, 2, '0') || '-444-' || lpad(i::text, 4, '0'), (i * 53 % 11000) - 999.99,
  (ARRAY['AUTOMOBILE','BUILDING','FURNITURE','MACHINERY','HOUSEHOLD'])[i % 5 + 1],
  CASE WHEN i % 13 = 0 THEN 'special requests pending' ELSE 'customer ' || i END
  FROM generate_series(1, 300) i;
INSERT INTO orders SELECT i, (i * 7) % 300 + 1 + CASE WHEN i % 3 = 0 THEN 0 ELSE 0 END,
  (ARRAY['F','O','P'])[i % 3 + 1], 0, DATE '1992-01-01' + (i * 13 % 2400),
  (ARRAY['1-URGENT','2-HIGH','3-MEDIUM','4-NOT SPECIFIED','5-LOW'])[i % 5 + 1], 'Clerk#' || lpad((i % 50)::text, 9, '0'),
  0, CASE WHEN i % 23 = 0 THEN 'special requests here' ELSE 'order ' || i END
  FROM generate_series(1, 3000) i WHERE (i * 7) % 300 + 1 NOT IN (SELECT c FROM generate_series(3, 300, 3) c);
INSERT INTO lineitem SELECT o.o_orderkey, (o.o_orderkey * 11 + n * 17) % 400 + 1,
  (((o.o_orderkey * 11 + n * 17) % 400 + 1 + ((o.o_orderkey + n) % 4) * 10) * 7) % 40 + 1, n,
  (o.o_orderkey + n * 3) % 50 + 1, ((o.o_orderkey + n * 3) % 50 + 1) * (900 + (o.o_orderkey * 11 + n * 17) % 200),
  ((o.o_orderkey + n) % 11) / 100.0, ((o.o_orderkey + n) % 9) / 100.0,
  CASE WHEN o.o_orderdate + 30 < DATE '1995-06-17' THEN (ARRAY['R','A'])[(o.o_orderkey + n) % 2 + 1] ELSE 'N' END,
  CASE WHEN o.o_orderdate + 30 < DATE '1995-06-17' THEN 'F' ELSE 'O' END,
  o.o_orderdate + 1 + (o.o_orderkey + n) % 40, o.o_orderdate + 30 + (o.o_orderkey * n) % 20,
  o.o_orderdate + 2 + (o.o_orderkey + n) % 40 + n % 3,
  (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[(o.o_orderkey + n) % 4 + 1],
  (ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[(o.o_orderkey + n) % 7 + 1], 'line ' || n
  FROM orders o, generate_series(1, 7) n WHERE n <= o.o_orderkey % 7 + 1;
UPDATE orders o SET o_totalprice = s.total FROM (SELECT l_orderkey, sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)) total
  FROM lineitem GROUP BY l_orderkey) s WHERE s.l_orderkey = o.o_orderkey;
ANALYZE;
