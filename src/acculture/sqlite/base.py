"""Django's SQLite backend, with its writers queued on locks that wake them at once.

SQLite allows one writer at a time. Every transaction here begins with BEGIN IMMEDIATE
(settings: `transaction_mode`), so a second writer waits in SQLite's busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between its tries: under a few
dozen answers a second, a waiting answer often sleeps long after the lock was freed, and
the 95th percentile goes past 100 ms while the CPU is half idle (docs/benchmarks.md,
`bench:assessment_load`). Here a writer takes two locks before BEGIN and gives them back
at COMMIT or ROLLBACK:

- the threads of one process queue on a threading lock, and wake as soon as the writer
  before them is done;
- the processes of one server (gunicorn's workers, `acculture worker`, a command) meet on
  an advisory lock of a file beside the database (`<database>-writer.lock`, flock): the
  one thread of each process that holds the first lock tries it every 0.2 to 2 ms, never
  100 ms. The kernel drops a process's flock when it dies, so a crash leaves no stale lock.

SQLite's own lock is still taken (BEGIN IMMEDIATE): anything that writes without this
backend (the sqlite3 shell) is still kept out, by the busy handler as before. The whole
wait has the same limit as SQLite's (OPTIONS["timeout"], 5 s by default) and ends the
same way, with "database is locked".
"""

import fcntl
import os
import threading
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()
FIRST_PAUSE, LONGEST_PAUSE = 0.0002, 0.002  # seconds between tries of the file lock


def _writer_lock(name: str) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(name, threading.Lock())


def lock_file_path(name: str) -> str:
    return f"{name}-writer.lock"


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer_lock = False
    # This connection's own descriptor of the lock file, and the process that opened it: a
    # forked child must open its own (flock is shared by the copies of one descriptor).
    _lock_fd: int | None = None
    _lock_fd_pid: int | None = None

    def _start_transaction_under_autocommit(self):
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        lock = _writer_lock(str(self.settings_dict["NAME"]))
        if not lock.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        self._holds_writer_lock = True
        try:
            self._lock_between_processes(deadline)
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _lock_between_processes(self, deadline: float) -> None:
        if self.is_in_memory_db():
            return  # no other process can open it
        if self._lock_fd is None or self._lock_fd_pid != os.getpid():
            name = lock_file_path(str(self.settings_dict["NAME"]))
            self._lock_fd, self._lock_fd_pid = os.open(name, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _release_writer_lock(self):
        if self._holds_writer_lock:
            self._holds_writer_lock = False
            if self._lock_fd is not None and self._lock_fd_pid == os.getpid():
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
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
            if self._lock_fd is not None and self._lock_fd_pid == os.getpid():
                os.close(self._lock_fd)
            self._lock_fd = self._lock_fd_pid = None
