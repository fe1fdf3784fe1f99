"""Quality indicators in the files backend: one small file for all councils.

A council follows a handful of indicators with a value a month or a week, so
``indicators.json`` holds every definition with its values (a few thousand numbers after
years); the id counter is in the catalogue ("I1", "I2" ...), so an id is never reused.
"""

from __future__ import annotations

import copy

from tinydb import TinyDB
from tinydb.table import Document

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.indicators import INDICATOR_PREFIX, Indicator, indicator_number
from meetingtool.store.files import layout
from meetingtool.store.files.tx import FileTransactions


class IndicatorRecords(FileTransactions):
    """Indicators: added with a fresh id, read, listed per council (with the shared ones),
    saved whole with their values."""

    def _indicators_db(self) -> TinyDB:
        return self._db(self.data_dir / layout.INDICATORS, must_exist=False)

    def add_indicator(self, indicator: Indicator) -> Indicator:
        with self._tx():
            if indicator.council_id:
                self._council_doc(indicator.council_id)
            number = self._next(self._catalogue(), "indicator")
            stored = copy.deepcopy(indicator)
            stored.id = f"{INDICATOR_PREFIX}{number}"
            self._indicators_db().table("indicators").insert(
                Document(to_dict(stored), doc_id=number))
        return stored

    def import_indicator(self, indicator: Indicator) -> None:
        with self._tx():
            number = indicator_number(indicator.id)
            table = self._indicators_db().table("indicators")
            if table.contains(doc_id=number):
                raise MeetingToolError(
                    f"Indikatoren {indicator.id} findes allerede i {self.data_dir}.")
            if indicator.council_id:
                self._council_doc(indicator.council_id)
            counters = self._catalogue().table("counters")
            values = dict(counters.get(doc_id=1) or {})
            values["indicator"] = max(int(values.get("indicator", 0)), number)
            counters.upsert(Document(values, doc_id=1))
            table.insert(Document(to_dict(indicator), doc_id=number))

    def _indicator_number(self, indicator_id: str) -> int:
        number = indicator_number(indicator_id)
        if not self._indicators_db().table("indicators").contains(doc_id=number):
            raise NotFoundError(f"Indikatoren '{indicator_id}' findes ikke.")
        return number

    def indicator(self, indicator_id: str) -> Indicator:
        with self._tx():
            number = self._indicator_number(indicator_id)
            doc = self._indicators_db().table("indicators").get(doc_id=number)
        assert doc is not None  # _indicator_number found it, and the transaction holds the lock
        return from_dict(Indicator, dict(doc))

    def save_indicator(self, indicator: Indicator) -> None:
        with self._tx():
            number = self._indicator_number(indicator.id)
            self._indicators_db().table("indicators").update(
                Document(to_dict(indicator), doc_id=number), doc_ids=[number])

    def indicators(self, council_id: str | None = None, *,
                   include_shared: bool = True) -> list[Indicator]:
        with self._tx():
            docs = self._indicators_db().table("indicators").all()
        docs.sort(key=lambda d: d.doc_id)
        found = [from_dict(Indicator, dict(d)) for d in docs]
        if council_id is None:
            return found
        return [i for i in found
                if i.council_id == council_id or (include_shared and not i.council_id)]
