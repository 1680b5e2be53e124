"""The DuckDB warehouse: raw_ tables loaded from parser output, core_ and out_ built from them.

raw_*   what the parsers read, row for row, with provenance (document sha256, official URL,
        parser version, read method); one transaction per document, so a failure loses
        nothing else (load.py).
core_*  deduplicated and joined: amendments applied, filers resolved to bioguide ids, assets
        matched to issuers, seats dated, universes loaded from the package's data (derive.py
        and sql/).
out_*   the analysis the reports show (sql/).

schema.py defines every table once; db.py opens the warehouse and moves rows; snapshot.py
writes and opens the embedded snapshot.
"""
