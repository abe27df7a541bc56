"""The demo organisation: a fictional public body, generated deterministically.

`demo_rows(size)` yields staff-file rows (the same columns as an HR import) so the demo is
loaded through the real import service, and a second run changes nothing. About one unit
per 30 people in a tree Direction générale → directions → sous-directions → bureaux, a
head for each unit (executives at the top, then senior and middle managers), staff in the
bureaux, five sites for the standard size, birth years from 1959 to 2004.
"""

import csv
import io
import math
import random
from datetime import date, timedelta

from django.db import transaction

from acculture.people.models import Organisation, Person, Role, User
from acculture.people.services import people_import, role_grant
from acculture.people.staff_files import COLUMNS

DEMO_SLUG = "demo"
DEMO_NAME = "Office public des territoires (fictif)"
DEMO_PASSWORD = "acculture-demo"
DEMO_DOMAIN = "demo.acculture.example"

FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Jade",
    "Louise",
    "Emma",
    "Alice",
    "Lina",
    "Julie",
    "Sarah",
    "Nathalie",
    "Isabelle",
    "Sophie",
    "Catherine",
    "Martine",
    "Sylvie",
    "Christine",
    "Valérie",
    "Sandrine",
    "Céline",
    "Aurélie",
    "Élodie",
    "Fatima",
    "Aïcha",
    "Mélanie",
    "Hélène",
    "Anne",
    "Claire",
    "Lucas",
    "Hugo",
    "Louis",
    "Jules",
    "Gabriel",
    "Arthur",
    "Nathan",
    "Thomas",
    "Nicolas",
    "Julien",
    "Pierre",
    "Philippe",
    "Alain",
    "Patrick",
    "Michel",
    "Éric",
    "Laurent",
    "Stéphane",
    "David",
    "Olivier",
    "Karim",
    "Mehdi",
    "Youssef",
    "Sébastien",
    "Antoine",
    "Vincent",
    "Franck",
    "Bruno",
    "Yann",
    "Théo",
    "Noah",
    "Malik",
    "Samuel",
]
LAST_NAMES = (
    """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre
Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller
Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin
Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire
Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez
Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas
Lacroix Olivier Philippe Bourgeois Pierre Benoit Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte
Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez
Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier
Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost
Millet Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier
Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet
Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal
Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier
Carlier Laporte""".replace("Le Gall", "Le-Gall")
    .replace("Le Roux", "Le-Roux")
    .replace("Le Goff", "Le-Goff")
    .replace("Da Silva", "Da-Silva")
    .split()
)
SITES = [
    "Lyon — Part-Dieu",
    "Nantes — Île de Nantes",
    "Lille — Euralille",
    "Bordeaux — Mériadeck",
    "Paris — Bercy",
]
DIRECTIONS = [
    "Direction des usagers", "Direction des territoires", "Direction des ressources humaines",
    "Direction du numérique", "Direction des finances", "Direction juridique", "Direction de la communication",
    "Direction des achats", "Direction de l'immobilier", "Direction des études",
]  # fmt: skip
SUB_DIRECTIONS = ["Sous-direction des opérations", "Sous-direction des projets", "Sous-direction du pilotage",
                  "Sous-direction des partenariats"]  # fmt: skip
BUREAUX = ["Bureau de l'accueil", "Bureau des usages", "Bureau des données", "Bureau des dossiers",
           "Bureau de la qualité", "Bureau des marchés", "Bureau des études", "Bureau des relations"]  # fmt: skip
STAFF_TITLES = ["Gestionnaire", "Chargé·e de mission", "Assistant·e", "Instructeur·rice", "Agent·e d'accueil",
                "Technicien·ne", "Comptable", "Juriste", "Chargé·e d'études", "Secrétaire"]  # fmt: skip

# The demo logins, one per role, all with DEMO_PASSWORD (README.md lists them).
DEMO_ACCOUNTS = [
    ("employee", "Employee", None),
    ("manager", "Manager", None),
    ("champion", "Digital champion", Role.CHAMPION),
    ("facilitator", "Facilitator", Role.FACILITATOR),
    ("proctor", "Proctor", Role.PROCTOR),
    ("hr", "Human resources", Role.HR),
    ("cdo", "Chief Digital Officer", Role.CDO),
]


def _unit_tree(size: int) -> list[tuple[str, str]]:
    """(path, level of its head) for every unit, parents before children."""
    directions = max(2, min(len(DIRECTIONS) * 8, round(math.sqrt(size) / 7)))
    units = [("Direction générale", "executive")]
    target_units = max(4, size // 30)
    bureaux_per_sub = max(1, round((target_units - 1 - 4 * directions) / (3 * directions)))
    for d in range(directions):
        name = DIRECTIONS[d % len(DIRECTIONS)] + (
            f" {d // len(DIRECTIONS) + 1}" if d >= len(DIRECTIONS) else ""
        )
        direction = f"Direction générale / {name}"
        units.append((direction, "executive"))
        for s in range(3):
            sub = f"{direction} / {SUB_DIRECTIONS[(s + d) % len(SUB_DIRECTIONS)]}"
            units.append((sub, "senior_manager"))
            for b in range(bureaux_per_sub):
                label = BUREAUX[(b + s + d) % len(BUREAUX)] + (
                    f" {b // len(BUREAUX) + 1}" if b >= len(BUREAUX) else ""
                )
                units.append((f"{sub} / {label}", "middle_manager"))
    return units


def demo_rows(size: int = 1200, seed: int = 2026) -> list[dict[str, str]]:
    rng = random.Random(seed)
    units = _unit_tree(size)
    sites = SITES if size <= 5000 else SITES + [f"Site {i}" for i in range(6, 6 + size // 10000)]
    direction_site = {}
    rows: list[dict[str, str]] = []
    head_of: dict[str, str] = {}
    used_emails: set[str] = set()

    def person(unit_path: str, level: str, title: str, manager: str) -> dict[str, str]:
        number = f"E{len(rows) + 1:06d}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        base = f"{first}.{last}".lower()
        for src, dst in zip("éèêëàâäîïôöûüùçÉ", "eeeeaaaiioouuucE", strict=True):
            base = base.replace(src, dst)
        base = base.replace("ï", "i").replace("'", "")
        email, n = f"{base}@{DEMO_DOMAIN}", 1
        while email in used_emails:
            n += 1
            email = f"{base}{n}@{DEMO_DOMAIN}"
        used_emails.add(email)
        top = " / ".join(unit_path.split(" / ")[:2])
        home_site = direction_site.setdefault(top, sites[len(direction_site) % len(sites)])
        birth_year = rng.randint(1959, 2004)
        hired = date(max(birth_year + 21, 1985), 1, 1) + timedelta(days=rng.randint(0, 4000))
        hired = min(hired, date(2026, 9, 1))
        row = {
            "employee_number": number, "first_name": first, "last_name": last.replace("-", " "),
            "email": email, "unit_path": unit_path,
            "site": home_site if rng.random() < 0.85 else rng.choice(sites),
            "job_title": title, "hierarchy_level": level, "manager_employee_number": manager,
            "hire_date": hired.isoformat(), "birth_year": str(birth_year),
            "language": "en" if rng.random() < 0.06 else "fr",
        }  # fmt: skip
        rows.append(row)
        return row

    for path, level in units:
        parent = path.rpartition(" / ")[0]
        title = {"executive": "Directeur·rice", "senior_manager": "Sous-directeur·rice",
                 "middle_manager": "Chef·fe de bureau"}[level]  # fmt: skip
        if path == "Direction générale":
            title = "Directeur·rice général·e"
        head_of[path] = person(path, level, title, head_of.get(parent, {}).get("employee_number", ""))
    leaves = [p for p, level in units if level == "middle_manager"] or [units[-1][0]]
    while len(rows) < size:
        unit = leaves[len(rows) % len(leaves)] if rng.random() < 0.9 else rng.choice(units)[0]
        person(unit, "staff", rng.choice(STAFF_TITLES), head_of[unit]["employee_number"])
    _assign_demo_emails(rows)
    return rows


def _assign_demo_emails(rows: list[dict[str, str]]) -> None:
    """Give the demo logins' role addresses to fixed people, inside the rows themselves,
    so that importing the rows again changes nothing."""
    staff = [r for r in rows if r["hierarchy_level"] == "staff"]
    chosen = {
        "employee": staff[0], "champion": staff[1], "facilitator": staff[2], "proctor": staff[3],
        "manager": next(r for r in rows if r["hierarchy_level"] == "middle_manager"),
        "hr": next((r for r in staff[4:] if "ressources humaines" in r["unit_path"]), staff[4]),
        "cdo": next((r for r in rows if r["unit_path"].endswith("Direction du numérique")
                     and r["hierarchy_level"] == "executive"), staff[5]),
    }  # fmt: skip
    for key, row in chosen.items():
        row["email"] = f"{key}@{DEMO_DOMAIN}"


def rows_to_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def demo_build(
    *, size: int = 1200, seed: int = 2026, progress=None
) -> tuple[Organisation, list[tuple[str, str]]]:
    """Create or bring up to date the demo organisation; returns it and its logins."""
    with transaction.atomic():
        organisation, _created = Organisation.objects.get_or_create(
            slug=DEMO_SLUG, defaults={"name": DEMO_NAME}
        )
        kwargs = {"progress": progress} if progress else {}
        report = people_import(organisation=organisation, data=rows_to_csv(demo_rows(size, seed)),
                               filename="demo.csv", **kwargs)  # fmt: skip
        if not report.ok:
            raise RuntimeError(f"The demo data is invalid: {report.problems[:3]}")
        accounts = []
        for key, label, role in DEMO_ACCOUNTS:
            email = f"{key}@{DEMO_DOMAIN}"
            person = Person.objects.get(organisation=organisation, email=email)
            user = User.objects.filter(email=email).first() or User.objects.create_user(email, DEMO_PASSWORD)
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if person.user_id != user.pk:
                Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
                Person.objects.filter(pk=person.pk).update(user=user)
            if role is not None:
                role_grant(person=person, role=role, granted_by=None)
            accounts.append((label, email))
        admin_email = f"admin@{DEMO_DOMAIN}"
        admin = User.objects.filter(email=admin_email).first()
        if admin is None:
            User.objects.create_superuser(admin_email, DEMO_PASSWORD)
        accounts.append(("Platform administrator", admin_email))
    return organisation, accounts
