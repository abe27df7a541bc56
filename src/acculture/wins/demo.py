"""Demo small wins: a few posts by different people, with kudos; one of them featured."""

from acculture.frameworks.models import Competence
from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Organisation, Person
from acculture.wins import services
from acculture.wins.models import Win

DEMO_WINS = [
    (
        "Je partage l'agenda de l'équipe en ligne",
        "On s'appelait pour trouver un créneau.",
        "Chacun voit les **créneaux libres** d'un coup d'œil.",
        45,
        ["2.4"],
    ),
    (
        "Fini les pièces jointes trop lourdes",
        "Les courriels avec des photos étaient refusés.",
        "J'envoie un lien de partage : le fichier arrive toujours.",
        20,
        ["2.1", "3.1"],
    ),
    (
        "Un formulaire en ligne pour les inscriptions",
        "Nous recopions les inscriptions papier.",
        "Les réponses arrivent directement dans un tableau.",
        120,
        ["3.1"],
    ),
    (
        "J'ai activé la double authentification",
        "Mon mot de passe servait partout.",
        "Mon compte est protégé, même si le mot de passe fuit.",
        0,
        ["4.1"],
    ),
]


def demo_build(organisation: Organisation, *, seed: int = 0) -> str | None:
    if Win.objects.filter(organisation=organisation).exists():
        return None
    cdo = Person.objects.filter(organisation=organisation, email=f"cdo@{DEMO_DOMAIN}").first()
    people = list(Person.objects.filter(organisation=organisation, is_active=True).order_by("pk")[:60])
    if cdo is None or len(people) < 10:
        return None
    employee = Person.objects.filter(organisation=organisation, email=f"employee@{DEMO_DOMAIN}").first()
    authors = [employee or people[0], people[3], people[5], people[7]]
    wins = []
    for author, (title, before, after, minutes, codes) in zip(authors, DEMO_WINS, strict=True):
        competences = Competence.objects.filter(framework__is_default=True, code__in=codes)
        wins.append(services.win_post(author=author, title=title, before=before, after=after,
                                      minutes_saved_per_week=minutes, competences=list(competences)))  # fmt: skip
    for index, win in enumerate(wins):
        for person in people[10 : 14 + 4 * index]:
            if person.pk != win.author_id:  # kudos come from colleagues only
                services.kudos_give(win=win, person=person)
    services.win_feature(win=wins[2], by=cdo.user)
    return f"Small wins: {len(wins)} posts, one featured."
