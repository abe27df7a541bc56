"""The demo's Digital Factory: a lab at each demo site and an online one, a catalogue of
workshops across the tracks, and sessions over the next weeks run by the demo facilitator
(one of them nearly full, so the waiting list can be tried at once)."""

from datetime import datetime, time, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from acculture.factory import services
from acculture.factory.models import Factory, Format, Registration, Session, Track, Workshop
from acculture.frameworks.models import Competence
from acculture.people.demo import DEMO_ACCOUNTS, DEMO_DOMAIN
from acculture.people.models import Organisation, Person, Site

# (title, track, format, minutes, competences with levels, description, prerequisites)
WORKSHOPS = [
    ("Bien gérer ses mots de passe", Track.DIGITAL_SKILLS, Format.ON_SITE, 90, [("4.1", 0, 3)],
     "Créer des mots de passe solides, utiliser un gestionnaire et activer la double authentification, "
     "sur votre propre poste.", "Venez avec votre ordinateur ou votre téléphone professionnel."),
    ("Trouver l'information fiable en ligne", Track.DIGITAL_SKILLS, Format.HYBRID, 60, [("1.1", 0, 3), ("1.2", 0, 3)],
     "Chercher efficacement, repérer une source fiable et déjouer les fausses informations.", ""),
    ("Travailler à plusieurs sur un document", Track.DIGITAL_SKILLS, Format.ONLINE, 90, [("2.2", 0, 4), ("3.1", 0, 3)],
     "Partager un document, écrire à plusieurs, suivre les modifications et commenter.", ""),
    ("Premiers pas en méthode agile", Track.AGILE, Format.ON_SITE, 120, [("2.4", 1, 5)],
     "Un atelier-jeu pour découvrir les rituels agiles : petites itérations, rétrospective, tableau de tâches.", ""),
    ("Le design thinking en une matinée", Track.DESIGN_THINKING, Format.ON_SITE, 180, [("3.1", 1, 5)],
     "Partir des besoins des usagers, imaginer et tester un prototype papier en équipe.", ""),
    ("Piloter un produit numérique", Track.PRODUCT_MANAGEMENT, Format.ONLINE, 120, [("5.2", 2, 6)],
     "Définir un problème, mesurer l'impact, prioriser : le métier de responsable de produit, par la pratique.", ""),
    ("Décider avec les données", Track.DATA_DRIVEN, Format.HYBRID, 120, [("1.3", 1, 5)],
     "Lire un tableau de bord, poser une bonne question aux données, éviter les pièges des graphiques.",
     "Savoir ouvrir un tableur."),
    ("Conduire le changement numérique", Track.CHANGE_LEADERSHIP, Format.ON_SITE, 150, [("2.4", 2, 8)],
     "Pour les encadrants : embarquer son équipe, lever les peurs, s'appuyer sur les champions.", ""),
]  # fmt: skip
ONLINE_LAB = "Digital Factory — en ligne"
ONLINE_LINK = "https://visio.demo.acculture.example/factory"


def demo_build(organisation: Organisation, *, seed: int = 2026) -> str | None:
    """Idempotent: an existing catalogue is kept; sessions are added only when none is upcoming."""
    facilitator = Person.objects.filter(organisation=organisation, email__startswith="facilitator@").first()
    if facilitator is None:
        return None
    rng = Random(seed)
    labs = []
    for site in Site.objects.filter(organisation=organisation):
        lab = Factory.objects.filter(organisation=organisation, site=site).first() or services.factory_save(
            organisation=organisation, name=f"Digital Factory — {site.name}", site=site,
            address="Rez-de-chaussée, salle Factory", facilitators=[facilitator],
        )  # fmt: skip
        labs.append(lab)
    online = Factory.objects.filter(
        organisation=organisation, site__isnull=True
    ).first() or services.factory_save(
        organisation=organisation, name=ONLINE_LAB, site=None, facilitators=[facilitator]
    )
    competences = {c.code: c for c in Competence.objects.filter(framework__is_default=True)}
    workshops = []
    for title, track, fmt, minutes, targets, description, prerequisites in WORKSHOPS:
        workshop = Workshop.objects.filter(organisation=organisation, title=title).first()
        if workshop is None:
            workshop = services.workshop_save(
                organisation=organisation, title=title, track=track, format=fmt, duration_minutes=minutes,
                description=description, prerequisites=prerequisites,
                targets=[(competences[code], low, high) for code, low, high in targets if code in competences],
            )  # fmt: skip
        workshops.append(workshop)
    now = timezone.now()
    if Session.objects.filter(workshop__organisation=organisation, starts_at__gt=now).exists():
        return f"Digital Factory: {len(labs) + 1} labs, {len(workshops)} workshops (sessions kept)."
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    created = []
    for i in range(12):
        workshop = workshops[i % len(workshops)]
        lab = online if workshop.format == Format.ONLINE else labs[i % len(labs)] if labs else online
        day = today + timedelta(days=3 + i * 2)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        starts = datetime.combine(day, time(9 if i % 2 else 14, 0), tzinfo=zone)
        created.append(
            services.session_create(
                workshop=workshop,
                factory=lab,
                facilitator=facilitator,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=workshop.duration_minutes),
                time_zone=settings.TIME_ZONE,
                capacity=rng.choice([8, 10, 12]),
                link=ONLINE_LINK if workshop.format in (Format.ONLINE, Format.HYBRID) else "",
                publish=True,
            )
        )
    # The first session nearly full: all seats but one taken by colleagues of its site.
    first = created[0]
    # Not the demo accounts: the demo employee should find the last seat to take.
    accounts = [f"{key}@{DEMO_DOMAIN}" for key, _label, _role in DEMO_ACCOUNTS]
    people = list(
        Person.objects.filter(organisation=organisation, is_active=True)
        .exclude(email__in=accounts)
        .order_by("pk")
    )
    # Colleagues of the lab's site first; others if the site is too small.
    people.sort(key=lambda p: p.site_id != first.factory.site_id)
    for person in people[: first.capacity - 1]:
        services.registration_create(session=first, person=person)
    seated = Registration.objects.filter(session=first, status=Registration.Status.CONFIRMED).count()
    return (
        f"Digital Factory: {len(labs) + 1} labs, {len(workshops)} workshops, {len(created)} sessions "
        f"(the first one has {seated} of {first.capacity} seats taken)."
    )
