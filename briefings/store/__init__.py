"""The deal store: SQLAlchemy 2 over SQLite (default) or PostgreSQL.

Contract, for every function in this package:
- it takes an open `Session` and never commits; the caller's unit of work
  (`briefings.store.database.transaction`) commits or rolls back, so a story, its deal change and
  its planned messages land together or not at all;
- datetimes go in and come out timezone-aware in UTC (naive values raise ValueError);
- driver errors surface as `briefings.errors.StoreError` from `transaction`.
"""
