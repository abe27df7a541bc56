"""Django's SQLite backend, with the writers of one process queued on a lock.

SQLite allows one writer at a time. Every transaction here begins with BEGIN IMMEDIATE
(settings: `transaction_mode`), so a second writer waits in SQLite's busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between its tries: under a few
dozen answers a second, a waiting answer often sleeps long after the lock was freed, and
the 95th percentile goes past 100 ms while the CPU is half idle (docs/benchmarks.md,
`bench:assessment_load`). Here the threads of one server process take a lock before
BEGIN and give it back at COMMIT or ROLLBACK, so they wake as soon as the writer before
them is done; only the few processes of one server still meet in the busy handler.

The wait has the same limit as SQLite's (OPTIONS["timeout"], 5 s by default) and ends
the same way, with "database is locked".
"""

import threading

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def _writer_lock(name: str) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(name, threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer_lock = False

    def _start_transaction_under_autocommit(self):
        lock = _writer_lock(str(self.settings_dict["NAME"]))
        if not lock.acquire(timeout=float(self.settings_dict["OPTIONS"].get("timeout", 5))):
            raise OperationalError("database is locked")
        self._holds_writer_lock = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self):
        if self._holds_writer_lock:
            self._holds_writer_lock = False
            _writer_lock(str(self.settings_dict["NAME"])).release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
