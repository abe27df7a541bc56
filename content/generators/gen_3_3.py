"""Attachments for competence 3.3 (adapt documents to their purpose).

Deterministic: no clock, no randomness. Writes into out / "3.3".
"""

import pathlib

COMP = "3.3"

# ---------------------------------------------------------------- PDF report
PDF_INFO = {
    "Title": "Brouillon v7 - NE PAS DIFFUSER",
    "Author": "Julien Marchetti",
    "Subject": "Rapport d'activité 2025",
    "Creator": "Traitement de texte",
    "Producer": "Export PDF 2.1",
}
PDF_CREATED = "D:20260302101500+01'00'"
PDF_PAGES = [
    [
        "Rapport d'activit\\351 2025",
        "Service des sports - Ville de Montclair",
        "Version de travail",
    ],
    [
        "1. Fr\\351quentation des \\351quipements",
        "Piscine : 48 200 entr\\351es",
        "Gymnases : 1 260 cr\\351neaux r\\351serv\\351s",
    ],
    ["2. Budget", "D\\351penses de fonctionnement : 1,2 M\\200", "Investissements : 310 000 \\200"],
]
PDF_PAGE_COUNT = len(PDF_PAGES)


def _utf16_hex(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _pdf(path: pathlib.Path) -> None:
    objs: list[bytes] = []
    n_pages = len(PDF_PAGES)
    # 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs
    page_ids = [5 + 2 * i for i in range(n_pages)]
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(f"{p} 0 R".encode() for p in page_ids)
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = b"<< " + b" ".join(b"/" + k.encode() + b" " + _utf16_hex(v) for k, v in PDF_INFO.items())
    info += b" /CreationDate (" + PDF_CREATED.encode() + b") /ModDate (" + PDF_CREATED.encode() + b") >>"
    objs.append(info)
    for i, lines in enumerate(PDF_PAGES):
        content_id = page_ids[i] + 1
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents " + f"{content_id} 0 R".encode() + b" >>"
        )
        ops = [b"BT /F1 20 Tf 72 770 Td"]
        for j, line in enumerate(lines):
            if j == 1:
                ops.append(b"/F1 12 Tf 0 -30 Td")
            elif j > 1:
                ops.append(b"0 -18 Td")
            ops.append(b"(" + line.encode("latin-1") + b") Tj")
        ops.append(b"ET")
        ops.append(b"BT /F1 9 Tf 290 40 Td (" + f"{i + 1} / {n_pages}".encode() + b") Tj ET")
        stream = b"\n".join(ops)
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(out)


# ---------------------------------------------------------------- HTML page
# (src, alt or None when the attribute is missing)
HTML_IMAGES = [
    ("bandeau-ville.jpg", "Ville de Montclair - accueil"),
    ("separateur.png", ""),
    ("piscine-reouverture.jpg", None),
    ("IMG_20260311_104522.jpg", "IMG_20260311_104522.jpg"),
    ("plan-acces.png", None),
    ("maire-inauguration.jpg", "La maire coupe le ruban devant la nouvelle piscine"),
]
HTML_MISSING_ALT = sum(1 for _, alt in HTML_IMAGES if alt is None)


def _html(path: pathlib.Path) -> None:
    def img(src: str, alt: str | None) -> str:
        if alt is None:
            return f'<img src="images/{src}" width="600">'
        return f'<img src="images/{src}" alt="{alt}" width="600">'

    body = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Actualités</title>
</head>
<body>
{img(*HTML_IMAGES[0])}
<h1>Actualités de la ville</h1>
<h3>La piscine rouvre le 4 mai</h3>
{img(*HTML_IMAGES[2])}
<p>Après huit mois de travaux, la piscine municipale rouvre ses portes le 4 mai.
Les horaires d'été sont <span style="color:#b0b0b0">disponibles à l'accueil</span>.</p>
<p>Pour voir les nouveaux tarifs, <a href="docs/tarifs-2026.pdf">cliquez ici</a>.</p>
{img(*HTML_IMAGES[1])}
<h3>Inauguration</h3>
{img(*HTML_IMAGES[3])}
{img(*HTML_IMAGES[5])}
<p>Consultez le <a href="docs/cr-conseil-2026-03.pdf">compte rendu du conseil municipal du 12 mars (PDF, 2 Mo)</a>.</p>
<h3>Venir à la piscine</h3>
{img(*HTML_IMAGES[4])}
<p><a href="https://www.example.org/plan">Plan d'accès</a></p>
</body>
</html>
"""
    path.write_text(body, encoding="utf-8")


# ---------------------------------------------------------------- image credits
CREDITS = [
    ("velo-quai.jpg", "Marc Olivier", "CC0 1.0", "banque d'images libre"),
    ("marche-nocturne.jpg", "Inès Haddad", "CC BY 4.0", "Wikimedia Commons"),
    ("skatepark.jpg", "Tom Reyes", "CC BY-NC 4.0", "Flickr"),
    (
        "vue-aerienne.jpg",
        "Drone Sud Images",
        "Tous droits réservés / All rights reserved",
        "site du photographe",
    ),
    ("fontaine-place.jpg", "Lucie Fabre", "CC BY-SA 4.0", "Wikimedia Commons"),
    ("concert-parc.jpg", "Paul Nguyen", "CC BY-ND 4.0", "Flickr"),
    (
        "bibliotheque.jpg",
        "Service communication",
        "Propriété de la ville / Owned by the city",
        "photothèque interne",
    ),
]


def _credits(path: pathlib.Path) -> None:
    lines = ["fichier;auteur;licence;source"]
    for row in CREDITS:
        lines.append(";".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- files to send
SEND_FILES = [
    ("convention-partenariat.odt", "42 ko", "Texte / Text (OpenDocument)"),
    ("convention-partenariat.pdf", "180 ko", "PDF"),
    ("budget-previsionnel.xlsx", "35 ko", "Tableur / Spreadsheet"),
    (
        "budget-previsionnel.csv",
        "4 ko",
        "Texte séparé par des points-virgules / Semicolon-separated text",
    ),
    ("affiche-evenement.svg", "120 ko", "Image vectorielle / Vector image"),
    ("affiche-evenement.png", "2,4 Mo", "Image matricielle / Raster image (3508 x 4961 px)"),
    ("affiche-evenement-72dpi.jpg", "95 ko", "Image matricielle / Raster image (595 x 842 px)"),
    ("scan-signature.jpg", "1,1 Mo", "Photo d'une page signée / Photo of a signed page"),
]


def _send(path: pathlib.Path) -> None:
    lines = [
        'Dossier « Partenariat Festival 2026 » / Folder "Festival partnership 2026"',
        "",
        f"{'Fichier / File':<32}{'Taille / Size':>14}   Type",
        "-" * 90,
    ]
    for name, size, kind in SEND_FILES:
        lines.append(f"{name:<32}{size:>14}   {kind}")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def build(out: pathlib.Path) -> None:
    folder = out / COMP
    folder.mkdir(parents=True, exist_ok=True)
    _pdf(folder / "rapport-activite-2025.pdf")
    _html(folder / "page-actualites.html")
    _credits(folder / "credits-images.csv")
    _send(folder / "dossier-partenariat.txt")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parent.parent / "attachments")
    print("missing alt", HTML_MISSING_ALT, "pages", PDF_PAGE_COUNT)
