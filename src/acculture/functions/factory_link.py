"""Digital Factory workshops for a learning path, read only when the factory app has them.

The factory app is built beside this one and may be absent from an installation: the
path then lists tutorials only. Everything here goes through the app registry, so this
module never imports the factory at load time.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone


def _model(name: str):
    try:
        return apps.get_model("factory", name)
    except LookupError:
        return None


def available() -> bool:
    return _model("Workshop") is not None and _model("WorkshopTarget") is not None


def workshops_for(organisation_id: int, wanted: dict[int, object]) -> dict[int, list[dict]]:
    """Active workshops of the organisation aimed at each competence of `wanted`
    (competence id → the person's level there, or None when not measured) and suited to
    that level, with their next published session; keyed by competence id."""
    if not wanted or not available():
        return {}
    targets = (
        _model("WorkshopTarget")
        .objects.filter(
            competence_id__in=list(wanted),
            workshop__organisation_id=organisation_id,
            workshop__is_active=True,
        )
        .select_related("workshop")
        .order_by("workshop__title")
    )
    found: dict[int, list] = {}
    for target in targets:
        current = wanted[target.competence_id]
        floor = int(current) if current is not None else None
        if floor is None or target.level_min <= floor <= target.level_max:
            found.setdefault(target.competence_id, []).append(target.workshop)
    next_session = {}
    Session = _model("Session")
    if Session is not None and found:
        ids = {w.pk for workshops in found.values() for w in workshops}
        sessions = Session.objects.filter(
            workshop_id__in=ids, status="published", starts_at__gt=timezone.now()
        ).order_by("starts_at")
        for session in sessions:
            next_session.setdefault(session.workshop_id, session.starts_at)
    return {
        competence_id: [
            {"title": w.title, "url": _url(w.pk), "next": next_session.get(w.pk)}
            # Workshops with a session coming first: those can be booked now.
            for w in sorted(
                workshops, key=lambda w: (w.pk not in next_session, next_session.get(w.pk) or 0, w.title)
            )
        ]
        for competence_id, workshops in found.items()
    }


def _url(pk: int) -> str:
    try:
        return reverse("factory:workshop-detail", args=[pk])
    except NoReverseMatch:
        return ""
