"""The two writes of an answer are compiled once per process (acculture.prepared): they
write what the ORM's update() and create() would, on either database."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from acculture.assessments.models import Assessment, Response
from acculture.assessments.services import ANSWER_MOVE, RESPONSE_INSERT
from acculture.content.models import Item
from acculture.prepared import PreparedUpdate
from tests.assessments.test_taking import start


def row(model, pk) -> dict:
    return {k: v for k, v in vars(model.objects.get(pk=pk)).items() if k != "_state"}


def test_the_new_state_is_written_only_where_the_assessment_still_is(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    other = Item.objects.exclude(pk=assessment.current_item_id).first()
    later = timezone.now() + timedelta(seconds=42)
    changes = {
        "current_position": 2,
        "seconds_spent": 42,
        "current_item_id": other.pk,
        "presented_at": later,
        "engine_state": {"v": 1, "seen": ["x"], "nested": {"a": [1.5, None]}},
    }
    assert ANSWER_MOVE.run(changes, pk=assessment.pk, position=1) == 1
    written = row(Assessment, assessment.pk)
    assert {name: written[name] for name in changes} == changes
    assert written["status"] == Assessment.Status.IN_PROGRESS and written["person_id"] == cast.employee.pk
    # The same answer again (a double click): the position has moved, nothing is written.
    assert ANSWER_MOVE.run({**changes, "seconds_spent": 99}, pk=assessment.pk, position=1) == 0
    assert row(Assessment, assessment.pk)["seconds_spent"] == 42
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.COMPLETED)
    assert ANSWER_MOVE.run({**changes, "current_position": 3}, pk=assessment.pk, position=2) == 0


def test_the_answers_row_is_the_one_the_orm_writes(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    first, second = Item.objects.order_by("pk")[:2]
    now = timezone.now()
    common = {"assessment": assessment, "answer": {"value": ["b", "c"]}, "correct": True, "scored": False,
              "presented_at": now - timedelta(seconds=7), "seconds": 7}  # fmt: skip
    compiled = RESPONSE_INSERT.create(item=first, position=1, idempotency_key="position-1", **common)
    by_orm = Response.objects.create(item=second, position=2, idempotency_key="position-2", **common)
    assert compiled.pk and compiled.pk != by_orm.pk and not compiled._state.adding
    mine, theirs = row(Response, compiled.pk), row(Response, by_orm.pk)
    differ = {"id", "item_id", "position", "idempotency_key", "answered_at"}
    assert {k: v for k, v in mine.items() if k not in differ} == {
        k: v for k, v in theirs.items() if k not in differ
    }
    assert mine["item_id"] == first.pk and mine["dont_know"] is False  # the model's default
    assert abs(mine["answered_at"] - theirs["answered_at"]) < timedelta(seconds=5)  # default now
    assert {k: v for k, v in vars(compiled).items() if k in mine} == mine  # the object is the row


def test_an_update_example_that_is_not_a_filter_of_its_own_is_refused(client, login, cast, bank):
    twice = PreparedUpdate(
        lambda pk: Assessment.objects.filter(pk=pk, current_position=3), fields=("seconds_spent",), pk=3
    )
    with pytest.raises(ValueError, match="must appear once"):
        twice.run({"seconds_spent": 1}, pk=1)


def test_a_failed_write_spoils_its_transaction_as_the_orms_would(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    item = Item.objects.order_by("pk").first()
    answer = {"assessment": assessment, "item": item, "position": 1, "idempotency_key": "k",
              "correct": False, "presented_at": timezone.now()}  # fmt: skip
    with transaction.atomic():
        RESPONSE_INSERT.create(**answer)
        with pytest.raises(IntegrityError):
            RESPONSE_INSERT.create(**answer)  # the same position again
        # Caught inside the block: it can only be rolled back, nothing more is written.
        assert transaction.get_connection().needs_rollback
        transaction.set_rollback(True)
    assert not Response.objects.filter(assessment=assessment).exists()
