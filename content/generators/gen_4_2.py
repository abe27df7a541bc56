"""Attachments for competence 4.2 (personal data and privacy). Deterministic."""

import csv
import datetime as dt
import io
import pathlib
import random

from PIL import Image, ImageDraw

COMP = "4.2"


def _photo(path: pathlib.Path) -> None:
    """A team photo (drawn) whose EXIF carries date, phone model and GPS position."""
    rnd = random.Random(42)
    img = Image.new("RGB", (640, 420), (196, 222, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 300, 640, 420], fill=(120, 160, 110))
    for i in range(5):
        x = 70 + i * 115
        col = tuple(rnd.randint(40, 220) for _ in range(3))
        d.ellipse([x, 150, x + 50, 200], fill=(236, 200, 170))
        d.rectangle([x - 10, 200, x + 60, 320], fill=col)
    d.text((20, 20), "Seminaire equipe / Team away-day", fill=(20, 20, 20))
    exif = Image.Exif()
    exif[0x010F] = "Fairline"  # Make
    exif[0x0110] = "Fairline Note 12"  # Model
    exif[0x0131] = "Camera 4.1"  # Software
    exif[0x0132] = "2026:06:18 16:42:05"  # DateTime
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:06:18 16:42:05"  # DateTimeOriginal
    sub[0x9004] = "2026:06:18 16:42:05"  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)
    gps[0x0000] = b"\x02\x02\x00\x00"
    gps[0x0001] = "N"
    gps[0x0002] = (45.0, 45.0, 51.0)  # 45°45'51" N  (Lyon)
    gps[0x0003] = "E"
    gps[0x0004] = (4.0, 50.0, 31.0)  # 4°50'31" E
    img.save(path, "JPEG", quality=80, exif=exif.tobytes())


PARTICIPANTS = [
    # nom, prénom, service, régime, accord photo
    ("Arnaud", "Sophie", "Finances", "standard", "oui"),
    ("Benali", "Karim", "Informatique", "végétarien", "oui"),
    ("Carpentier", "Lucie", "RH", "standard", "non"),
    ("Da Silva", "Marco", "Logistique", "sans gluten", "oui"),
    ("Étienne", "Paul", "Finances", "standard", "oui"),
    ("Fabre", "Aurélie", "Communication", "végétarien", "oui"),
    ("Garnier", "Hugo", "Informatique", "standard", "non"),
    ("Hamidi", "Nadia", "RH", "végétarien", "oui"),
    ("Imbert", "Louis", "Logistique", "standard", "oui"),
    ("Jacquet", "Emma", "Direction", "sans gluten", "non"),
    ("Keller", "Thomas", "Finances", "standard", "oui"),
    ("Lambert", "Chloé", "Communication", "végétarien", "oui"),
    ("Morel", "Julien", "Informatique", "standard", "oui"),
    ("N'Diaye", "Awa", "RH", "standard", "non"),
    ("Olivier", "Marc", "Logistique", "végétarien", "oui"),
    ("Petit", "Camille", "Direction", "standard", "oui"),
    ("Roux", "Inès", "Finances", "sans gluten", "oui"),
    ("Simon", "Yanis", "Communication", "standard", "oui"),
]


def _participants(path: pathlib.Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(
        [
            "Nom / Surname",
            "Prénom / First name",
            "Service / Department",
            "Repas / Meal",
            "Accord photo / Photo consent",
        ]
    )
    diets = {
        "standard": "standard",
        "végétarien": "végétarien / vegetarian",
        "sans gluten": "sans gluten / gluten-free",
    }
    consent = {"oui": "oui / yes", "non": "non / no"}
    for nom, prenom, service, diet, ok in PARTICIPANTS:
        w.writerow([nom, prenom, service, diets[diet], consent[ok]])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def _pdf_escape(s: str) -> bytes:
    b = s.encode("latin-1")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _pdf(path: pathlib.Path) -> None:
    """A one-page PDF whose document properties name an author."""
    lines = [
        "Rapport d'activite 2025 - Service accueil",
        "Annual activity report 2025 - Front desk",
        "",
        "Visiteurs accueillis / Visitors welcomed : 12 480",
        "Appels traites / Calls handled : 30 215",
        "Delai moyen de reponse / Average reply time : 2 jours / days",
    ]
    text = b"BT /F1 12 Tf 60 780 Td 16 TL\n"
    for ln in lines:
        text += b"(" + _pdf_escape(ln) + b") Tj T*\n"
    text += b"ET"
    info = (
        b"<< /Title (" + _pdf_escape("Rapport d'activité 2025") + b")"
        b" /Author (" + _pdf_escape("Claire Vasseur") + b")"
        b" /Subject (" + _pdf_escape("Version interne - accueil") + b")"
        b" /Creator (Traitement de texte)"
        b" /Producer (Export PDF)"
        b" /CreationDate (D:20260212093000+01'00')"
        b" /ModDate (D:20260212093000+01'00') >>"
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        info,
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(out)


SHARING = [
    ("fiche-de-poste-comptable.pdf", "Toute personne disposant du lien / Anyone with the link", "12/01/2026"),
    ("calendrier-entretiens.pdf", "Service RH uniquement / HR team only", "19/01/2026"),
    ("cv-candidats-janvier.zip", "Toute personne disposant du lien / Anyone with the link", "26/01/2026"),
    (
        "grille-evaluation-vierge.docx",
        "Toute personne disposant du lien / Anyone with the link",
        "26/01/2026",
    ),
    ("notes-entretiens.xlsx", "Personnes nommées / Named people (3)", "02/02/2026"),
    ("annonce-poste-technicien.pdf", "Toute personne disposant du lien / Anyone with the link", "03/02/2026"),
    ("lettres-refus-candidats.docx", "Service RH uniquement / HR team only", "09/02/2026"),
]


def _sharing(path: pathlib.Path) -> None:
    out = [
        "Rapport de partage / Sharing report",
        "Dossier / Folder : RH > Recrutement 2026 / HR > Recruitment 2026",
        "Généré le / Generated on : 10/02/2026",
        "",
        f"{'Fichier / File':<32} | {'Accès / Access':<58} | Modifié / Modified",
    ]
    out.append("-" * 110)
    for name, access, date in SHARING:
        out.append(f"{name:<32} | {access:<58} | {date}")
    out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


TRAINEES = [
    ("Aubert", "Léa", "lea.aubert@exemple-org.fr", "Tableur niveau 2", "1987-04-12"),
    ("Bernard", "Malik", "malik.bernard@exemple-org.fr", "Tableur niveau 2", "1979-11-03"),
    ("Colin", "Sarah", "sarah.colin@exemple-org.fr", "Messagerie", "1992-02-27"),
    ("Dupuis", "Rémi", "remi.dupuis@exemple-org.fr", "Tableur niveau 2", "1968-07-19"),
    ("Esnault", "Julie", "julie.esnault@exemple-org.fr", "Messagerie", "1995-09-08"),
    ("Ferreira", "Ana", "ana.ferreira@exemple-org.fr", "Tableur niveau 2", "1983-05-30"),
    ("Gauthier", "Denis", "denis.gauthier@exemple-org.fr", "Messagerie", "1971-01-15"),
    ("Henry", "Clara", "clara.henry@exemple-org.fr", "Tableur niveau 2", "1990-12-01"),
]


def _trainees(path: pathlib.Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Inscrits"
    ws.append(
        [
            "Nom / Surname",
            "Prénom / First name",
            "Courriel / E-mail",
            "Date de naissance / Date of birth",
            "Formation / Course",
        ]
    )
    for nom, prenom, mail, course, born in TRAINEES:
        ws.append([nom, prenom, mail, born, course])
    for col, width in zip("ABCDE", (14, 14, 32, 30, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["D"].hidden = True
    fixed = dt.datetime(2026, 3, 2, 9, 0, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "Service formation"
    wb.properties.lastModifiedBy = "Service formation"
    wb.save(path)
    # openpyxl stamps the zip entries with the current time: rewrite them with a fixed date
    import zipfile

    data = path.read_bytes()
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                import re

                content = re.sub(
                    rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-02T09:00:00Z</dcterms:modified>',
                    content,
                )
            zi = zipfile.ZipInfo(item.filename, date_time=(2026, 3, 2, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, content)
    path.write_bytes(buf.getvalue())


def build(out: pathlib.Path) -> None:
    d = pathlib.Path(out) / COMP
    d.mkdir(parents=True, exist_ok=True)
    _photo(d / "photo-seminaire.jpg")
    _participants(d / "inscrits-seminaire.csv")
    _pdf(d / "rapport-activite-2025.pdf")
    _sharing(d / "rapport-partage-rh.txt")
    _trainees(d / "inscrits-formation.xlsx")
