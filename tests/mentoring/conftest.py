"""A programme of the cast's organisation with two mentors and two leaders enrolled.

Marc (the cast's manager) leads Emma; Emma and the champion are strong enough to teach
1.1; a senior leader, Sonia, sits apart from both. Matching must never pair Emma with
Marc (his reporting line)."""

from dataclasses import dataclass

import pytest
from django.test import override_settings

from acculture.mentoring.models import Programme
from tests.mentoring.factories import enrol, give_result, make_framework, make_leader, make_programme

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)


@dataclass
class Scene:
    programme: Programme
    framework: object
    sonia: object


@pytest.fixture
def scene(cast) -> Scene:
    framework = make_framework()
    programme = make_programme(cast.org, framework)
    sonia = make_leader(cast.org, "S001", "Sonia")
    give_result(cast.employee, framework, {"1.1": 7.0, "1.2": 3.0, "2.1": 6.0, "3.1": 2.0})
    give_result(cast.champion, framework, {"1.1": 5.5, "1.2": 6.0, "2.1": 2.0, "3.1": 2.0})
    enrol(programme, cast.employee, "mentor", competences=("1.1", "2.1"))
    enrol(programme, cast.champion, "mentor", competences=("1.1", "1.2"))
    enrol(programme, cast.manager, "mentee", competences=("1.1",))
    enrol(programme, sonia, "mentee", competences=("1.1", "2.1"))
    return Scene(programme=programme, framework=framework, sonia=sonia)
