"""Attachments for competence 4.1 (secure the digital environment).

Deterministic: no clock, no randomness. Writes into out / "4.1".
All organisations and domains are fictitious training examples, and every
domain uses a reserved name (.example, .test, .invalid) so none can be real.
"""

import base64
import pathlib
from urllib.parse import urlsplit

COMP = "4.1"

# ---------------------------------------------------------------- phishing e-mail
EML_FROM = '"Bureau Plus - Comptabilite" <factures@bureauplus-reglement.test>'
EML_SHOWN_URL = "https://www.bureauplus.example/espace-client/factures/F2026-118"
EML_REAL_URL = "http://bureauplus.example.paiement-factures.test/espace/F2026-118?id=88412"
EML_ATTACHMENT = "Facture_F2026-118.pdf.exe"


def eml_facts() -> dict:
    return {
        "link_host": urlsplit(EML_REAL_URL).hostname,
        "registered_domain": "paiement-factures.test",
        "attachment_ext": EML_ATTACHMENT.rsplit(".", 1)[1],
    }


def _eml(path: pathlib.Path) -> None:
    html = f"""<html><body>
<p>Bonjour,</p>
<p>Sauf erreur de notre part, la facture F2026-118 d'un montant de 1&nbsp;486,20&nbsp;&euro;
reste impay&eacute;e. <b>Sans r&egrave;glement sous 24&nbsp;heures, votre compte sera suspendu
et des p&eacute;nalit&eacute;s appliqu&eacute;es.</b></p>
<p>R&eacute;glez en ligne : <a href="{EML_REAL_URL}">{EML_SHOWN_URL}</a></p>
<p>La facture est jointe &agrave; ce message.</p>
<p>Service comptabilit&eacute;<br>Bureau Plus</p>
</body></html>"""
    attachment = base64.b64encode(
        b"Training file - not a program. Fichier d'exercice, ce n'est pas un programme.\n"
    ).decode()
    assert html.isascii()  # 7bit body: readable as-is in "view source"
    eml = f"""Return-Path: <bounce-7731@mailer-secure-pay.test>
Received: from mailer-secure-pay.test (mailer-secure-pay.test [203.0.113.57])
	by mx.montclair-ville.example with ESMTP; Tue, 10 Mar 2026 06:12:44 +0100
From: {EML_FROM}
Reply-To: <relances.bureauplus@freemail-box.test>
To: <accueil@montclair-ville.example>
Subject: =?UTF-8?B?{base64.b64encode("URGENT : facture impayée - suspension de votre compte".encode()).decode()}?=
Date: Tue, 10 Mar 2026 06:12:40 +0100
Message-ID: <20260310061240.4471@mailer-secure-pay.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==SEP-4471=="

--==SEP-4471==
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 7bit

{html}

--==SEP-4471==
Content-Type: application/octet-stream; name="{EML_ATTACHMENT}"
Content-Disposition: attachment; filename="{EML_ATTACHMENT}"
Content-Transfer-Encoding: base64

{attachment}
--==SEP-4471==--
"""
    path.write_bytes(eml.replace("\n", "\r\n").encode("ascii"))


# ---------------------------------------------------------------- links received
# Only link 3 leads to the city's own site montclair-ville.example.
# Reserved names only (RFC 2606 / RFC 6761): .example, .test, .invalid.
LINKS = [
    ("1", "https://montclair-ville.example.connexion-agents.test/messagerie"),
    ("2", "https://montclair-ville-intranet.example/conges"),
    ("3", "https://intranet.montclair-ville.example/rh/conges?ref=mail-montclair-ville.test"),
    ("4", "https://www.montclair-ville.example@agent-login.test/intranet"),
    ("5", "https://montcIair-ville.example/intranet/conges"),  # capital I instead of l
]
LINKS_GENUINE = "3"


def _links(path: pathlib.Path) -> None:
    lines = [
        "Liens reçus cette semaine par l'équipe d'accueil",
        "Links received this week by the front-desk team",
        "",
        "Le site officiel de la ville est / The city's official site is: montclair-ville.example",
        "(Adresses fictives pour l'exercice / Fictitious addresses for this exercise)",
        "",
    ]
    for num, url in LINKS:
        lines.append(f"Lien {num} / Link {num} : {url}")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- account activity
# (date dd/mm/yyyy, time, device, city, country, result)
LOGINS = [
    ("02/03/2026", "08:31", "PC bureau / Office PC", "Montclair", "France", "réussie / success"),
    ("02/03/2026", "13:05", "Téléphone / Phone", "Montclair", "France", "réussie / success"),
    ("03/03/2026", "08:27", "PC bureau / Office PC", "Montclair", "France", "réussie / success"),
    (
        "04/03/2026",
        "02:51",
        "Navigateur inconnu / Unknown browser",
        "Lagos",
        "Nigeria",
        "échec / failed",
    ),
    (
        "04/03/2026",
        "02:52",
        "Navigateur inconnu / Unknown browser",
        "Lagos",
        "Nigeria",
        "échec / failed",
    ),
    (
        "04/03/2026",
        "02:54",
        "Navigateur inconnu / Unknown browser",
        "Lagos",
        "Nigeria",
        "échec / failed",
    ),
    (
        "04/03/2026",
        "03:12",
        "Navigateur inconnu / Unknown browser",
        "Lagos",
        "Nigeria",
        "réussie / success",
    ),
    ("04/03/2026", "08:40", "PC bureau / Office PC", "Montclair", "France", "réussie / success"),
    ("05/03/2026", "19:22", "Téléphone / Phone", "Lyon", "France", "réussie / success"),
    ("06/03/2026", "08:35", "PC bureau / Office PC", "Montclair", "France", "réussie / success"),
]


def login_facts() -> dict:
    suspicious = [r for r in LOGINS if r[4] != "France" and r[5].startswith("réussie")]
    failed = [r for r in LOGINS if r[5].startswith("échec")]
    return {"date": suspicious[0][0], "time": suspicious[0][1], "failed": len(failed)}


def _logins(path: pathlib.Path) -> None:
    lines = ["date;heure_time;appareil_device;ville_city;pays_country;resultat_result"]
    lines += [";".join(r) for r in LOGINS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- meeting invitation
ICS_JOIN = "https://visio-montclair-ville.example.meet-connect.test/j/83311?pwd=Rh2026"


def ics_facts() -> dict:
    return {"join_host": urlsplit(ICS_JOIN).hostname, "registered_domain": "meet-connect.test"}


def _ics(path: pathlib.Path) -> None:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Acculture//Exercice//FR",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:rh-primes-20260316@training.invalid",
        "DTSTAMP:20260312T071500Z",
        "DTSTART:20260316T090000Z",
        "DTEND:20260316T093000Z",
        "SUMMARY:Entretien RH obligatoire - primes 2026 / Mandatory HR meeting - 2026 bonuses",
        "ORGANIZER;CN=Direction RH Montclair:mailto:drh.montclair@rh-notifications.test",
        "ATTENDEE;CN=Accueil;RSVP=TRUE:mailto:accueil@montclair-ville.example",
        "LOCATION:Visioconférence / Video call",
        f"URL:{ICS_JOIN}",
        "DESCRIPTION:Connectez-vous avec votre identifiant et mot de passe de messagerie "
        "avant la réunion pour confirmer votre prime. / Sign in with your e-mail username "
        f"and password before the meeting to confirm your bonus. {ICS_JOIN}",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


def build(out: pathlib.Path) -> None:
    folder = out / COMP
    folder.mkdir(parents=True, exist_ok=True)
    _eml(folder / "facture-impayee.eml")
    _links(folder / "liens-recus.txt")
    _logins(folder / "journal-connexions.csv")
    _ics(folder / "invitation-rh.ics")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parent.parent / "attachments")
    print(eml_facts(), login_facts(), ics_facts())
