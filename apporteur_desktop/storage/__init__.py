"""SQLAlchemy persistence of the ledger: models, queries, database set-up and migrations.

- ``db``: open a ledger (pragmas, backups, migrations) and its ``transaction()``;
- ``repository``: read and write domain values inside a caller's session;
- ``snapshots``: save and load a whole ``LedgerSnapshot`` (bulk, for imports and the engine);
- ``base``, ``models``, ``mapping``, ``explanations``: the schema and its conversions, which
  stay inside storage.
"""
