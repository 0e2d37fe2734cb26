#!/usr/bin/python3
"""Rows transferred with pushdown on and off, per query, through the
BigQuery and Snowflake fakes (and the postgres provider for reference).

Arguments: LOCAL_HOST LOCAL_PORT REMOTE_PORT BQ_PORT SF_PORT SF_KEY_FILE
Uses the Pagila copies the fakes serve; prints a Markdown table.
"""
import os
import sys
import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "tpch"))
from plans import transferred  # noqa: E402

lhost, lport, rport, bq_port, sf_port, sf_key = sys.argv[1:7]
QUERIES = [
    ("count", "SELECT count(*) FROM rental"),
    ("group by", "SELECT staff_id, count(*), sum(amount) FROM payment GROUP BY staff_id"),
    ("having + top-N", "SELECT customer_id, sum(amount) FROM payment GROUP BY 1 HAVING sum(amount) > 150 ORDER BY 2 DESC, 1 LIMIT 5"),
    ("date bucket", "SELECT extract(year FROM create_date), extract(month FROM create_date), count(*) FROM customer GROUP BY 1, 2"),
    ("2-way join agg", "SELECT fc.category_id, count(*) FROM film_category fc JOIN film f ON f.film_id = fc.film_id GROUP BY 1"),
    ("3-way join", "SELECT f.title FROM film f JOIN inventory i ON i.film_id = f.film_id JOIN rental r ON r.inventory_id = i.inventory_id WHERE r.rental_id < 50"),
    ("left join agg", "SELECT s.store_id, count(i.inventory_id) FROM store s LEFT JOIN inventory i ON i.store_id = s.store_id GROUP BY 1"),
    ("semi join", "SELECT count(*) FROM film f WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND i.store_id = 2)"),
    ("anti join", "SELECT count(*) FROM film f WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id)"),
]
c = psycopg2.connect(host=lhost, port=lport, user="postgres", dbname="postgres")
c.autocommit = True
c.cursor().execute("DROP DATABASE IF EXISTS pushbench")
c.cursor().execute("CREATE DATABASE pushbench")
c = psycopg2.connect(host=lhost, port=lport, user="postgres", dbname="pushbench")
c.autocommit = True
cur = c.cursor()
cur.execute("SET client_min_messages = warning")
cur.execute("CREATE EXTENSION warehouse_fdw")
cur.execute("CREATE SERVER pg FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', "
            "port %s, dbname 'pagila')", (rport,))
cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER pg OPTIONS (user 'reader', password 'reader_pw')")
cur.execute("CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', project 'fake-project', "
            "location 'US', endpoint %s)", ("http://127.0.0.1:%s/bigquery/v2" % bq_port,))
cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (access_token 'test-token-1')")
cur.execute("CREATE SERVER sf FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'snowflake', account 'myorg-myacct', "
            "warehouse 'ANALYTICS_WH', database 'SALES', schema 'PUBLIC', endpoint %s)", ("http://127.0.0.1:%s" % sf_port,))
cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (user 'etl_reader', private_key %s)",
            (open(sf_key).read(),))
tables = "LIMIT TO (rental, payment, customer, film_category, film, inventory, store)"
for s, remote in (("pg", "public"), ("bq", "public"), ("sf", '"PUBLIC"')):
    cur.execute("CREATE SCHEMA t_%s" % s)
    cur.execute("IMPORT FOREIGN SCHEMA %s %s FROM SERVER %s INTO t_%s" % (remote, tables, s, s))


def rows_transferred(sql):
    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
    return transferred(cur.fetchone()[0][0]["Plan"])


print("| query | postgres on | postgres off | bigquery on | bigquery off | snowflake on | snowflake off |")
print("|---|---|---|---|---|---|---|")
for name, sql in QUERIES:
    cells = []
    for s in ("pg", "bq", "sf"):
        cur.execute("SET search_path = t_%s" % s)
        for mode in ("on", "off"):
            cur.execute("SET warehouse_fdw.pushdown = %s" % mode)
            cells.append(str(rows_transferred(sql)))
    print("| %s | %s |" % (name, " | ".join(cells)))
