"""A person's own learning records, as xAPI statements and as CSV.

xAPI (the Experience API): one statement per counted entry — actor, verb, object,
`result.duration` in ISO 8601 and a timestamp — so that a learning record store (LRS)
can take them. The actor is identified by `mbox_sha1sum` (the SHA-1 of "mailto:" and
the e-mail address), so the file does not carry the address itself.
"""

import csv
import hashlib
import io
import uuid
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.people.models import Person

VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
# A fixed namespace so that the same entry always gets the same statement id: an LRS
# that receives the file twice keeps one statement.
STATEMENT_NAMESPACE = uuid.UUID("6f1c8a5e-2b7d-4c3e-9a51-0d4e2f6b8c17")


def iso_duration(minutes: int) -> str:
    """90 → "PT1H30M", 45 → "PT45M", 120 → "PT2H", 0 → "PT0M"."""
    hours, rest = divmod(minutes, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if rest or not hours:
        text += f"{rest}M"
    return text


def _actor(person: Person) -> dict:
    if person.email:
        # SHA-1 because xAPI defines mbox_sha1sum so; it hides the address, it secures nothing.
        digest = hashlib.sha1(f"mailto:{person.email.lower()}".encode()).hexdigest()
        return {"objectType": "Agent", "name": person.full_name, "mbox_sha1sum": digest}
    return {
        "objectType": "Agent",
        "name": person.full_name,
        "account": {"homePage": settings.BASE_URL, "name": person.employee_number},
    }


def statement(entry: TimeEntry, actor: dict, language: str) -> dict:
    completed = entry.source == TimeEntry.Source.ASSESSMENT
    verb = VERB_COMPLETED if completed else VERB_EXPERIENCED
    thing = entry.reference.replace(":", "/") if entry.reference else f"{entry.source}/entry-{entry.pk}"
    stamp = timezone.make_aware(datetime.combine(entry.date, time(12)))
    return {
        "id": str(uuid.uuid5(STATEMENT_NAMESPACE, f"{settings.BASE_URL}/learning/entries/{entry.pk}")),
        "actor": actor,
        "verb": {"id": verb, "display": {"en-US": "completed" if completed else "experienced"}},
        "object": {
            "objectType": "Activity",
            "id": f"{settings.BASE_URL}/learning/activities/{thing}",
            "definition": {"name": {language: entry.label}},
        },
        "result": {"duration": iso_duration(entry.minutes), "completion": True},
        "timestamp": stamp.isoformat(),
    }


def xapi_statements(person: Person) -> list[dict]:
    """The person's counted learning time; pending and refused time is not a record."""
    actor = _actor(person)
    entries = TimeEntry.objects.filter(person=person, status=TimeEntry.Status.APPROVED).order_by("date", "pk")
    return [statement(entry, actor, person.language) for entry in entries]


CSV_COLUMNS = ("date", "minutes", "kind", "what", "status", "reference")


def entries_csv(person: Person) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in TimeEntry.objects.filter(person=person).order_by("date", "pk"):
        writer.writerow(
            [
                entry.date.isoformat(),
                entry.minutes,
                entry.source,
                entry.description,
                entry.status,
                entry.reference,
            ]
        )
    return out.getvalue()
