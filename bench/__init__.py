"""`make bench`: figures for pages, queries, the five-year PDF and pack delivery (bench/run.py)."""
