"""The local dashboard and JSON API (`warstock serve`): report/ Docs as pages, JSON, CSV, Parquet."""
