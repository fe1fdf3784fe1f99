"""Trial actions (prøvehandlinger) in the PostgreSQL backend: a row per cycle, the whole
trial (plan, history, indstilling) as its document; status, evaluation date and owner as
columns for the lists."""

from __future__ import annotations

import copy
from typing import Any

from psycopg.types.json import Jsonb

from meetingtool.core.codec import from_dict, to_dict
from meetingtool.core.errors import MeetingToolError, NotFoundError
from meetingtool.core.trials import TRIAL_PREFIX, Trial, trial_number
from meetingtool.store.postgres.importing import ImportRecords


class TrialRecords(ImportRecords):
    """Trial actions: added with a fresh id, read, listed per council, saved whole."""

    def _put_trial(self, cur: Any, trial: Trial, number: int) -> None:
        cur.execute("INSERT INTO trials (id, number, council_id, status, evaluate, owner, doc) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    (trial.id, number, trial.council_id, str(trial.status), trial.evaluate,
                     trial.owner, Jsonb(to_dict(trial))))

    def add_trial(self, trial: Trial) -> Trial:
        with self._tx() as cur:
            self.council(trial.council_id)
            number = self._next(cur, "trial")
            stored = copy.deepcopy(trial)
            stored.id = f"{TRIAL_PREFIX}{number}"
            self._put_trial(cur, stored, number)
        return stored

    def import_trial(self, trial: Trial) -> None:
        number = trial_number(trial.id)
        with self._tx() as cur:
            cur.execute("SELECT 1 FROM trials WHERE number = %s", (number,))
            if cur.fetchone() is not None:
                raise MeetingToolError(
                    f"Prøvehandlingen {trial.id} findes allerede i {self.location}.")
            self.council(trial.council_id)
            self._next(cur, "trial", at_least=number)
            self._put_trial(cur, trial, number)

    def trial(self, trial_id: str) -> Trial:
        number = trial_number(trial_id)
        with self._tx() as cur:
            cur.execute("SELECT doc FROM trials WHERE number = %s", (number,))
            row = cur.fetchone()
        if row is None:
            raise NotFoundError(f"Prøvehandlingen '{trial_id}' findes ikke.")
        return from_dict(Trial, row[0])

    def save_trial(self, trial: Trial) -> None:
        number = trial_number(trial.id)
        with self._tx() as cur:
            cur.execute("UPDATE trials SET status = %s, evaluate = %s, owner = %s, doc = %s "
                        "WHERE number = %s",
                        (str(trial.status), trial.evaluate, trial.owner,
                         Jsonb(to_dict(trial)), number))
            if cur.rowcount == 0:
                raise NotFoundError(f"Prøvehandlingen '{trial.id}' findes ikke.")

    def trials(self, council_id: str | None = None, *, open_only: bool = False) -> list[Trial]:
        sql, params = "SELECT doc FROM trials WHERE true", []
        if council_id is not None:
            sql += " AND council_id = %s"
            params.append(council_id)
        if open_only:
            sql += " AND status <> 'afsluttet'"
        with self._tx() as cur:
            cur.execute(sql + " ORDER BY number", params)
            return [from_dict(Trial, row[0]) for row in cur.fetchall()]
