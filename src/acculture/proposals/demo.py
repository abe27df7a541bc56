"""The demo shadow committee: a proposal in each status, one of them late for an answer,
with supporters, so that the pages and the CDO's reminders have something to show."""

from datetime import timedelta

from django.utils import timezone

from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Organisation, Person
from acculture.proposals import services
from acculture.proposals.models import Proposal

# (title, problem, proposal, status, days ago it was submitted)
DEMO_PROPOSALS = [
    (
        "Signer les demandes de congés en ligne",
        "Les demandes de congés passent de bureau en bureau sur papier ; certaines se perdent.",
        "Utiliser le parapheur électronique déjà acheté pour les demandes de congés.",
        "implemented",
        80,
    ),
    (
        "Une heure d'atelier numérique par mois sur le temps de travail",
        "Beaucoup de collègues n'osent pas prendre du temps pour apprendre.",
        "Réserver une heure par mois, au calendrier de chaque service, pour un atelier de la Fabrique.",
        "adopted",
        40,
    ),
    (
        "Remplacer l'intranet par un réseau social d'entreprise",
        "L'intranet est peu lu.",
        "Ouvrir un réseau social interne pour toute l'organisation.",
        "declined",
        35,
    ),
    (
        "Des écrans partagés dans les salles de réunion",
        "On perd dix minutes au début de chaque réunion à brancher un ordinateur.",
        "Équiper les salles de réunion d'un écran qui reçoit l'image sans câble.",
        "under_review",
        12,
    ),
    (
        "Un guide pas à pas pour la visioconférence",
        "Les collègues des sites éloignés décrochent des réunions à distance.",
        "Écrire un guide illustré d'une page, affiché dans chaque salle.",
        "submitted",
        45,
    ),
]
ANSWERS = {
    "adopted": "Adopté : chaque direction réserve ce créneau dès le mois prochain.",
    "declined": "Décliné pour cette année : le budget va à la formation. Nous en reparlerons au printemps.",
}


def demo_build(organisation: Organisation, *, seed: int = 0) -> str | None:
    champion = Person.objects.filter(organisation=organisation, email=f"champion@{DEMO_DOMAIN}").first()
    cdo = Person.objects.filter(organisation=organisation, email=f"cdo@{DEMO_DOMAIN}").first()
    if champion is None or cdo is None or Proposal.objects.filter(organisation=organisation).exists():
        return None
    supporters = list(
        Person.objects.filter(organisation=organisation, is_active=True).exclude(pk=champion.pk)[:40]
    )
    now = timezone.now()
    for index, (title, problem, text, status, days_ago) in enumerate(DEMO_PROPOSALS):
        proposal = services.proposal_submit(author=champion, title=title, problem=problem, proposal=text)
        submitted = now - timedelta(days=days_ago)
        # Back-dated after the fact, so that the one still "submitted" is late for its answer.
        Proposal.objects.filter(pk=proposal.pk).update(
            submitted_at=submitted, answer_due_on=timezone.localdate(submitted) + timedelta(days=30)
        )
        proposal.steps.update(at=submitted)
        for person in supporters[: 5 + 7 * index]:
            services.support_give(proposal=proposal, person=person)
        path = {"under_review": ["under_review"], "adopted": ["under_review", "adopted"],
                "declined": ["declined"], "implemented": ["adopted", "implemented"]}.get(status, [])  # fmt: skip
        for step in path:
            proposal = services.proposal_move(
                proposal=proposal, by=cdo, status=step, note=ANSWERS.get(step, "")
            )
    return f"Shadow committee: {len(DEMO_PROPOSALS)} proposals."
