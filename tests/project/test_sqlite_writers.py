"""The SQLite backend queues its writers on locks (acculture.sqlite): a threading lock
for the threads of one process, a file lock beside the database for the processes of
one server. A second writer waits for the first one's COMMIT or ROLLBACK, wakes when it
comes, and gives up with "database is locked" after the same timeout as SQLite's own.

Each test opens its own SQLite file through the backend, whatever database the suite
runs on, so the PostgreSQL run checks this too."""

import fcntl
import os
import signal
import subprocess
import sys
import threading

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from acculture.sqlite.base import _writer_lock, lock_file_path


@pytest.fixture(autouse=True)
def own_files(django_db_blocker):
    """These files are not the suite's database: open them freely."""
    with django_db_blocker.unblock():
        yield


def open_database(path, timeout: float = 5.0):
    """A connection of our backend to the file at `path` (one per thread, as in a server)."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "acculture.sqlite",
                "NAME": str(path),
                "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout},
            }
        }
    )
    connection = handler["default"]  # a handler of its own, not the suite's connections
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS answers (n INTEGER)")
    return connection


def write(connection, n: int) -> None:
    connection._start_transaction_under_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO answers VALUES (%s)", [n])


def count(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM answers")
        return cursor.fetchone()[0]


def writer_in_background(path):
    """A writer on its own thread and connection, as a second server thread would be:
    (the thread, set once it has begun its transaction, the errors it met)."""
    began = threading.Event()
    failures = []

    def writer():
        try:
            connection = open_database(path)
            write(connection, 2)
            began.set()
            connection.commit()
            connection.close()
        except Exception as exc:  # reported to the test that started it
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    return thread, began, failures


def test_a_second_writer_waits_for_the_first_ones_end_then_goes_on(tmp_path):
    path = tmp_path / "queue.sqlite3"
    open_database(path).close()
    lock = _writer_lock(str(path))
    lock.acquire()  # a first writer of this process, in the middle of its transaction
    thread, began, failures = writer_in_background(path)
    assert not began.wait(0.3)  # queued behind the first writer, though SQLite is free
    lock.release()
    assert began.wait(5)  # woken as soon as the first one is done
    thread.join()
    assert failures == []
    assert count(open_database(path)) == 1
    assert not lock.locked()


def test_a_commit_a_rollback_or_a_closed_connection_frees_the_lock(tmp_path):
    path = tmp_path / "free.sqlite3"
    connection = open_database(path)
    lock = _writer_lock(str(path))
    write(connection, 1)
    assert lock.locked()
    connection.commit()
    assert not lock.locked()
    write(connection, 2)
    connection.rollback()
    assert not lock.locked()
    write(connection, 3)
    connection.close()  # a worker's connection dropped in the middle of a transaction
    assert not lock.locked()
    assert count(open_database(path)) == 1  # only the committed one


def test_a_writer_gives_up_after_the_timeout_with_database_is_locked(tmp_path):
    path = tmp_path / "busy.sqlite3"
    open_database(path).close()
    lock = _writer_lock(str(path))
    lock.acquire()
    impatient = open_database(path, timeout=0.2)
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            write(impatient, 2)
    finally:
        lock.release()
    write(impatient, 3)  # and the connection still works once the lock is free
    impatient.commit()
    assert count(impatient) == 1
    impatient.close()


def another_process_holds(path) -> subprocess.Popen:
    """Another server process in the middle of its transaction: it holds the file lock
    until it is told to stop (or killed)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, lock_file_path(str(path))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "holding"
    return holder


HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("holding", flush=True)
sys.stdin.readline()
"""


def file_lock_is_free(path) -> bool:
    fd = os.open(lock_file_path(str(path)), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_writer_holds_the_file_lock_from_its_begin_to_its_end(tmp_path):
    path = tmp_path / "held.sqlite3"
    connection = open_database(path)
    write(connection, 1)
    assert not file_lock_is_free(path)  # another process would wait
    connection.commit()
    assert file_lock_is_free(path)
    write(connection, 2)
    connection.close()
    assert file_lock_is_free(path)


def test_a_writer_waits_for_another_processs_transaction_and_wakes_at_its_end(tmp_path):
    path = tmp_path / "between.sqlite3"
    open_database(path).close()
    holder = another_process_holds(path)
    thread, began, failures = writer_in_background(path)
    try:
        assert not began.wait(0.3)  # SQLite itself is free: only the file lock holds it
    finally:
        holder.communicate("done\n", timeout=5)
    assert began.wait(5)
    thread.join()
    assert failures == []
    assert count(open_database(path)) == 1


def test_a_killed_process_leaves_no_stale_lock_and_a_patient_writer_gives_up_in_time(tmp_path):
    path = tmp_path / "killed.sqlite3"
    open_database(path).close()
    holder = another_process_holds(path)
    impatient = open_database(path, timeout=0.2)
    with pytest.raises(OperationalError, match="database is locked"):
        write(impatient, 1)
    assert not _writer_lock(str(path)).locked()  # the failed wait gave the thread lock back
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=5)
    write(impatient, 2)  # the kernel dropped the dead process's lock
    impatient.commit()
    assert count(impatient) == 1
    impatient.close()
