"""The offline store: SQLAlchemy models, migrations at start-up, assessments, backup."""

from dtdesktop.storage.database import Store, StoreError, database_url

__all__ = ["Store", "StoreError", "database_url"]
