"""Attachments for competence 1.3 (process data).

Deterministic: fixed dates, no clock, no network.
Files written into out / "1.3":
  frais-novembre.xlsx   travel expenses of a team for November 2026
  inscriptions.csv      registrations to a training day, with duplicates
  appels.png            a bar chart of calls to a help desk whose axis does not start at 0
"""

import datetime as dt
import io
import re
from pathlib import Path

# (day of November 2026, agent, category, amount in euros)
EXPENSES = [
    (2, "Durand", "Transport", 86.40),
    (2, "Durand", "Repas / Meals", 18.50),
    (3, "Nguyen", "Hébergement / Lodging", 112.00),
    (3, "Nguyen", "Repas / Meals", 21.90),
    (5, "Benali", "Transport", 42.60),
    (9, "Durand", "Hébergement / Lodging", 95.00),
    (9, "Durand", "Transport", 154.20),
    (10, "Lefèvre", "Repas / Meals", 16.80),
    (12, "Benali", "Hébergement / Lodging", 128.50),
    (12, "Benali", "Repas / Meals", 24.30),
    (16, "Nguyen", "Transport", 67.90),
    (17, "Lefèvre", "Transport", 203.10),
    (17, "Lefèvre", "Hébergement / Lodging", 104.00),
    (19, "Durand", "Repas / Meals", 19.70),
    (23, "Benali", "Transport", 38.00),
    (24, "Nguyen", "Repas / Meals", 17.40),
    (25, "Lefèvre", "Repas / Meals", 22.60),
    (26, "Durand", "Transport", 91.30),
]

# (last name, first name, e-mail, site)
REGISTRATIONS = [
    ("Martin", "Léa", "lea.martin@agglo.example", "Lyon"),
    ("Roux", "Karim", "karim.roux@agglo.example", "Villeurbanne"),
    ("Petit", "Anne", "anne.petit@agglo.example", "Lyon"),
    ("Garnier", "Paul", "paul.garnier@agglo.example", "Bron"),
    ("Martin", "Léa", "lea.martin@agglo.example", "Lyon"),
    ("Fontaine", "Inès", "ines.fontaine@agglo.example", "Villeurbanne"),
    ("Morel", "Hugo", "hugo.morel@agglo.example", "Lyon"),
    ("Martin", "Louis", "louis.martin@agglo.example", "Bron"),
    ("Chevalier", "Sarah", "sarah.chevalier@agglo.example", "Lyon"),
    ("ROUX", "Karim", "Karim.Roux@agglo.example", "Villeurbanne"),
    ("Blanc", "Yasmine", "yasmine.blanc@agglo.example", "Bron"),
    ("Perrin", "Marc", "marc.perrin@agglo.example", "Lyon"),
    ("Petit", "Anne", "anne.petit@agglo.example", "Lyon"),
    ("Lambert", "Chloé", "chloe.lambert@agglo.example", "Villeurbanne"),
    ("Faure", "Nicolas", "nicolas.faure@agglo.example", "Lyon"),
    ("Mercier", "Julie", "julie.mercier@agglo.example", "Bron"),
    ("Bonnet", "Théo", "theo.bonnet@agglo.example", "Lyon"),
    ("Girard", "Emma", "emma.girard@agglo.example", "Villeurbanne"),
]

MONTHS = ["janv./Jan", "févr./Feb", "mars/Mar", "avr./Apr", "mai/May", "juin/Jun"]
CALLS = [1000, 1020, 1010, 1050, 1080, 1100]

FIXED = dt.datetime(2026, 11, 30, 9, 0, 0)


def _xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Frais"
    ws.append(["Date", "Agent", "Catégorie / Category", "Montant (€) / Amount (€)"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for day, agent, cat, amount in EXPENSES:
        ws.append([dt.date(2026, 11, day), agent, cat, amount])
    for row in ws.iter_rows(min_row=2, min_col=1, max_col=1):
        row[0].number_format = "DD/MM/YYYY"
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "0.00"
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 24
    ws.column_dimensions["D"].width = 24
    wb.properties.creator = "Service financier"
    wb.properties.lastModifiedBy = "Service financier"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_zip_times(buf.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    """Rewrite the XLSX container with fixed member timestamps."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 30, 9, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the clock on save: pin it.
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2026-11-30T09:00:00Z\g<2>",
                    data,
                )
            z.writestr(new, data)
    return out.getvalue()


def _csv() -> str:
    lines = ["nom,prenom,email,site"]
    lines += [",".join(r) for r in REGISTRATIONS]
    return "\n".join(lines) + "\n"


def _chart() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "acculture"
    fig, ax = plt.subplots(figsize=(6.4, 4.0), dpi=90)
    ax.bar(MONTHS, CALLS, color="#3465a4")
    ax.set_ylim(950, 1120)
    ax.set_yticks(range(950, 1121, 25))
    ax.set_title("Appels au support / Help desk calls — 2026")
    ax.set_ylabel("Nombre d'appels / Number of calls")
    ax.grid(axis="y", linestyle=":", linewidth=0.6)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def build(out: Path) -> None:
    d = Path(out) / "1.3"
    d.mkdir(parents=True, exist_ok=True)
    (d / "frais-novembre.xlsx").write_bytes(_xlsx())
    (d / "inscriptions.csv").write_text(_csv(), encoding="utf-8")
    (d / "appels.png").write_bytes(_chart())
