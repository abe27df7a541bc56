"""The demo's champions network: the demo champion's profile, champions at other sites,
and one nomination waiting for the CDO. Idempotent: a second run changes nothing."""

import random

from acculture.champions.models import ChampionProfile, HelpLanguage, Nomination
from acculture.champions.selectors import help_competences
from acculture.champions.services import nomination_create, nomination_decide
from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Person, Role

PROFILES = [
    ("Je vous montre pas à pas comment partager un fichier ou un agenda, à votre rythme.",
     "Le mardi et le jeudi après-midi", [HelpLanguage.FR, HelpLanguage.EN]),
    ("Messagerie, visioconférence, mots de passe : venez avec votre question, on cherche ensemble.",
     "Tous les matins avant 10 h", [HelpLanguage.FR]),
    ("Les formulaires en ligne et les tableurs ne me font pas peur ; à vous non plus bientôt.",
     "Le lundi toute la journée", [HelpLanguage.FR, HelpLanguage.ES]),
    ("Je peux vous aider à repérer un courriel frauduleux et à protéger vos comptes.",
     "Sur rendez-vous, par message", [HelpLanguage.FR, HelpLanguage.AR]),
]  # fmt: skip


def _profile(person: Person, index: int, rng: random.Random) -> None:
    how, when, languages = PROFILES[index % len(PROFILES)]
    profile, _created = ChampionProfile.objects.get_or_create(
        person=person, defaults={"organisation": person.organisation, "site": person.site}
    )
    if profile.how_i_help:
        return
    profile.how_i_help, profile.availability = how, when
    profile.languages = ChampionProfile.pack_languages(languages)
    profile.save()
    competences = list(help_competences())
    if competences:
        profile.competences.set(rng.sample(competences, min(3, len(competences))))


def demo_build(organisation, *, seed: int = 2026) -> str | None:
    rng = random.Random(seed)
    cdo = (
        Person.objects.filter(organisation=organisation, email=f"cdo@{DEMO_DOMAIN}")
        .select_related("user")
        .first()
    )
    champion = Person.objects.filter(organisation=organisation, email=f"champion@{DEMO_DOMAIN}").first()
    if cdo is None or champion is None:
        return None
    _profile(champion, 0, rng)
    # Champions at the other sites, accepted through the real workflow.
    staff = Person.objects.filter(organisation=organisation, is_active=True, hierarchy_level="staff").exclude(
        email__startswith=("employee@")
    )
    sites_done = {champion.site_id}
    added = 0
    for person in staff.exclude(site=None).order_by("employee_number")[:400]:
        if person.site_id in sites_done or person.email.split("@")[0] in ("facilitator", "proctor", "hr"):
            continue
        sites_done.add(person.site_id)
        if not person.role_grants.filter(role=Role.CHAMPION).exists():
            nomination = Nomination.objects.filter(person=person, status=Nomination.Status.PENDING).first()
            nomination = nomination or nomination_create(
                person=person, source=Nomination.Source.SELF, nominated_by=person,
                reason="J'aime expliquer et je le fais déjà dans mon bureau.",
            )  # fmt: skip
            nomination_decide(nomination=nomination, decided_by=cdo.user, accept=True)
            added += 1
        _profile(person, len(sites_done), rng)
        if len(sites_done) >= 4:
            break
    # One nomination waiting for the CDO, put forward by a manager.
    if not Nomination.objects.filter(organisation=organisation, status=Nomination.Status.PENDING).exists():
        for person in staff.filter(manager__isnull=False).order_by("-employee_number")[:50]:
            if not person.role_grants.exists():
                nomination_create(
                    person=person, source=Nomination.Source.MANAGER, nominated_by=person.manager,
                    reason="Toujours la première à aider ses collègues avec le nouveau logiciel.",
                )  # fmt: skip
                break
    champions = Person.objects.filter(organisation=organisation, role_grants__role=Role.CHAMPION).count()
    return f"Champions: {champions} ({added} new), one nomination waiting for the CDO."
