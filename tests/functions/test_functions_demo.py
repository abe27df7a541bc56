"""The demo hook: functions with holders who meet, are in grace, or are overdue; once."""

from acculture.functions.demo import demo_build
from acculture.functions.evaluation import Standing
from acculture.functions.models import Function, Holding
from acculture.functions.selectors import compliance_rows
from acculture.learning.models import AllowancePolicy
from tests.conftest import make_person


def test_the_demo_gives_hr_a_real_list_and_running_it_again_changes_nothing(cast, framework):
    for n in range(60):
        make_person(cast.org, f"D{n:03}", f"Demo{n}", "Person", account=False)
    line = demo_build(cast.org, seed=1)
    assert line.startswith("Functions: 4 with requirements")
    rows = compliance_rows(cast.org, include_met=True)
    assert {Standing.MET, Standing.IN_GRACE, Standing.OVERDUE} <= {r.standing for r in rows}
    assert AllowancePolicy.objects.filter(function__isnull=False, minutes_per_month=240).count() == 1
    counts = (Function.objects.count(), Holding.objects.count(), AllowancePolicy.objects.count())
    demo_build(cast.org, seed=1)
    assert (Function.objects.count(), Holding.objects.count(), AllowancePolicy.objects.count()) == counts
