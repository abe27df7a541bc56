"""The SQLite backend queues the writers of one process on a lock (acculture.sqlite): a
second writer waits for the first one's COMMIT or ROLLBACK, wakes when it comes, and
gives up with "database is locked" after the same timeout as SQLite's own.

Each test opens its own SQLite file through the backend, whatever database the suite
runs on, so the PostgreSQL run checks this too."""

import threading

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from acculture.sqlite.base import _writer_lock


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


def test_a_second_writer_waits_for_the_first_ones_end_then_goes_on(tmp_path):
    path = tmp_path / "queue.sqlite3"
    open_database(path).close()
    lock = _writer_lock(str(path))
    lock.acquire()  # a first writer of this process, in the middle of its transaction
    began = threading.Event()
    failures = []

    def second_writer():
        try:
            connection = open_database(path)
            write(connection, 2)
            began.set()
            connection.commit()
            connection.close()
        except Exception as exc:  # reported to the test below
            failures.append(exc)

    thread = threading.Thread(target=second_writer)
    thread.start()
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
