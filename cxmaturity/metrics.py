"""KPI values read against the KPI catalogue: one round's readings next to the
previous round's, and each KPI's series over an organization's rounds. Which way is
better, the unit and the order all come from the catalogue (``assessments/kpis.yaml``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Kpi, KpiCatalogue


@dataclass(frozen=True)
class KpiReading:
    """One KPI in one round, and in the round before it (None: not recorded)."""

    kpi: Kpi
    value: float | None
    before: float | None = None

    @property
    def delta(self) -> float | None:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def improved(self) -> bool | None:
        """Better (True), worse (False) or unchanged / not comparable (None)."""
        if self.value is None or self.before is None:
            return None
        return self.kpi.improved(self.before, self.value)


def readings(
    catalogue: KpiCatalogue, now: Mapping[str, float], before: Mapping[str, float] | None = None
) -> list[KpiReading]:
    """The KPIs recorded now or in the round before, in catalogue order (values of KPIs
    the catalogue no longer defines are left out)."""
    before = before or {}
    return [
        KpiReading(kpi, now.get(kpi.id), before.get(kpi.id))
        for kpi in catalogue.kpis
        if kpi.id in now or kpi.id in before
    ]


@dataclass(frozen=True)
class KpiSeries:
    """One KPI over an organization's rounds, oldest first."""

    kpi: Kpi
    points: tuple[tuple[dt.date, float], ...]

    @property
    def latest(self) -> KpiReading:
        """The last value next to the one before it."""
        values = [v for _, v in self.points]
        return KpiReading(self.kpi, values[-1], values[-2] if len(values) > 1 else None)


def kpi_series(
    catalogue: KpiCatalogue, rounds: Sequence[tuple[dt.date, Mapping[str, float]]]
) -> list[KpiSeries]:
    """Each catalogue KPI with a value in any round, its values by date (rounds oldest
    first; of two rounds on one day, the later one's value counts)."""
    found: list[KpiSeries] = []
    for kpi in catalogue.kpis:
        by_day: dict[dt.date, float] = {}
        for day, values in rounds:
            if kpi.id in values:
                by_day[day] = values[kpi.id]
        if by_day:
            found.append(KpiSeries(kpi, tuple(sorted(by_day.items()))))
    return found
