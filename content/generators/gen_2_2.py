"""Attachments for CRCN 2.2 (Partager et publier). Deterministic: no clock, no randomness."""

import csv
import io
import pathlib

COMPETENCE = "2.2"

# Export of the files a team shares from its online drive (sharing report).
SHARES = [
    # file, owner, link access, permission, expiry
    ("budget-previsionnel-2027.xlsx", "C. Martin", "Organisation", "Lecture / View", ""),
    ("liste-agents-telephones.xlsx", "C. Martin", "Public", "Modification / Edit", ""),
    ("affiche-forum-emploi.pdf", "S. Benali", "Public", "Lecture / View", "31/12/2026"),
    ("compte-rendu-reunion-2026-10.docx", "S. Benali", "Restreint / Restricted", "Commentaire / Comment", ""),
    ("photos-seminaire.zip", "L. Nguyen", "Public", "Lecture / View", "15/11/2026"),
    ("procedure-accueil.docx", "L. Nguyen", "Organisation", "Modification / Edit", ""),
    ("planning-astreintes.xlsx", "C. Martin", "Organisation", "Lecture / View", "30/11/2026"),
    ("logo-service.png", "S. Benali", "Public", "Lecture / View", ""),
    ("charte-graphique.pdf", "C. Martin", "Organisation", "Lecture / View", ""),
    ("suivi-formations-agents.xlsx", "S. Benali", "Restreint / Restricted", "Modification / Edit", ""),
    ("guide-teletravail.pdf", "L. Nguyen", "Public", "Lecture / View", ""),
    ("notes-entretiens-annuels.docx", "L. Nguyen", "Organisation", "Lecture / View", ""),
]

HEADER = [
    "Fichier / File",
    "Propriétaire / Owner",
    "Accès par lien / Link access",
    "Droit / Permission",
    "Expiration du lien / Link expiry",
]

LINKS_TXT = """Liens proposés pour la lettre d'information publique de décembre
Links suggested for the public December newsletter
==================================================================

1. Inscription au forum de l'emploi / Job fair registration
   https://www.ville-exemple.fr/forum-emploi-2026

2. Photos du séminaire / Seminar photos
   http://intranet.mairie-exemple.local/photos/seminaire-2026

3. Guide du télétravail / Remote-work guide
   https://partage.ville-exemple.fr/s/Gd7kQ2

4. Tableau des permanences / Duty rota
   https://partage.ville-exemple.fr/apps/files/?dir=/Equipe/Permanences&session=8f3a91c2e7&user=s.benali

5. Vidéo de présentation / Presentation video
   https://video.ville-exemple.fr/w/k4Lp9
"""

NEWS_HTML = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Inauguration de la médiathèque — Actualités de la ville</title>
<style>
body { font-family: sans-serif; max-width: 40em; margin: 1em auto; line-height: 1.5; padding: 0 1em; }
figure { margin: 1.5em 0; padding: 0.5em; border: 1px solid #ccc; }
.img { height: 120px; display: flex; align-items: center; justify-content: center; color: #fff; font-size: 1.2em; }
figcaption { font-size: 0.9em; color: #333; margin-top: 0.4em; }
</style>
</head>
<body>
<h1>Inauguration de la nouvelle médiathèque</h1>
<p>Publié le 04/11/2026 par le service communication.</p>
<p>La nouvelle médiathèque a ouvert ses portes samedi. Plus de 800 personnes sont venues
découvrir les espaces de lecture, l'atelier numérique et la ludothèque.</p>

<figure id="image-1">
  <div class="img" style="background:#2a6f97">Image 1 — La façade</div>
  <figcaption>Image 1. La façade de la médiathèque. Photo : Julien Petit, licence CC BY 4.0.</figcaption>
</figure>

<figure id="image-2">
  <div class="img" style="background:#6a4c93">Image 2 — Le ruban</div>
  <figcaption>Image 2. Le maire coupe le ruban. © Agence Objectif Nord — tous droits réservés.</figcaption>
</figure>

<figure id="image-3">
  <div class="img" style="background:#3a7d44">Image 3 — Le plan de 1912</div>
  <figcaption>Image 3. Plan de l'ancienne halle, 1912. Archives municipales, domaine public.</figcaption>
</figure>

<figure id="image-4">
  <div class="img" style="background:#b5651d">Image 4 — L'atelier</div>
  <figcaption>Image 4. L'atelier numérique. Photo : Inès Moreau, licence CC BY-SA 4.0.</figcaption>
</figure>

<footer><p>Textes du site : licence Etalab 2.0, sauf mention contraire.</p></footer>
</body>
</html>
"""

PHOTO_ARTIST = "Camille Roux"
PHOTO_COPYRIGHT = "Camille Roux - licence CC BY-NC-SA 4.0"
PHOTO_DESCRIPTION = "Atelier numerique de la mediatheque, 14/10/2026"


def _shares_csv() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in SHARES:
        writer.writerow(row)
    # UTF-8 with BOM so that a spreadsheet shows the accents correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _photo(path: pathlib.Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 320), (236, 228, 214))
    draw = ImageDraw.Draw(img)
    # A very simple "workshop" drawing: a table, two screens, two people.
    draw.rectangle((40, 200, 440, 220), fill=(120, 84, 52))
    for x in (90, 280):
        draw.rectangle((x, 120, x + 110, 190), fill=(40, 40, 48))
        draw.rectangle((x + 6, 126, x + 104, 184), fill=(90, 150, 200))
        draw.rectangle((x + 45, 190, x + 65, 200), fill=(60, 60, 60))
    for cx, col in ((70, (200, 90, 60)), (420, (60, 110, 170))):
        draw.ellipse((cx - 18, 110, cx + 18, 146), fill=(230, 190, 150))
        draw.rectangle((cx - 24, 148, cx + 24, 230), fill=col)
    draw.text((20, 20), "Atelier numerique", fill=(30, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = PHOTO_DESCRIPTION  # ImageDescription
    exif[0x013B] = PHOTO_ARTIST  # Artist
    exif[0x8298] = PHOTO_COPYRIGHT  # Copyright
    exif[0x0132] = "2026:10:14 10:30:00"  # DateTime
    img.save(path, "JPEG", quality=80, exif=exif.tobytes(), optimize=False)


def build(out: pathlib.Path) -> None:
    folder = pathlib.Path(out) / COMPETENCE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "partages-equipe.csv").write_bytes(_shares_csv())
    (folder / "liens-lettre-info.txt").write_bytes(LINKS_TXT.encode("utf-8"))
    (folder / "actualite-mediatheque.html").write_bytes(NEWS_HTML.encode("utf-8"))
    _photo(folder / "photo-atelier.jpg")
