"""The demo's certification: a session held a week ago, finalised and published, with two
certified demo people (the demo employee and the champion), and the signing keys.

The scores are written directly rather than played through the engine, so that the demo
builds in a blink; every page, PDF and credential then works as for a real session."""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from acculture.certification import credentials, services
from acculture.certification.models import Candidate, CertificationSession
from acculture.frameworks.models import Framework
from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Organisation, Person
from acculture.psychometrics import band

DEMO_PLACE = "Salle 204, siège"


def demo_build(organisation: Organisation, *, seed: int = 2026) -> str | None:
    framework = Framework.objects.filter(is_default=True).first()
    proctor = Person.objects.filter(organisation=organisation, email=f"proctor@{DEMO_DOMAIN}").first()
    people = list(
        Person.objects.filter(
            organisation=organisation, email__in=[f"employee@{DEMO_DOMAIN}", f"champion@{DEMO_DOMAIN}"]
        )
    )
    if framework is None or proctor is None or len(people) < 2:
        return None
    if not credentials.keys_available():
        credentials.keys_generate()
    if CertificationSession.objects.filter(organisation=organisation, place=DEMO_PLACE).exists():
        return None
    rng = random.Random(seed)
    codes = list(framework.competences.order_by("order").values_list("code", flat=True))
    day = timezone.localdate() - timedelta(days=7)
    with transaction.atomic():
        session = services.session_create(
            organisation=organisation, by=proctor.user, framework=framework, place=DEMO_PLACE, capacity=12,
            starts_at=datetime.combine(day, time(9, 30), tzinfo=timezone.get_current_timezone()),
            time_zone=settings.TIME_ZONE,
        )  # fmt: skip
        for person in people:
            levels = {code: round(rng.uniform(3.0, 5.9), 1) for code in codes}
            overall = round(sum(levels.values()) / len(levels), 1)
            Candidate.objects.create(
                session=session, person=person, stage=Candidate.Stage.DONE, outcome=Candidate.Outcome.CERTIFIED,
                score={"overall": overall, "band": band(overall), "levels": levels, "answers": 34, "withdrawn": 0},
            )  # fmt: skip
        CertificationSession.objects.filter(pk=session.pk).update(
            status=CertificationSession.Status.FINALISED
        )
        services.session_publish(session=session, by=proctor.user, now=timezone.now() - timedelta(days=6))
    return f"Certification: a published session with {len(people)} certified people (keys in {settings.CERTIFICATION_KEYS_DIR})."
