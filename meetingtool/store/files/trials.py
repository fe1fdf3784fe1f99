"""Trial actions (prøvehandlinger) in the files backend: one small file for all councils.

A municipality runs tens of trials a year, not thousands (too many at once overload the
staff), so ``trials.json`` holds every council's trials; the id counter is in the catalogue
("P1", "P2" ...), so an id is never reused.
"""

from __future__ import annotations

import copy

from tinydb import Query, TinyDB
from tinydb.table import Document

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.trials import TRIAL_PREFIX, Trial, trial_number
from meetingtool.store.files import layout
from meetingtool.store.files.tx import FileTransactions


class TrialRecords(FileTransactions):
    """Trial actions: added with a fresh id, read, listed per council, saved whole."""

    def _trials_db(self) -> TinyDB:
        return self._db(self.data_dir / layout.TRIALS, must_exist=False)

    def add_trial(self, trial: Trial) -> Trial:
        with self._tx():
            self._council_doc(trial.council_id)
            number = self._next(self._catalogue(), "trial")
            stored = copy.deepcopy(trial)
            stored.id = f"{TRIAL_PREFIX}{number}"
            self._trials_db().table("trials").insert(Document(to_dict(stored), doc_id=number))
        return stored

    def import_trial(self, trial: Trial) -> None:
        with self._tx():
            number = trial_number(trial.id)
            table = self._trials_db().table("trials")
            if table.contains(doc_id=number):
                raise MeetingToolError(
                    f"Prøvehandlingen {trial.id} findes allerede i {self.data_dir}.")
            self._council_doc(trial.council_id)
            counters = self._catalogue().table("counters")
            values = dict(counters.get(doc_id=1) or {})
            values["trial"] = max(int(values.get("trial", 0)), number)
            counters.upsert(Document(values, doc_id=1))
            table.insert(Document(to_dict(trial), doc_id=number))

    def _trial_number(self, trial_id: str) -> int:
        number = trial_number(trial_id)
        if not self._trials_db().table("trials").contains(doc_id=number):
            raise NotFoundError(f"Prøvehandlingen '{trial_id}' findes ikke.")
        return number

    def trial(self, trial_id: str) -> Trial:
        with self._tx():
            number = self._trial_number(trial_id)
            doc = self._trials_db().table("trials").get(doc_id=number)
        assert doc is not None  # _trial_number found it, and the transaction holds the lock
        return from_dict(Trial, dict(doc))

    def save_trial(self, trial: Trial) -> None:
        with self._tx():
            number = self._trial_number(trial.id)
            self._trials_db().table("trials").update(
                Document(to_dict(trial), doc_id=number), doc_ids=[number])

    def trials(self, council_id: str | None = None, *, open_only: bool = False) -> list[Trial]:
        with self._tx():
            table = self._trials_db().table("trials")
            docs = table.all() if council_id is None else table.search(
                Query().council_id == council_id)
        docs.sort(key=lambda d: d.doc_id)
        found = [from_dict(Trial, dict(d)) for d in docs]
        return [t for t in found if t.is_open or not open_only]
