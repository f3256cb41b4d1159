"""The performance benchmark of briefing against bare Whoosh and SQLite FTS5 (`python benchmarks/run.py`)."""
