"""Attachments for competence 2.1 (interact).

Deterministic: fixed dates, no clock, no network.
Files written into out / "2.1":
  invitation.ics     a weekly meeting invitation (required and optional attendees)
  message.eml        an e-mail with To, Cc and a Reply-To address
  disponibilites.csv availability of five colleagues for a meeting
"""

from pathlib import Path

ICS = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Acculture//Exemple//FR",
        "METHOD:REQUEST",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:20261201-point-hebdo-rh@mairie.example",
        "DTSTAMP:20261201T080000Z",
        "DTSTART;TZID=Europe/Paris:20261208T093000",
        "DTEND;TZID=Europe/Paris:20261208T104500",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "SUMMARY:Point hebdomadaire RH / Weekly HR meeting",
        "LOCATION:Salle Jean Moulin (2e étage) + visio https://visio.mairie.example/rh-hebdo",
        "DESCRIPTION:Ordre du jour / Agenda : plan de formation 2027 / 2027 training plan",
        "ORGANIZER;CN=Sophie Lemaire:mailto:sophie.lemaire@mairie.example",
        "ATTENDEE;CN=Karim Haddad;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:karim.haddad@mairie.example",
        "ATTENDEE;CN=Julie Caron;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:julie.caron@mairie.example",
        "ATTENDEE;CN=Denis Roy;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:denis.roy@mairie.example",
        "ATTENDEE;CN=Awa Diallo;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:awa.diallo@mairie.example",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Rappel / Reminder",
        "TRIGGER:-PT15M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)

EML = "\r\n".join(
    [
        "Return-Path: <claire.martin@hopital-nord.example>",
        "From: Claire Martin <claire.martin@hopital-nord.example>",
        "Reply-To: Secretariat formation <formation@hopital-nord.example>",
        "To: Paul Girard <paul.girard@hopital-nord.example>, Nadia Benaissa <nadia.benaissa@hopital-nord.example>,",
        " Lucas Moreau <lucas.moreau@hopital-nord.example>",
        "Cc: Cadres de sante <cadres-sante@hopital-nord.example>, Eric Vidal <eric.vidal@hopital-nord.example>",
        "Subject: =?UTF-8?Q?Formation_gestes_d'urgence_=E2=80=93_inscription_avant_le_11/12?=",
        "Date: Mon, 30 Nov 2026 08:47:12 +0100",
        "Message-ID: <20261130084712.4821@hopital-nord.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Bonjour à toutes et à tous,",
        "",
        "Une session de formation aux gestes d'urgence aura lieu le jeudi 17/12/2026",
        "de 13:30 à 17:00, salle Pasteur. Merci de confirmer votre présence avant",
        "le vendredi 11/12/2026 en répondant à ce message.",
        "",
        "Claire Martin",
        "Direction des soins",
        "",
        "--- English ---",
        "Hello everyone,",
        "",
        "An emergency first-aid training session will take place on Thursday",
        "17 December 2026 from 1.30 pm to 5 pm, Pasteur room. Please confirm that you",
        "will attend before Friday 11 December 2026 by replying to this message.",
        "",
        "Claire Martin",
        "Nursing directorate",
        "",
    ]
)

SLOTS = [
    "lun./Mon 07/12 09:00",
    "lun./Mon 07/12 14:00",
    "mar./Tue 08/12 09:00",
    "mar./Tue 08/12 14:00",
    "jeu./Thu 10/12 09:00",
    "jeu./Thu 10/12 14:00",
]
# person, role, availability per slot (L = libre/free, O = occupé/busy)
PEOPLE = [
    ("Sophie Lemaire", "obligatoire/required", "L O L L O L"),
    ("Karim Haddad", "obligatoire/required", "L L O L L L"),
    ("Julie Caron", "obligatoire/required", "O L L O L L"),
    ("Awa Diallo", "obligatoire/required", "L L L O O L"),
    ("Denis Roy", "facultatif/optional", "L L L L L O"),
]


def build(out: Path) -> None:
    d = Path(out) / "2.1"
    d.mkdir(parents=True, exist_ok=True)
    (d / "invitation.ics").write_bytes(ICS.encode("utf-8"))
    (d / "message.eml").write_bytes(EML.encode("utf-8"))
    rows = [
        "# L = libre/free ; O = occupé/busy",
        "personne/person;participation;" + ";".join(SLOTS),
    ]
    for name, role, avail in PEOPLE:
        rows.append(";".join([name, role, *avail.split()]))
    (d / "disponibilites.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
