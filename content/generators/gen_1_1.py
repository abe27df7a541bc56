"""Attachments for competence 1.1 (search and monitor information).

Deterministic: fixed dates, no clock, no network.
Files written into out / "1.1":
  article.html   a news page with publication / update dates and the survey it relies on
  liens.txt      links received by e-mail: a search-engine redirect and a look-alike address
  veille.xml     an RSS feed used for monitoring public procurement news
  photo.jpg      a photo whose EXIF metadata give the date it was taken
"""

import io
from pathlib import Path

ARTICLE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Télétravail : un agent sur trois déclare des douleurs au dos / Remote work: one employee in three reports back pain</title>
<meta name="author" content="Rédaction Santé-Travail Info">
<meta name="date" content="2022-03-14">
</head>
<body>
<p><a href="index.html">Santé-Travail Info</a> &gt; Actualités / News</p>
<h1>Télétravail : un agent sur trois déclare des douleurs au dos</h1>
<p><em>Remote work: one employee in three reports back pain</em></p>
<p>Par / By : Rédaction Santé-Travail Info</p>
<p>Publié le 14/03/2022 — Published 14 March 2022<br>
Mis à jour le 02/10/2025 (ajout d'un lien vers notre guide) — Updated 2 October 2025 (link to our guide added)</p>

<h2>Français</h2>
<p>Selon l'enquête de l'Observatoire régional des conditions de travail, menée auprès de
1 200 agents publics en 2019, 34 % des personnes en télétravail au moins deux jours par
semaine déclarent des douleurs au dos. Les auteurs recommandent un siège réglable et un
écran à hauteur des yeux.</p>
<p>Nouveau : consultez notre guide « Bien s'installer chez soi ».</p>

<h2>English</h2>
<p>According to the survey by the Regional Observatory of Working Conditions, carried out
among 1,200 public employees in 2019, 34% of people working from home at least two days a
week report back pain. The authors recommend an adjustable chair and a screen at eye
level.</p>
<p>New: read our guide "Setting up well at home".</p>

<h2>Source</h2>
<p>Observatoire régional des conditions de travail, <cite>Enquête Conditions de travail
2019</cite>, rapport publié en janvier 2020 / report published in January 2020.</p>
</body>
</html>
"""

LIENS = """Liens reçus dans un message / Links received in a message
==========================================================

Lien 1 / Link 1 (copié depuis une page de résultats / copied from a results page):
https://www.moteur-recherche.example/url?sa=t&source=web&rct=j&q=&esrc=s&url=https%3A%2F%2Fwww.legifrance.gouv.fr%2Fcodes%2Fsection_lc%2FLEGITEXT000006072050&usg=AOvVaw3kP9

Lien 2 / Link 2 (dans un message « Mise à jour de vos droits » / in a message "Update of your rights"):
https://www.service-public.fr.droits-aides.info/particuliers/vosdroits/F1234?id=88213

Lien 3 / Link 3 (lien court / short link):
https://lc.example/7Kq2Zp
"""

# RSS items: (title, link slug, category, pubDate RFC 822)
RSS_ITEMS = [
    (
        "Nouveau seuil de publicité des marchés / New advertising threshold for contracts",
        "seuil-publicite",
        "Marchés publics",
        "Mon, 02 Nov 2026 08:00:00 +0100",
    ),
    (
        "Webinaire : dématérialisation des factures / Webinar: e-invoicing",
        "webinaire-factures",
        "Formation",
        "Thu, 05 Nov 2026 14:30:00 +0100",
    ),
    (
        "Clauses environnementales : le guide 2026 / Environmental clauses: the 2026 guide",
        "guide-clauses",
        "Marchés publics",
        "Tue, 10 Nov 2026 09:15:00 +0100",
    ),
    (
        "Fermeture du portail le 21 novembre / Portal closed on 21 November",
        "fermeture-portail",
        "Informations pratiques",
        "Mon, 16 Nov 2026 17:45:00 +0100",
    ),
    (
        "Marchés de moins de 40 000 € : ce qui change / Contracts under €40,000: what changes",
        "moins-40000",
        "Marchés publics",
        "Wed, 25 Nov 2026 10:00:00 +0100",
    ),
    (
        "Retour sur le salon des acheteurs / Looking back at the buyers' fair",
        "salon-acheteurs",
        "Événements",
        "Fri, 27 Nov 2026 16:20:00 +0100",
    ),
    (
        "Avis de marché : nettoyage des locaux (archive) / Contract notice: office cleaning (archive)",
        "avis-nettoyage",
        "Marchés publics",
        "Thu, 15 Oct 2026 11:00:00 +0200",
    ),
]


def _rss() -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        "<channel>",
        "<title>Achats publics — la lettre / Public purchasing newsletter</title>",
        "<link>https://achats.example/actualites</link>",
        "<description>Fil d'actualité / News feed</description>",
        "<language>fr</language>",
        "<lastBuildDate>Fri, 27 Nov 2026 16:20:00 +0100</lastBuildDate>",
    ]
    for title, slug, cat, date in RSS_ITEMS:
        parts += [
            "<item>",
            f"  <title>{title}</title>",
            f"  <link>https://achats.example/actualites/{slug}</link>",
            f"  <category>{cat}</category>",
            f"  <pubDate>{date}</pubDate>",
            "</item>",
        ]
    parts += ["</channel>", "</rss>", ""]
    return "\n".join(parts)


def _photo() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 320), (120, 160, 200))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 200, 480, 320], fill=(90, 110, 140))  # water
    d.rectangle([60, 110, 180, 210], fill=(200, 190, 170))  # house
    d.polygon([(50, 110), (120, 60), (190, 110)], fill=(150, 60, 50))
    d.rectangle([280, 130, 420, 215], fill=(210, 200, 180))
    d.polygon([(270, 130), (350, 80), (430, 130)], fill=(140, 70, 60))
    for x in range(0, 480, 24):
        d.line([(x, 240), (x + 14, 236)], fill=(170, 190, 210), width=2)
    exif = Image.Exif()
    exif[0x010F] = "Fotonix"  # Make
    exif[0x0110] = "FX-20"  # Model
    exif[0x0132] = "2018:06:21 18:42:07"  # DateTime
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2018:06:21 18:42:07"  # DateTimeOriginal
    sub[0x9004] = "2018:06:21 18:42:07"  # DateTimeDigitized
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    return buf.getvalue()


def build(out: Path) -> None:
    d = Path(out) / "1.1"
    d.mkdir(parents=True, exist_ok=True)
    (d / "article.html").write_text(ARTICLE, encoding="utf-8")
    (d / "liens.txt").write_text(LIENS, encoding="utf-8")
    (d / "veille.xml").write_text(_rss(), encoding="utf-8")
    (d / "photo.jpg").write_bytes(_photo())
