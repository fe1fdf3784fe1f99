"""The meeting store: TinyDB files that never lose a decision and stay fast with years of data.

This package is the only code that imports ``tinydb``. Everything else uses ``Store``.

Design
------
*Layout* (``layout.py``): a small catalogue (councils, the meeting id counter); one
summary line per meeting in a file per year (``summaries/2026.json``), so recent meetings
are listed from the newest year's file; one TinyDB file per meeting (the meeting with its
own agenda copy, notes, attendance and clock state; its decisions; its triage entries);
per council, a small file of *open* follow-ups for each meeting that still has some
(removed when the last one closes, so ``open_followups`` reads only a few small files)
and beside it a small file of that meeting's *closed* follow-ups; one residents file per
council. Recording a decision rewrites only that meeting's file, recording a follow-up
only that meeting's open-follow-up file, and closing or reopening one only that
meeting's two follow-up files, however large the history grows. A follow-up's id
("12-3") names its meeting, so looking one up reads just those two files.

*Durability* (``storage.py``): every file is written through ``AtomicJSONStorage``:
temporary file in the same folder, flush, fsync, ``os.replace``, fsync of the folder. A
call that changes something returns only after that. Files are UTF-8 with æøå as
themselves. A zero-byte, truncated or otherwise unreadable file raises
``StoreDamagedError`` naming the file and what to do; it is never treated as empty and
never overwritten. Leftover temporary files (from a killed process) are removed when the
store opens: they are only ever created beside the file they replace, so the store lists
the names in its own folders (``layout.temp_file_folders``) rather than walking the tree.

*Two processes* (``lock.py``): every call holds an exclusive ``flock`` on ``DATA/.lock``
and opens its TinyDB files afresh inside it (TinyDB caches the next id and query results
in memory), so each read-modify-write starts from what is on disk. A change spanning
several files is journalled in ``pending.json`` and finished by the next call in any
process if the writer died half-way (``repository.py``). ``save_meeting`` merges the
whole meeting with what another process saved meanwhile (per item and field).

*Backups* (``backup.py``): copies of every database file (incremental: a file equal to the
previous backup's is hard-linked to that backup's copy, never to live data), made automatically
when a meeting starts and when it ends (``save_meeting`` with a new status ``i_gang`` /
``afsluttet``), before a migration and before a restore; the last 10 are kept.
``list_backups(data_dir)`` and ``restore_backup(data_dir, id)`` work without opening the
store, so a damaged store can still be restored (``meetingtool restore``).

*Schema* (``migrate.py``): ``meta.json`` holds the schema version; older data is backed up
and migrated when opened.

Files are created 0600 and folders 0700, whatever the umask.
"""

from meetingtool.store.backup import BackupInfo
from meetingtool.store.repository import Store, list_backups, restore_backup
from meetingtool.store.storage import StoreDamagedError

__all__ = ["BackupInfo", "Store", "StoreDamagedError", "list_backups", "restore_backup"]
