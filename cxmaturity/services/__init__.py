"""Use cases, with no streamlit: pages and the command line call these, never the
database. Each action is one transaction; each returns plain values or view models.

``Services.open(settings)`` wires them for one installation (the app keeps one per
server process).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on use: ``python -m cxmaturity report`` needs no database
    from ..config import Settings
    from ..db import Database
    from ..loader import Catalog
    from .accounts import Accounts
    from .answers import AnswerService
    from .assessments import Assessments
    from .branding import BrandingService
    from .catalog import CatalogSource
    from .history import History
    from .organizations import Organizations
    from .portfolio import Portfolio
    from .reports import Reports
    from .workshops import Workshops


@dataclass(frozen=True)
class Services:
    settings: Settings
    database: Database
    catalogs: CatalogSource
    answers: AnswerService
    assessments: Assessments
    workshops: Workshops
    history: History
    reports: Reports
    branding: BrandingService
    accounts: Accounts
    organizations: Organizations
    portfolio: Portfolio

    @classmethod
    def open(
        cls,
        settings: Settings,
        database: Database | None = None,
        catalogs: CatalogSource | None = None,
    ) -> Services:
        """The services of one installation (the database opened and migrated)."""
        from ..db import Database
        from .accounts import Accounts
        from .answers import AnswerService
        from .assessments import Assessments
        from .branding import BrandingService
        from .catalog import CatalogSource
        from .history import History
        from .organizations import Organizations
        from .portfolio import Portfolio
        from .reports import Reports
        from .workshops import Workshops

        database = database or Database.open(settings.database_url)
        catalogs = catalogs or CatalogSource(settings.catalog_dir)
        assessments = Assessments(database, catalogs.current)
        workshops = Workshops(database, catalogs.current)
        organizations = Organizations(database)
        branding = BrandingService(settings.branding_path, organizations.record)
        portfolio = Portfolio(organizations, catalogs.current)
        return cls(
            settings=settings,
            database=database,
            catalogs=catalogs,
            answers=AnswerService(database),
            assessments=assessments,
            workshops=workshops,
            history=History(assessments, catalogs.current),
            reports=Reports(assessments, workshops, branding, portfolio),
            branding=branding,
            accounts=Accounts(database, settings.session_hours),
            organizations=organizations,
            portfolio=portfolio,
        )

    def catalog(self) -> Catalog:
        """Every questionnaire of the catalogue folder (re-read when a file changes)."""
        return self.catalogs.current()
