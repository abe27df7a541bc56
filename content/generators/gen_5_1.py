"""Attachments for competence 5.1 (solving technical problems). Deterministic."""

import datetime as dt
import io
import pathlib
import re
import zipfile

from PIL import Image, ImageDraw, ImageFont

COMP = "5.1"
ERROR_CODE = "PRN-4021"


def _error_dialog(path: pathlib.Path) -> None:
    img = Image.new("RGB", (620, 260), (235, 235, 235))
    d = ImageDraw.Draw(img)
    title = ImageFont.load_default(size=16)
    body = ImageFont.load_default(size=15)
    d.rectangle([0, 0, 620, 36], fill=(60, 90, 140))
    d.text((14, 9), "Impression / Printing", fill=(255, 255, 255), font=title)
    d.ellipse([24, 62, 72, 110], fill=(200, 40, 40))
    d.text((42, 72), "!", fill=(255, 255, 255), font=ImageFont.load_default(size=26))
    d.text((92, 60), "Impossible d'imprimer le document « budget-avril.xlsx ».", fill=(0, 0, 0), font=body)
    d.text((92, 84), 'The document "budget-avril.xlsx" could not be printed.', fill=(0, 0, 0), font=body)
    d.text((92, 122), f"Code d'erreur / Error code : {ERROR_CODE}", fill=(0, 0, 0), font=body)
    d.text((92, 146), "Imprimante / Printer : Copieur-2e-etage", fill=(0, 0, 0), font=body)
    d.rectangle([500, 200, 590, 236], outline=(80, 80, 80), fill=(250, 250, 250))
    d.text((534, 209), "OK", fill=(0, 0, 0), font=body)
    img.save(path, "PNG", optimize=False)


QUEUE = [  # position, document, owner, status, pages, submitted
    (1, "budget-previsionnel-v2.xlsx", "i.roux", "Erreur / Error", 14, "09:02"),
    (2, "ordre-du-jour-comite.docx", "m.keller", "En attente / Waiting", 2, "09:05"),
    (3, "convocation-cse.pdf", "a.ndiaye", "En attente / Waiting", 1, "09:11"),
    (4, "planning-juin.pdf", "vous / you", "En attente / Waiting", 3, "09:14"),
    (5, "badge-visiteur.pdf", "accueil", "En attente / Waiting", 1, "09:20"),
]


def _queue(path: pathlib.Path) -> None:
    out = [
        "File d'attente de l'imprimante / Printer queue : Copieur-2e-etage",
        "Relevé à / Checked at : 09:31",
        "",
    ]
    out.append(
        f"{'Pos.':<5}| {'Document':<30}| {'Propriétaire / Owner':<21}| "
        f"{'État / Status':<22}| {'Pages':<6}| Envoyé / Sent"
    )
    out.append("-" * 104)
    for pos, doc, owner, status, pages, sent in QUEUE:
        out.append(f"{pos:<5}| {doc:<30}| {owner:<21}| {status:<22}| {pages:<6}| {sent}")
    out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


FOLDERS = [  # name, size GB, last change
    ("Documents", 12.4, "12/05/2026"),
    ("Bureau / Desktop", 3.1, "12/05/2026"),
    ("Téléchargements / Downloads", 38.6, "11/05/2026"),
    ("Images / Pictures", 21.7, "02/04/2026"),
    ("Vidéos / Videos", 54.3, "18/03/2026"),
    ("Musique / Music", 2.2, "05/01/2025"),
    ("Corbeille / Recycle Bin", 17.9, "12/05/2026"),
]


def _fix_zip_dates(path: pathlib.Path, when: tuple) -> None:
    zin = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
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


def _disk(path: pathlib.Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Espace disque"
    ws.append(["Disque / Disk : 256 Go / GB", None, "Libre / Free : 4,8 Go / 4.8 GB"])
    ws.append([])
    ws.append(["Dossier / Folder", "Taille (Go) / Size (GB)", "Dernière modification / Last change"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for name, size, date in FOLDERS:
        ws.append([name, size, date])
        ws.cell(row=ws.max_row, column=2).number_format = "0.0"
    for col, width in zip("ABC", (32, 24, 36), strict=True):
        ws.column_dimensions[col].width = width
    fixed = dt.datetime(2026, 5, 12, 11, 0, 0)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "Support"
    wb.properties.lastModifiedBy = "Support"
    wb.save(path)
    _fix_zip_dates(path, (2026, 5, 12, 11, 0, 0))


LOG = """\
2026-05-12 08:58:03 INFO  Démarrage du client de synchronisation / Sync client started (version 3.8.2)
2026-05-12 08:58:05 INFO  Connexion au serveur / Connected to server files.exemple-org.fr
2026-05-12 08:58:41 INFO  2 134 fichiers à jour / 2,134 files up to date
2026-05-12 09:15:22 WARN  Fichier ignoré, nom trop long / File skipped, name too long (code W-112)
2026-05-12 09:30:00 INFO  Synchronisation terminée / Sync complete
2026-05-12 10:30:00 INFO  Synchronisation terminée / Sync complete
2026-05-12 10:42:17 ERROR Échec de l'envoi de « rapport-annuel-video.mp4 » : quota dépassé / Upload failed for "rapport-annuel-video.mp4": quota exceeded (code SYNC-507)
2026-05-12 10:47:17 ERROR Échec de l'envoi de « rapport-annuel-video.mp4 » : quota dépassé / Upload failed for "rapport-annuel-video.mp4": quota exceeded (code SYNC-507)
2026-05-12 10:52:17 ERROR Échec de l'envoi de « rapport-annuel-video.mp4 » : quota dépassé / Upload failed for "rapport-annuel-video.mp4": quota exceeded (code SYNC-507)
2026-05-12 10:52:18 INFO  Nouvel essai dans 5 minutes / Retrying in 5 minutes
"""


def _log(path: pathlib.Path) -> None:
    path.write_text(LOG, encoding="utf-8")


NETWORK = """\
Configuration IP / IP configuration  —  poste / computer PC-0178   (12/05/2026 14:06)

Carte réseau sans fil Wi-Fi / Wireless LAN adapter Wi-Fi :

   Réseau / Network (SSID) . . . . . . . . . . . . : ORG-Bureaux
   État / State  . . . . . . . . . . . . . . . . . : Connecté / Connected
   Adresse IPv4 / IPv4 Address . . . . . . . . . . : 169.254.83.12
   Masque de sous-réseau / Subnet Mask . . . . . . : 255.255.0.0
   Passerelle par défaut / Default Gateway . . . . :
   Serveurs DNS / DNS Servers  . . . . . . . . . . :

Carte Ethernet / Ethernet adapter :

   État / State  . . . . . . . . . . . . . . . . . : Câble déconnecté / Media disconnected
"""

TESTS = """\
Tests de connexion / Connection tests  —  poste / computer PC-0195   (12/05/2026 15:20)

Test 1 : ping 192.168.10.1 (passerelle / gateway) ........ OK, 2 ms
Test 2 : ping 9.9.9.9 (adresse sur Internet / Internet address) ..... OK, 18 ms
Test 3 : ping www.service-public.fr ....................... ÉCHEC / FAILED : hôte inconnu / unknown host
Test 4 : ouvrir / open https://intranet.exemple-org.fr ..... ÉCHEC / FAILED : adresse introuvable / address not found
Test 5 : ouvrir / open https://192.168.10.20 (intranet) .... OK, page affichée / page shown
"""


def build(out: pathlib.Path) -> None:
    d = pathlib.Path(out) / COMP
    d.mkdir(parents=True, exist_ok=True)
    _error_dialog(d / "message-erreur-impression.png")
    _queue(d / "file-attente-imprimante.txt")
    _disk(d / "espace-disque.xlsx")
    _log(d / "journal-synchronisation.log")
    (d / "configuration-reseau.txt").write_text(NETWORK, encoding="utf-8")
    (d / "tests-connexion.txt").write_text(TESTS, encoding="utf-8")
