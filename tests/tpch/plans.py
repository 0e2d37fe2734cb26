"""Reading EXPLAIN (FORMAT JSON) plans: shared by tests/tpch/run.py and
bench/pushdown_rows.py."""


def nodes(plan):
    """Every node of a plan tree, the root first."""
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def fully_pushed(plan):
    """The whole query is one Foreign Scan."""
    ns = list(nodes(plan))
    return len(ns) == 1 and ns[0]["Node Type"] == "Foreign Scan"


def transferred(plan):
    """Rows the Foreign Scans received from the remote (EXPLAIN ANALYZE):
    those they returned plus those their local filters removed, per loop."""
    return sum((n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0)) * n.get("Actual Loops", 1)
               for n in nodes(plan) if n["Node Type"] == "Foreign Scan")
