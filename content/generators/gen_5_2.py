"""Attachments for competence 5.2 (building a digital environment). Deterministic."""

import io
import pathlib
import re
import zipfile
from xml.sax.saxutils import escape

COMP = "5.2"
WHEN = (2026, 5, 11, 9, 0, 0)

TREE = [
    (
        "01_Cadrage",
        [
            "2026-01-15_note-de-cadrage_v1.docx",
            "2026-01-22_note-de-cadrage_v2.docx",
            "Note cadrage FINALE (2).docx",
        ],
    ),
    (
        "02_Budget",
        [
            "2026-02-03_budget_v1.xlsx",
            "2026-02-17_budget_v2.xlsx",
            "2026-03-02_budget_v3.xlsx",
            "budget ancien.xlsx",
        ],
    ),
    (
        "03_Reunions",
        [
            "2026-01-29_compte-rendu-copil_v1.docx",
            "CR réunion 12 mars.docx",
            "2026-04-09_compte-rendu-copil_v1.pdf",
            "2026-04-09_compte-rendu-copil_v2.docx",
        ],
    ),
    (
        "04_Communication",
        [
            "affiche.png",
            "2026-03-20_affiche-portes-ouvertes_v1.pdf",
            "2026-03-27_affiche-portes-ouvertes_v2.pdf",
            "Copie de affiche.png",
        ],
    ),
]
NAMING_RULE = re.compile(r"^\d{4}-\d{2}-\d{2}_[a-z0-9-]+_v\d+\.[a-z]+$")


def follows_rule(name: str) -> bool:
    return bool(NAMING_RULE.match(name))


def _tree(path: pathlib.Path) -> None:
    out = [
        "Règle de nommage / Naming rule : AAAA-MM-JJ_sujet_vN.ext  (YYYY-MM-DD_topic_vN.ext)",
        "  - date, tiret bas, sujet en minuscules avec des tirets, tiret bas, version",
        "  - date, underscore, lower-case topic with hyphens, underscore, version",
        "",
        "Projet-Accueil-2026/",
    ]
    for i, (folder, files) in enumerate(TREE):
        last_folder = i == len(TREE) - 1
        out.append(("└── " if last_folder else "├── ") + folder + "/")
        for j, f in enumerate(files):
            prefix = "    " if last_folder else "│   "
            out.append(prefix + ("└── " if j == len(files) - 1 else "├── ") + f)
    out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def _zi(name: str, stored: bool = False) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=WHEN)
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    return zi


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(_zi(name), text.encode("utf-8"))
    return buf.getvalue()


def _odt(paragraphs: list[str]) -> bytes:
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(_zi("mimetype", stored=True), b"application/vnd.oasis.opendocument.text")
        z.writestr(_zi("content.xml"), content.encode("utf-8"))
        z.writestr(_zi("META-INF/manifest.xml"), manifest.encode("utf-8"))
    return buf.getvalue()


def _pdf(lines: list[str]) -> bytes:
    def esc(s: str) -> bytes:
        b = s.encode("latin-1")
        return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    text = b"BT /F1 12 Tf 60 780 Td 16 TL\n" + b"".join(b"(" + esc(ln) + b") Tj T*\n" for ln in lines) + b"ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


CR = [
    "Compte rendu du comité du 05/05/2026 / Committee minutes, 5 May 2026",
    "Présents / Present : 8 personnes / people",
    "Décision / Decision : ouverture du nouvel accueil le 01/09/2026",
]
RAPPORT = ["Rapport annuel 2025 - brouillon / Annual report 2025 - draft"]
PLAN = ["Plan d'actions 2026 / 2026 action plan"]

SHARED = [
    ("Comptes-rendus/compte-rendu-comite.docx", lambda: _docx(CR)),
    ("Comptes-rendus/compte-rendu-comite.odt", lambda: _odt(CR)),
    ("Comptes-rendus/compte-rendu-comite.pdf", lambda: _pdf(CR)),
    ("Comptes-rendus/compte-rendu-comite.txt", lambda: ("\r\n".join(CR) + "\r\n").encode("utf-8")),
    ("Rapports/rapport-annuel.docx", lambda: _docx(RAPPORT)),
    ("Rapports/rapport-annuel (copie en conflit de PC-0178 2026-05-04).docx", lambda: _docx(RAPPORT)),
    ("Rapports/rapport-annuel (conflicted copy 2026-05-06).docx", lambda: _docx(RAPPORT)),
    ("Rapports/plan-actions.odt", lambda: _odt(PLAN)),
    ("Rapports/plan-actions (copie en conflit de PC-0195 2026-05-07).odt", lambda: _odt(PLAN)),
    ("Rapports/rapport-annuel-2024.pdf", lambda: _pdf(["Rapport annuel 2024 / Annual report 2024"])),
]


def is_conflict_copy(name: str) -> bool:
    return "conflit" in name or "conflicted" in name


def _shared_zip(path: pathlib.Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, make in SHARED:
            z.writestr(_zi(name), make())
    path.write_bytes(buf.getvalue())


EXTENSIONS = [
    (
        "Dictionnaire FR-EN",
        "Éditions Lexique",
        "Traduire un mot sélectionné / Translate a selected word",
        "Lire les données sur dictionnaire-exemple.org / Read data on dictionnaire-exemple.org",
    ),
    (
        "Calculatrice Express",
        "QuickTools Ltd",
        "Petite calculatrice dans la barre d'outils / Small calculator in the toolbar",
        "Lire et modifier toutes vos données sur tous les sites web ; lire votre historique de navigation ; "
        "gérer vos téléchargements / Read and change all your data on all websites; read your browsing "
        "history; manage your downloads",
    ),
    (
        "Capture d'écran Simple",
        "Atelier Pixel",
        "Capturer la page affichée / Capture the page shown",
        "Lire le contenu de l'onglet actif quand vous cliquez sur l'extension / Read the active tab when "
        "you click the extension",
    ),
    (
        "Coffre-fort de mots de passe",
        "Fourni par votre organisation / Provided by your organisation",
        "Remplir vos identifiants sur les sites / Fill in your credentials on websites",
        "Lire et modifier toutes vos données sur tous les sites web / Read and change all your data on all websites",
    ),
    (
        "Lecture confort",
        "Association Lire Mieux",
        "Agrandir et espacer le texte / Enlarge and space out text",
        "Lire et modifier les données du site actif quand vous cliquez / Read and change data on the "
        "active site when you click",
    ),
]


def _extensions(path: pathlib.Path) -> None:
    rows = "\n".join(
        f"      <tr><td>{escape(n)}</td><td>{escape(p)}</td><td>{escape(u)}</td><td>{escape(perm)}</td></tr>"
        for n, p, u, perm in EXTENSIONS
    )
    html = f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Extensions installées / Installed extensions</title>
  <style>body{{font-family:sans-serif;margin:1.5em}} table{{border-collapse:collapse}}
  th,td{{border:1px solid #888;padding:.4em;vertical-align:top;text-align:left}}</style>
</head>
<body>
  <h1>Extensions installées dans le navigateur / Extensions installed in the browser</h1>
  <p>Poste / Computer : PC-0195 — relevé du / listed on 11/05/2026</p>
  <table>
    <thead>
      <tr><th>Nom / Name</th><th>Éditeur / Publisher</th><th>Usage / Purpose</th><th>Autorisations / Permissions</th></tr>
    </thead>
    <tbody>
{rows}
    </tbody>
  </table>
</body>
</html>
"""
    path.write_text(html, encoding="utf-8")


def build(out: pathlib.Path) -> None:
    d = pathlib.Path(out) / COMP
    d.mkdir(parents=True, exist_ok=True)
    _tree(d / "arborescence-projet.txt")
    _shared_zip(d / "dossier-partage.zip")
    _extensions(d / "extensions-navigateur.html")
