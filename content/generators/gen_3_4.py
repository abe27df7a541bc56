"""Attachments for competence 3.4 (programming: formulas, algorithms, scripts).

Deterministic: no clock, no randomness, fixed workbook dates. Writes into out / "3.4".
"""

import datetime as dt
import pathlib
import re

from openpyxl import Workbook
from openpyxl.styles import Font

COMP = "3.4"

# ---------------------------------------------------------------- expenses workbook
# (date, agent, category, amount) -- rows 2..12 of the sheet
EXPENSES = [
    (dt.date(2026, 2, 3), "Nadia Roussel", "Transport", 86.40),
    (dt.date(2026, 2, 5), "Karim Benhamou", "Repas", 17.50),
    (dt.date(2026, 2, 5), "Karim Benhamou", "Hébergement", 112.00),
    (dt.date(2026, 2, 11), "Nadia Roussel", "Repas", 21.90),
    (dt.date(2026, 2, 12), "Éric Vidal", "Transport", 142.60),
    (dt.date(2026, 2, 18), "Éric Vidal", "Hébergement", 98.00),
    (dt.date(2026, 2, 19), "Sophie Martin", "Transport", 34.20),
    (dt.date(2026, 2, 19), "Sophie Martin", "Repas", 15.80),
    (dt.date(2026, 2, 24), "Nadia Roussel", "Transport", 61.00),
    (dt.date(2026, 2, 26), "Karim Benhamou", "Transport", 205.30),
    (dt.date(2026, 2, 27), "Sophie Martin", "Hébergement", 104.50),
]
THRESHOLD = 100  # column E flags amounts strictly above this
TOTAL_CELL = "D14"
TOTAL_FORMULA = "=SUM(D2:D11)"  # deliberate bug: row 12 is left out


def expense_facts() -> dict:
    amounts = [round(a, 2) for *_, a in EXPENSES]
    return {
        "true_total": round(sum(amounts), 2),
        "formula_total": round(sum(amounts[:10]), 2),
        "transport": round(sum(a for *_, c, a in EXPENSES if c == "Transport"), 2),
        "to_validate": sum(1 for a in amounts if a > THRESHOLD),
        "nadia": round(sum(a for _, n, _, a in EXPENSES if n == "Nadia Roussel"), 2),
    }


def _xlsx(path: pathlib.Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Frais février"
    head = ["Date", "Agent", "Catégorie", "Montant (€)", "Contrôle"]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, (d, agent, cat, amount) in enumerate(EXPENSES, start=2):
        ws.cell(row=i, column=1, value=d).number_format = "DD/MM/YYYY"
        ws.cell(row=i, column=2, value=agent)
        ws.cell(row=i, column=3, value=cat)
        ws.cell(row=i, column=4, value=amount).number_format = "#,##0.00"
        ws.cell(row=i, column=5, value=f'=IF(D{i}>{THRESHOLD},"À valider","OK")')
    ws["C14"] = "Total"
    ws["C14"].font = Font(bold=True)
    ws[TOTAL_CELL] = TOTAL_FORMULA
    ws[TOTAL_CELL].number_format = "#,##0.00"
    ws[TOTAL_CELL].font = Font(bold=True)
    for col, width in zip("ABCDE", (12, 18, 14, 13, 12), strict=True):
        ws.column_dimensions[col].width = width
    stamp = dt.datetime(2026, 3, 2, 9, 0, 0)
    wb.properties.creator = "Service financier"
    wb.properties.lastModifiedBy = "Service financier"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.save(path)
    _freeze_zip_dates(path)


def _cache_formula_values(xml: bytes) -> bytes:
    """Write each formula's result next to it (openpyxl leaves <v /> empty), so that
    previewers and phone viewers that do not recalculate still show the values."""
    for i, (*_, amount) in enumerate(EXPENSES, start=2):
        flag = "À valider" if amount > THRESHOLD else "OK"
        xml = re.sub(
            rf'<c r="E{i}"( s="\d+")?><f>([^<]*)</f><v ?/>'.encode(),
            lambda m, i=i, flag=flag: (
                b'<c r="E'
                + str(i).encode()
                + b'"'
                + (m.group(1) or b"")
                + b' t="str"><f>'
                + m.group(2)
                + b"</f><v>"
                + flag.encode("utf-8")
                + b"</v>"
            ),
            xml,
        )
    total = round(sum(a for *_, a in EXPENSES[:10]), 2)  # what SUM(D2:D11) gives
    xml = re.sub(
        rb'(<c r="D14"[^>]*><f>[^<]*</f>)<v ?/>',
        lambda m: m.group(1) + b"<v>" + repr(total).encode() + b"</v>",
        xml,
    )
    assert xml.count(b"<v />") == 0 and xml.count(b"<v/>") == 0
    return xml


def _freeze_zip_dates(path: pathlib.Path) -> None:
    """Rewrite the XLSX (a ZIP) with fixed entry dates so the bytes never change."""
    import io
    import zipfile

    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "now" on save
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-03-02T09:00:00Z", data)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _cache_formula_values(data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 3, 2, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    src.close()
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- reminder algorithm
# (invoice, client, paid, days late)
INVOICES = [
    ("F-101", "Association Les Tilleuls", "oui", 40),
    ("F-102", "Garage Moreau", "non", 45),
    ("F-103", "Crèche Les Lutins", "non", 20),
    ("F-104", "Club de judo", "non", 31),
    ("F-105", "Boulangerie Aubert", "non", 30),
    ("F-106", "Théâtre du Pont", "non", 10),
]


def reminder_facts() -> dict:
    firm = [n for n, _, p, d in INVOICES if p == "non" and d > 30]
    polite = [n for n, _, p, d in INVOICES if p == "non" and not d > 30 and d > 15]
    return {"firm": firm, "polite": polite}


def _algo(path: pathlib.Path) -> None:
    lines = [
        "RELANCE DES FACTURES — algorithme utilisé chaque lundi",
        "",
        "POUR CHAQUE facture DE la liste :",
        "    SI payée = « non » ET retard (jours) > 30 ALORS",
        "        envoyer une LETTRE DE RELANCE",
        "    SINON SI payée = « non » ET retard (jours) > 15 ALORS",
        "        envoyer un RAPPEL AIMABLE",
        "    SINON",
        "        ne rien envoyer",
        "    FIN SI",
        "FIN POUR",
        "",
        "INVOICE REMINDERS — algorithm run every Monday",
        "",
        "FOR EACH invoice IN the list:",
        '    IF paid = "non" (no) AND days late > 30 THEN',
        "        send a REMINDER LETTER",
        '    ELSE IF paid = "non" (no) AND days late > 15 THEN',
        "        send a FRIENDLY REMINDER",
        "    ELSE",
        "        send nothing",
        "    END IF",
        "END FOR",
        "",
        "Liste du lundi 9 mars 2026 / List for Monday 9 March 2026",
        "",
        f"{'Facture':<9}{'Client':<28}{'Payée / Paid':<14}{'Retard (jours) / Days late'}",
    ]
    for n, c, p, d in INVOICES:
        lines.append(f"{n:<9}{c:<28}{p:<14}{d}")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- renaming script
RENAME_FILES = [
    "DSC0041.jpg",
    "DSC0042.jpg",
    "DSC0043.png",
    "DSC0044.jpg",
    "DSC0045.jpg",
    "notes-visite.txt",
]


def rename_result() -> dict:
    res, n = {}, 1
    for f in sorted(RENAME_FILES):
        if f.endswith(".jpg"):
            res[f] = f"visite-2026-{n:03d}.jpg"
            n += 1
    return res


def _rename(path: pathlib.Path) -> None:
    lines = [
        "Script de renommage (pseudo-code) / Renaming script (pseudo-code)",
        "",
        "compteur ← 1",
        "POUR CHAQUE fichier DU dossier, dans l'ordre alphabétique :",
        "    SI l'extension du fichier est « jpg » ALORS",
        "        nouveau_nom ← « visite-2026- » + compteur écrit sur 3 chiffres + « .jpg »",
        "        renommer le fichier en nouveau_nom",
        "        compteur ← compteur + 1",
        "    FIN SI",
        "FIN POUR",
        "",
        "counter ← 1",
        "FOR EACH file IN the folder, in alphabetical order:",
        '    IF the file\'s extension is "jpg" THEN',
        '        new_name ← "visite-2026-" + counter written with 3 digits + ".jpg"',
        "        rename the file to new_name",
        "        counter ← counter + 1",
        "    END IF",
        "END FOR",
        "",
        "Contenu du dossier avant le script / Folder content before the script:",
    ]
    lines += [f"  {f}" for f in RENAME_FILES]
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- registrations
# (name, department, session, lunch, status)
REGISTRATIONS = [
    ("Amrani Leïla", "Accueil", "12/05", "oui", "confirmé"),
    ("Bernard Luc", "Finances", "12/05", "non", "confirmé"),
    ("Caron Julie", "Ressources humaines", "19/05", "oui", "confirmé"),
    ("Diallo Moussa", "Accueil", "12/05", "oui", "en attente"),
    ("Estève Marie", "Finances", "12/05", "oui", "confirmé"),
    ("Fournier Paul", "Technique", "19/05", "oui", "annulé"),
    ("Garnier Anne", "Technique", "12/05", "oui", "confirmé"),
    ("Hoarau Kevin", "Accueil", "19/05", "non", "confirmé"),
    ("Imbert Chloé", "Ressources humaines", "12/05", "oui", "confirmé"),
    ("Joly Samir", "Finances", "12/05", "oui", "annulé"),
    ("Klein Sarah", "Technique", "12/05", "non", "en attente"),
    ("Lopez Nina", "Accueil", "12/05", "oui", "confirmé"),
    ("Marchand Yves", "Technique", "19/05", "oui", "confirmé"),
    ("Nicolas Inès", "Finances", "19/05", "oui", "en attente"),
]


def registration_facts() -> dict:
    lunch_1205 = sum(
        1 for _, _, s, r, st in REGISTRATIONS if s == "12/05" and r == "oui" and st == "confirmé"
    )
    confirmed = sum(1 for *_, st in REGISTRATIONS if st == "confirmé")
    return {"lunch_1205": lunch_1205, "confirmed": confirmed}


def _registrations(path: pathlib.Path) -> None:
    lines = ["nom;service;session;repas;statut"]
    lines += [";".join(r) for r in REGISTRATIONS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(out: pathlib.Path) -> None:
    folder = out / COMP
    folder.mkdir(parents=True, exist_ok=True)
    _xlsx(folder / "frais-mission-fevrier.xlsx")
    _algo(folder / "algorithme-relances.txt")
    _rename(folder / "script-renommage.txt")
    _registrations(folder / "inscriptions-formation.csv")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parent.parent / "attachments")
    print(expense_facts(), reminder_facts(), rename_result(), registration_facts())
