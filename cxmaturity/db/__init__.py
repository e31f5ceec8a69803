"""The database: tables, the repository (the only code that touches rows), the unit
of work (one action, one transaction) and the migrations."""

from .uow import Database, UnitOfWork

__all__ = ["Database", "UnitOfWork"]
