"""The demo's circle: categories in both spaces, with a few threads and replies. Built
once (a second run finds the categories and changes nothing)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from acculture.circle.models import Category, Notification, Post, Space, Thread
from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Person, Role

CATEGORIES = [
    (
        Space.OPEN,
        "entraide",
        "Entraide",
        "Une question sur un outil ? Posez-la ici, quelqu’un vous répondra.",
    ),
    (Space.OPEN, "astuces", "Astuces", "Les petits trucs qui font gagner du temps."),
    (Space.CHAMPIONS, "champions", "Entre champions", "Organisation du réseau, retours du terrain, idées."),
]
# (category, author key, title, first message, [(author key, reply)]); keys are the demo
# accounts' e-mail local parts, or "other" for a colleague.
THREADS = [
    ("entraide", "employee", "Comment partager mon agenda avec mon équipe ?",
     "Bonjour, je voudrais que mes collègues voient mes rendez-vous. Par où commencer ?",
     [("champion", "Bonjour @employee, dans l’agenda : **Paramètres** puis **Partager**. Je passe vous montrer "
                   "mardi si vous voulez."),
      ("employee", "Merci beaucoup, ça a marché !")]),
    ("entraide", "other", "Mon mot de passe expire, que faire ?",
     "J’ai reçu un message qui dit que mon mot de passe expire dans 3 jours.",
     [("champion", "Pas d’inquiétude : changez-le depuis l’intranet, rubrique *Mon compte*. Choisissez une "
                   "phrase longue plutôt qu’un mot compliqué.")]),
    ("astuces", "champion", "Trois raccourcis clavier qui changent la vie",
     "- **Ctrl + C** / **Ctrl + V** : copier, coller\n- **Ctrl + Z** : annuler\n- **Ctrl + F** : chercher "
     "un mot dans la page", [("other", "Je ne connaissais pas Ctrl + F, merci !")]),
    ("champions", "champion", "Permanence numérique du jeudi",
     "Qui peut tenir la permanence du jeudi midi ce mois-ci ? @cdo, peut-on avoir la salle 2 ?",
     [("cdo", "Oui, la salle 2 est réservée pour vous tous les jeudis.")]),
]  # fmt: skip


@transaction.atomic
def demo_build(organisation, *, seed: int = 2026) -> str | None:
    if Category.objects.filter(organisation=organisation).exists():
        return None
    people = {p.email.split("@")[0]: p for p in Person.objects.filter(
        organisation=organisation, email__in=[f"{k}@{DEMO_DOMAIN}" for k in ("employee", "champion", "cdo")])}  # fmt: skip
    if len(people) < 3:
        return None
    people["other"] = (
        Person.objects.filter(organisation=organisation, is_active=True, hierarchy_level="staff")
        .exclude(pk__in=[p.pk for p in people.values()])
        .exclude(role_grants__role=Role.CHAMPION)
        .order_by("employee_number")
        .first()
    )
    categories = {}
    for order, (space, slug, name, description) in enumerate(CATEGORIES):
        categories[slug] = Category.objects.create(
            organisation=organisation, space=space, slug=slug, name=name, description=description, order=order
        )
    start = timezone.now() - timedelta(days=6)
    for index, (slug, author, title, body, replies) in enumerate(THREADS):
        at = start + timedelta(days=index, hours=2)
        thread = Thread.objects.create(
            organisation=organisation, category=categories[slug], author=people[author], title=title,
            created_at=at, last_activity_at=at + timedelta(hours=len(replies)), replies=len(replies),
            is_pinned=slug == "astuces",
        )  # fmt: skip
        Post.objects.create(thread=thread, author=people[author], body=body, created_at=at, is_first=True)
        for hours, (who, text) in enumerate(replies, start=1):
            post = Post.objects.create(
                thread=thread, author=people[who], body=text, created_at=at + timedelta(hours=hours)
            )
            for key in ("employee", "cdo"):
                if f"@{key}" in text:
                    Notification.objects.create(person=people[key], post=post, kind=Notification.Kind.MENTION)
    return f"Circle: {len(categories)} categories, {len(THREADS)} threads."
