"""Quality indicators in the PostgreSQL backend: a row per definition, its values (with
their denominators and correction history) in the row's document."""

from __future__ import annotations

import copy

from psycopg.types.json import Jsonb

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.indicators import INDICATOR_PREFIX, Indicator, indicator_number
from meetingtool.store.postgres.trials import TrialRecords


class IndicatorRecords(TrialRecords):
    """Indicators: added with a fresh id, read, listed per council, saved whole."""

    def add_indicator(self, indicator: Indicator) -> Indicator:
        with self._tx() as cur:
            if indicator.council_id:
                self.council(indicator.council_id)
            number = self._next(cur, "indicator")
            stored = copy.deepcopy(indicator)
            stored.id = f"{INDICATOR_PREFIX}{number}"
            cur.execute("INSERT INTO indicators (id, number, council_id, name, doc) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        (stored.id, number, stored.council_id, stored.name,
                         Jsonb(to_dict(stored))))
        return stored

    def import_indicator(self, indicator: Indicator) -> None:
        number = indicator_number(indicator.id)
        with self._tx() as cur:
            cur.execute("SELECT 1 FROM indicators WHERE number = %s", (number,))
            if cur.fetchone() is not None:
                raise MeetingToolError(
                    f"Indikatoren {indicator.id} findes allerede i {self.location}.")
            if indicator.council_id:
                self.council(indicator.council_id)
            self._next(cur, "indicator", at_least=number)
            cur.execute("INSERT INTO indicators (id, number, council_id, name, doc) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        (indicator.id, number, indicator.council_id, indicator.name,
                         Jsonb(to_dict(indicator))))

    def indicator(self, indicator_id: str) -> Indicator:
        number = indicator_number(indicator_id)
        with self._tx() as cur:
            cur.execute("SELECT doc FROM indicators WHERE number = %s", (number,))
            row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Indikatoren '{indicator_id}' findes ikke.")
        return from_dict(Indicator, row[0])

    def save_indicator(self, indicator: Indicator) -> None:
        number = indicator_number(indicator.id)
        with self._tx() as cur:
            cur.execute("UPDATE indicators SET name = %s, doc = %s WHERE number = %s",
                        (indicator.name, Jsonb(to_dict(indicator)), number))
            if cur.rowcount == 0:
                raise NotFoundError(f"Indikatoren '{indicator.id}' findes ikke.")

    def indicators(self, council_id: str | None = None, *,
                   include_shared: bool = True) -> list[Indicator]:
        sql, params = "SELECT doc FROM indicators", []
        if council_id is not None:
            sql += " WHERE council_id = %s" + (" OR council_id = ''" if include_shared else "")
            params.append(council_id)
        with self._tx() as cur:
            cur.execute(sql + " ORDER BY number", params)
            return [from_dict(Indicator, row[0]) for row in cur.fetchall()]
