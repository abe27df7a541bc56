"""Attachments for competence 4.3 (health, well-being, environment). Deterministic."""

import csv
import datetime as dt
import io
import pathlib
import re
import zipfile

from PIL import Image, ImageDraw, ImageFont

COMP = "4.3"

# minutes of screen time per day (Mon..Sun)
SCREEN = [
    ("Lun / Mon", 312),
    ("Mar / Tue", 288),
    ("Mer / Wed", 341),
    ("Jeu / Thu", 407),
    ("Ven / Fri", 265),
    ("Sam / Sat", 190),
    ("Dim / Sun", 224),
]


def _screen_time(path: pathlib.Path) -> None:
    w, h = 720, 460
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=15)
    small = ImageFont.load_default(size=13)
    # The bundled default font has no accented letters: keep drawn text accent-free.
    d.text(
        (30, 15), "Usage de la semaine (minutes) / Screen time this week (minutes)", fill=(0, 0, 0), font=font
    )
    base, top = 400, 60
    scale = (base - top) / 450
    d.line([60, base, w - 30, base], fill=(0, 0, 0), width=2)
    for i, (label, minutes) in enumerate(SCREEN):
        x = 80 + i * 90
        y = base - int(minutes * scale)
        d.rectangle([x, y, x + 55, base], fill=(52, 101, 164))
        d.text((x + 10, y - 20), str(minutes), fill=(0, 0, 0), font=font)
        d.text((x - 4, base + 10), label, fill=(0, 0, 0), font=small)
    img.save(path, "PNG", optimize=False)


# mailbox export: date, sender, subject, size in kB, attachment
MAILS = [
    ("03/03/2026", "Service communication", "Photos de l'inauguration", 18450, "oui"),
    ("04/03/2026", "Julien Morel", "Compte rendu réunion", 86, "non"),
    ("05/03/2026", "Direction", "Vidéo des voeux", 42300, "oui"),
    ("06/03/2026", "Nadia Hamidi", "Planning avril", 212, "oui"),
    ("09/03/2026", "Lettre interne", "Lettre d'information n° 12", 1730, "non"),
    ("10/03/2026", "Marc Olivier", "Plans du nouveau bâtiment", 12900, "oui"),
    ("11/03/2026", "Chloé Lambert", "Re: Plans du nouveau bâtiment", 13050, "oui"),
    ("12/03/2026", "Support informatique", "Maintenance du 14/03", 24, "non"),
    ("13/03/2026", "Inès Roux", "Budget 2026 - version 3", 2480, "oui"),
    ("16/03/2026", "Service formation", "Support de formation tableur", 9800, "oui"),
    ("17/03/2026", "Paul Étienne", "Pause café ?", 9, "non"),
    ("18/03/2026", "Camille Petit", "Présentation comité", 26700, "oui"),
    ("19/03/2026", "Hugo Garnier", "Scan des factures", 4350, "oui"),
    ("20/03/2026", "Lettre interne", "Lettre d'information n° 13", 1690, "non"),
    ("23/03/2026", "Sophie Arnaud", "Enregistrement de la visio", 61200, "oui"),
]


def _mailbox(path: pathlib.Path) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    wr.writerow(
        ["Date", "De / From", "Objet / Subject", "Taille (Ko) / Size (kB)", "Pièce jointe / Attachment"]
    )
    for date, who, subject, size, att in MAILS:
        wr.writerow([date, who, subject, size, {"oui": "oui / yes", "non": "non / no"}[att]])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


SENT = [  # date, weekday, time, recipients
    ("02/03/2026", "lundi / Monday", "08:12", 4),
    ("02/03/2026", "lundi / Monday", "21:47", 6),
    ("03/03/2026", "mardi / Tuesday", "12:30", 2),
    ("03/03/2026", "mardi / Tuesday", "18:55", 6),
    ("04/03/2026", "mercredi / Wednesday", "06:40", 3),
    ("04/03/2026", "mercredi / Wednesday", "10:05", 1),
    ("05/03/2026", "jeudi / Thursday", "19:58", 6),
    ("05/03/2026", "jeudi / Thursday", "22:15", 2),
    ("06/03/2026", "vendredi / Friday", "16:20", 6),
    ("07/03/2026", "samedi / Saturday", "11:02", 6),
    ("09/03/2026", "lundi / Monday", "07:25", 5),
    ("09/03/2026", "lundi / Monday", "14:45", 2),
    ("10/03/2026", "mardi / Tuesday", "19:40", 4),
    ("11/03/2026", "mercredi / Wednesday", "09:30", 6),
    ("12/03/2026", "jeudi / Thursday", "23:10", 1),
    ("13/03/2026", "vendredi / Friday", "17:35", 6),
    ("15/03/2026", "dimanche / Sunday", "20:30", 6),
    ("16/03/2026", "lundi / Monday", "08:50", 3),
]


def outside_hours(weekday: str, hhmm: str) -> bool:
    """Charter: weekdays 07:00 to 20:00 inclusive; no sending at weekends."""
    if weekday.startswith(("samedi", "dimanche")):
        return True
    return not ("07:00" <= hhmm <= "20:00")


def _sent(path: pathlib.Path) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    wr.writerow(["Date", "Jour / Day", "Heure d'envoi / Time sent", "Destinataires / Recipients"])
    for row in SENT:
        wr.writerow(row)
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


DEVICES = [  # id, type, year bought, state
    ("PC-0142", "Ordinateur portable / Laptop", 2019, "Fonctionne / Works"),
    ("PC-0178", "Ordinateur portable / Laptop", 2021, "Fonctionne / Works"),
    ("PC-0180", "Ordinateur portable / Laptop", 2021, "En panne / Broken"),
    ("UC-0033", "Unité centrale / Desktop", 2017, "Fonctionne / Works"),
    ("UC-0051", "Unité centrale / Desktop", 2020, "Fonctionne / Works"),
    ("EC-0210", "Écran / Monitor", 2016, "Fonctionne / Works"),
    ("EC-0244", "Écran / Monitor", 2022, "Fonctionne / Works"),
    ("TEL-091", "Téléphone / Phone", 2022, "En panne / Broken"),
    ("TEL-104", "Téléphone / Phone", 2023, "Fonctionne / Works"),
    ("IMP-007", "Imprimante / Printer", 2018, "En panne / Broken"),
    ("PC-0195", "Ordinateur portable / Laptop", 2022, "Fonctionne / Works"),
    ("TAB-012", "Tablette / Tablet", 2020, "Fonctionne / Works"),
]


def route(year: int, state: str) -> str:
    """Policy given in the item stem: before 2020 -> recycling; from 2020, works -> reuse,
    broken -> repair."""
    if year < 2020:
        return "recycle"
    return "reuse" if state.startswith("Fonctionne") else "repair"


def _fix_zip_dates(path: pathlib.Path, when: tuple) -> None:
    data = path.read_bytes()
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                    b'<dcterms:modified xsi:type="dcterms:W3CDTF">'
                    + "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*when).encode()
                    + b"</dcterms:modified>",
                    content,
                )
            zi = zipfile.ZipInfo(item.filename, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, content)
    path.write_bytes(buf.getvalue())


def _devices(path: pathlib.Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Materiel"
    ws.append(["Numéro / ID", "Type", "Année d'achat / Year bought", "État / Condition"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in DEVICES:
        ws.append(list(row))
    for col, width in zip("ABCD", (14, 32, 28, 30), strict=True):
        ws.column_dimensions[col].width = width
    fixed = dt.datetime(2026, 4, 7, 10, 0, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "Service informatique"
    wb.properties.lastModifiedBy = "Service informatique"
    wb.save(path)
    _fix_zip_dates(path, (2026, 4, 7, 10, 0, 0))


def build(out: pathlib.Path) -> None:
    d = pathlib.Path(out) / COMP
    d.mkdir(parents=True, exist_ok=True)
    _screen_time(d / "temps-ecran-semaine.png")
    _mailbox(d / "export-boite-mail.csv")
    _sent(d / "envois-responsable.csv")
    _devices(d / "materiel-a-renouveler.xlsx")
