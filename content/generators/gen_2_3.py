"""Attachments for CRCN 2.3 (Collaborer). Deterministic: no clock, no randomness."""

import csv
import datetime as dt
import io
import pathlib

COMPETENCE = "2.3"

# Export of a shared task board (preparing the staff open day).
TASKS = [
    # task, owner, column, due date (dd/mm/yyyy)
    ("Réserver la salle polyvalente", "Nadia", "Terminé / Done", "06/11/2026"),
    ("Commander les badges visiteurs", "Hugo", "En cours / In progress", "13/11/2026"),
    ("Rédiger le programme de la journée", "Nadia", "À valider / To review", "16/11/2026"),
    ("Envoyer l'invitation au personnel", "Marc", "À faire / To do", "18/11/2026"),
    ("Prévoir le buffet", "Léa", "À faire / To do", "25/11/2026"),
    ("Préparer la présentation d'accueil", "Léa", "En cours / In progress", "19/11/2026"),
    ("Tester la visio pour les sites distants", "Marc", "En cours / In progress", "27/11/2026"),
    ("Imprimer la signalétique", "Léa", "À faire / To do", "17/11/2026"),
    ("Recruter des bénévoles pour l'accueil", "Nadia", "En cours / In progress", "12/11/2026"),
    ("Faire valider le budget", "Marc", "Terminé / Done", "10/11/2026"),
    ("Préparer le questionnaire de satisfaction", "Léa", "À valider / To review", "24/11/2026"),
    ("Installer le matériel de sonorisation", "Hugo", "À faire / To do", "26/11/2026"),
]
TASK_HEADER = ["Tâche / Task", "Responsable / Owner", "Colonne / Column", "Échéance / Due date"]

# Version history of a shared document (exported list).
VERSIONS = [
    # version, date, time, author, words, note
    ("12", "16/11/2026", "09:05", "Sophie Lambert", "1 905", "Ajout des contacts / Contacts added"),
    ("11", "14/11/2026", "16:42", "Karim Haddad", "1 865", "Mise en page / Layout"),
    ("10", "14/11/2026", "11:20", "Sophie Lambert", "2 290", "Ajout du calendrier / Calendar added"),
    ("9", "13/11/2026", "15:03", "Anne Roussel", "2 105", ""),
    ("8", "13/11/2026", "10:47", "Karim Haddad", "2 040", "Relecture / Proofreading"),
    ("7", "12/11/2026", "17:30", "Sophie Lambert", "2 060", ""),
]
VERSION_HEADER = ["Version", "Date", "Heure / Time", "Auteur / Author", "Mots / Words", "Note"]

ICS = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Acculture//Exemple 2.3//FR\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:comite-pilotage-2026-12-03@ville-exemple.fr\r\n"
    "DTSTAMP:20261120T080000Z\r\n"
    "DTSTART:20261203T130000Z\r\n"
    "DTEND:20261203T143000Z\r\n"
    "SUMMARY:Comité de pilotage - projet Accueil numérique\r\n"
    "LOCATION:Visioconférence - https://visio.ville-exemple.fr/comite-accueil\r\n"
    "DESCRIPTION:Ordre du jour : 1) point d'avancement 2) budget 2027 3) questions"
    " diverses. Merci d'ajouter vos sujets dans le document partagé avant le 01/12/2026.\r\n"
    "ORGANIZER;CN=Sophie Lambert:mailto:sophie.lambert@ville-exemple.fr\r\n"
    "ATTENDEE;CN=Karim Haddad;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:karim.haddad@ville-exemple.fr\r\n"
    "ATTENDEE;CN=Anne Roussel;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:anne.roussel@ville-exemple.fr\r\n"
    "ATTENDEE;CN=Marc Diallo;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:marc.diallo@ville-exemple.fr\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)

# Date poll: who is available for which slot. O = oui/yes, N = non/no, ? = si besoin/if needed
POLL_SLOTS = [
    "Mar. 08/12 09:30",
    "Mar. 08/12 14:00",
    "Jeu. 10/12 10:00",
    "Jeu. 10/12 15:30",
    "Ven. 11/12 09:00",
]
POLL = [
    ("Sophie Lambert", ["Oui", "Oui", "Si besoin", "Oui", "Si besoin"]),
    ("Karim Haddad", ["Non", "Oui", "Oui", "Oui", "Oui"]),
    ("Anne Roussel", ["Oui", "Si besoin", "Oui", "Non", "Oui"]),
    ("Marc Diallo", ["Oui", "Oui", "Oui", "Oui", "Non"]),
    ("Nadia Benhamou", ["Si besoin", "Non", "Oui", "Oui", "Oui"]),
    ("Hugo Lemaire", ["Oui", "Oui", "Oui", "Oui", "Oui"]),
    ("Léa Fontaine", ["Non", "Oui", "Oui", "Si besoin", "Non"]),
]


def _fold_ics(text: str) -> bytes:
    """Fold content lines longer than 75 octets (RFC 5545, 3.1): CRLF + one space.

    Never splits a UTF-8 character; every physical line, leading space included, is at most 75 octets.
    """
    out = []
    for line in text.split("\r\n"):
        data = line.encode("utf-8")
        while len(data) > 75:
            cut = 75
            while cut > 0 and (data[cut] & 0xC0) == 0x80:  # inside a multi-byte character
                cut -= 1
            out.append(data[:cut])
            data = b" " + data[cut:]  # the leading space counts in the 75 octets
        out.append(data)
    return b"\r\n".join(out)


def _csv(header, rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _poll_xlsx(path: pathlib.Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sondage"
    ws["A1"] = "Réunion de lancement — disponibilités / Kick-off meeting — availability"
    ws["A1"].font = Font(bold=True)
    ws["A2"] = "Oui = disponible / available ; Si besoin = if needed ; Non = indisponible / not available"
    ws.append([])
    ws.append(["Participant", *POLL_SLOTS])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for name, answers in POLL:
        ws.append([name, *answers])
    ws.column_dimensions["A"].width = 20
    for col in "BCDEF":
        ws.column_dimensions[col].width = 18
    fixed = dt.datetime(2026, 11, 20, 9, 0, 0)
    wb.properties.creator = "Sophie Lambert"
    wb.properties.lastModifiedBy = "Sophie Lambert"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)
    _normalise_zip(path)


def _normalise_zip(path: pathlib.Path) -> None:
    """Rewrite the XLSX with fixed timestamps so the bytes never change."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    # openpyxl stamps the save time into docProps/core.xml: put the fixed date back.
    parts = [
        (
            name,
            re.sub(
                rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
                rb"<dcterms:modified\1>2026-11-20T09:00:00Z</dcterms:modified>",
                data,
            )
            if name == "docProps/core.xml"
            else data,
        )
        for name, data in parts
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def build(out: pathlib.Path) -> None:
    folder = pathlib.Path(out) / COMPETENCE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tableau-taches.csv").write_bytes(_csv(TASK_HEADER, TASKS))
    (folder / "historique-versions.csv").write_bytes(_csv(VERSION_HEADER, VERSIONS))
    (folder / "invitation-comite.ics").write_bytes(_fold_ics(ICS))
    _poll_xlsx(folder / "sondage-dates.xlsx")
