"""Attachments for CRCN 2.4 (S'insérer dans le monde numérique). Deterministic."""

import pathlib

COMPETENCE = "2.4"

EML = """Return-Path: <bounce-4821@mailing.cartegrise-express-service.com>
Received: from mailing.cartegrise-express-service.com (mailing.cartegrise-express-service.com [203.0.113.45])
	by mx.ville-exemple.fr with ESMTP id 4F2A91; Tue, 17 Nov 2026 08:12:31 +0100
From: "Service Carte Grise - Demarches officielles" <contact@cartegrise-express-service.com>
Reply-To: <dossiers@cartegrise-express-service.com>
To: <karim.haddad@ville-exemple.fr>
Subject: =?UTF-8?Q?Votre_certificat_d'immatriculation_:_d=C3=A9marche_?=
 =?UTF-8?Q?=C3=A0_finaliser?=
Date: Tue, 17 Nov 2026 08:12:25 +0100
Message-ID: <20261117081225.4821@cartegrise-express-service.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Bonjour,

Vous avez récemment acheté un véhicule d'occasion. Pour rouler en règle,
votre changement de titulaire doit être finalisé rapidement.

Notre service habilité traite votre demande en 24 h :
  - frais de dossier : 49,90 EUR (hors taxe régionale)
  - paiement par carte bancaire sur notre site sécurisé

Finalisez votre démarche ici :
https://www.cartegrise-express-service.com/finaliser?dossier=FR-2026-88412

Mentions : société privée indépendante de l'administration. Service payant
d'assistance aux démarches. La démarche peut être effectuée gratuitement
sur le site officiel de l'ANTS.

Cordialement,
L'équipe Carte Grise Express
"""

ADDRESSES = """Adresses relevées dans des messages et des résultats de recherche
Addresses found in messages and in search results
=================================================================

A. https://www.impots.gouv.fr.espace-remboursement.example/connexion
B. https://impots-gouv.example/particulier/declaration
C. https://www.impots.gouv.fr/accueil
D. https://espace-particulier.example/impots.gouv.fr/connexion
E. https://ants.gouv.fr/
F. https://www.ants-gouv-demarches.example/carte-grise
"""

SEARCH_HTML = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Résultats de recherche : "Sandrine Morel Arras"</title>
<style>
body { font-family: sans-serif; max-width: 44em; margin: 1em auto; padding: 0 1em; line-height: 1.45; }
.result { margin: 1.2em 0; }
.url { color: #1a6e2e; font-size: 0.9em; }
.title { color: #1a0dab; font-size: 1.1em; }
.date { color: #555; }
</style>
</head>
<body>
<p>Environ 1 240 résultats pour <strong>Sandrine Morel Arras</strong></p>

<div class="result" id="r1">
  <div class="url">reseau-pro.example › in › sandrine-morel</div>
  <div class="title">1. Sandrine Morel — Gestionnaire RH — Mairie d'Arras</div>
  <div><span class="date">Mis à jour en 2026</span> — Profil professionnel. Expérience : gestionnaire RH
  depuis 2019. Compétences : paie, recrutement. Téléphone personnel : 06 12 34 56 78.</div>
</div>

<div class="result" id="r2">
  <div class="url">forum-jardinage.example › membres › sandrine62</div>
  <div class="title">2. sandrine62 — Messages du forum</div>
  <div><span class="date">2013</span> — « J'habite au 14 rue des Tilleuls à Arras, qui veut
  des plants de tomates ? » Message publié par sandrine62 (Sandrine Morel).</div>
</div>

<div class="result" id="r3">
  <div class="url">lavoixdunord-exemple.example › arras › 2024</div>
  <div class="title">3. Arras : le semi-marathon a réuni 900 coureurs</div>
  <div><span class="date">12/05/2024</span> — … parmi les premières femmes arrivées, Sandrine Morel,
  licenciée au club local …</div>
</div>

<div class="result" id="r4">
  <div class="url">annuaire-deces-exemple.example › morel-sandrine</div>
  <div class="title">4. Avis de décès — Sandrine Morel (1931-2021)</div>
  <div><span class="date">2021</span> — Avis de décès de Mme Sandrine Morel, née Petit,
  à Saint-Omer.</div>
</div>

<div class="result" id="r5">
  <div class="url">arras-exemple.fr › services › ressources-humaines</div>
  <div class="title">5. Ressources humaines — Ville d'Arras</div>
  <div><span class="date">2026</span> — Contact du service : Sandrine Morel, gestionnaire RH.
  Accueil du lundi au vendredi, 08:30–12:00.</div>
</div>
</body>
</html>
"""

RECEIPT_LINES = [
    ("F2", 16, "Accusé de réception de votre demande"),
    ("F1", 11, ""),
    ("F1", 11, "Démarche : demande d'aide au logement étudiant (exemple)"),
    ("F1", 11, "Déposée le : 09/11/2026 à 21:47"),
    ("F2", 11, "Numéro de dossier : AL-2026-0417-5583"),
    ("F1", 11, ""),
    ("F1", 11, "Votre demande a bien été enregistrée. Elle sera étudiée dans un délai"),
    ("F1", 11, "de 30 jours. Si des pièces manquent, vous serez prévenu par courriel."),
    ("F1", 11, ""),
    ("F1", 11, "Pièces jointes reçues : 3 (pièce d'identité, avis d'imposition, bail)"),
    ("F1", 11, "Pièce attendue : attestation de scolarité, à déposer avant le 23/11/2026."),
    ("F1", 11, ""),
    ("F1", 11, "Conservez ce document : le numéro de dossier vous sera demandé"),
    ("F1", 11, "pour toute question. Ce document ne vaut pas décision."),
    ("F1", 9, ""),
    ("F1", 9, "Document d'exemple créé pour un exercice Acculture ; organisme fictif."),
]


def _pdf_str(text: str) -> bytes:
    data = text.encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf(lines, info) -> bytes:
    content = [b"BT", b"60 780 Td"]
    first = True
    for font, size, text in lines:
        if not first:
            content.append(b"0 -%d Td" % int(size * 1.6))
        first = False
        content.append(b"/%s %d Tf" % (font.encode(), size))
        if text:
            content.append(_pdf_str(text) + b" Tj")
    content.append(b"ET")
    stream = b"\n".join(content)
    info_entries = b"".join(b"/" + k.encode() + b" " + _pdf_str(v) for k, v in info.items())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< " + info_entries + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


def build(out: pathlib.Path) -> None:
    folder = pathlib.Path(out) / COMPETENCE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "message-carte-grise.eml").write_bytes(EML.replace("\n", "\r\n").encode("utf-8"))
    (folder / "adresses-sites.txt").write_bytes(ADDRESSES.encode("utf-8"))
    (folder / "recherche-nom.html").write_bytes(SEARCH_HTML.encode("utf-8"))
    info = {
        "Title": "Accusé de réception - demande AL-2026-0417-5583",
        "Author": "Plateforme de démarches en ligne (exemple)",
        "CreationDate": "D:20261109214800+01'00'",
    }
    (folder / "accuse-reception.pdf").write_bytes(_pdf(RECEIPT_LINES, info))
