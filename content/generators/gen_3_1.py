"""Attachments for CRCN 3.1 (Développer des documents textuels). Deterministic.

Writes two small DOCX files by hand (WordprocessingML in a ZIP with fixed dates) and one
PDF with bookmarks, so that no extra library is needed.
"""

import pathlib
import zipfile
from xml.sax.saxutils import escape

COMPETENCE = "3.1"
ZIP_DATE = (2026, 11, 12, 9, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
    '<w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr>'
    '<w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/>'
    '<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="32"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/>'
    '<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="2E75B6"/><w:sz w:val="26"/></w:rPr></w:style>'
    "</w:styles>"
)


def _core(title: str, creator: str, last: str, created: str, modified: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(last)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _run(text: str, bold: bool = False, size: int | None = None) -> str:
    rpr = ""
    if bold or size:
        rpr = (
            "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
        )
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(inner: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{inner}</w:p>"


def _document(paragraphs: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(paragraphs)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )


def _write_docx(path: pathlib.Path, document_xml: str, core_xml: str) -> None:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", document_xml),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", STYLES),
        ("docProps/core.xml", core_xml),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))


# ---------------------------------------------------------------- report.docx
# (kind, text): kind is "title", "h1", "h2", "fake" (bold Normal text that looks like a
# heading but has no heading style) or "p".
REPORT = [
    ("title", "Rapport d'activité 2026 — Service des ressources humaines"),
    ("h1", "1. Le service en quelques chiffres"),
    (
        "p",
        "En 2026, le service a accompagné 412 agents : 38 recrutements, 57 mobilités internes et 1 250 jours de formation.",
    ),
    ("h2", "1.1 Effectifs"),
    ("p", "L'effectif est stable par rapport à 2025. La moyenne d'âge est de 46 ans."),
    ("h2", "1.2 Formation"),
    ("p", "La moitié des jours de formation a porté sur les outils numériques."),
    ("h1", "2. Les projets de l'année"),
    ("h2", "2.1 Dématérialisation des congés"),
    (
        "p",
        "Les demandes de congés se font en ligne depuis mars. Les délais de réponse sont passés de 9 à 3 jours.",
    ),
    ("fake", "2.2 Accueil des nouveaux agents"),
    ("p", "Un livret d'accueil et une demi-journée d'intégration ont été mis en place en septembre."),
    ("h1", "3. Les difficultés rencontrées"),
    ("p", "Deux postes de gestionnaire sont restés vacants pendant quatre mois."),
    ("h1", "4. Perspectives pour 2027"),
    (
        "p",
        "Le service prévoit un entretien professionnel entièrement en ligne et un plan de formation au numérique pour tous.",
    ),
]


def _report_docx(path: pathlib.Path) -> None:
    paras = []
    for kind, text in REPORT:
        if kind == "title":
            paras.append(_para(_run(text), "Title"))
        elif kind == "h1":
            paras.append(_para(_run(text), "Heading1"))
        elif kind == "h2":
            paras.append(_para(_run(text), "Heading2"))
        elif kind == "fake":
            paras.append(_para(_run(text, bold=True, size=26)))
        else:
            paras.append(_para(_run(text)))
    core = _core(
        "Rapport d'activité 2026",
        "Hélène Garnier",
        "Paul Lefort",
        "2026-10-05T08:30:00Z",
        "2026-11-10T15:12:00Z",
    )
    _write_docx(path, _document(paras), core)


# ------------------------------------------------------- tracked-changes.docx
# Each paragraph is a list of segments: ("t", text) plain, ("ins", author, text) inserted,
# ("del", author, text) deleted, recorded with track changes on.
TRACKED = [
    [("t", "Note de service — Horaires d'ouverture de l'accueil")],
    [
        ("t", "À compter du "),
        ("del", "Karim Haddad", "1er décembre"),
        ("ins", "Karim Haddad", "4 janvier"),
        ("t", ", l'accueil du public sera ouvert du lundi au vendredi de "),
        ("del", "Anne Roussel", "8:30 à 17:00"),
        ("ins", "Anne Roussel", "08:30 à 16:30"),
        ("t", "."),
    ],
    [
        ("t", "Les rendez-vous restent possibles le mardi soir jusqu'à 19:00"),
        ("ins", "Karim Haddad", ", uniquement sur réservation en ligne"),
        ("t", "."),
    ],
    [
        ("t", "Merci d'informer les usagers "),
        ("del", "Anne Roussel", "par tous les moyens possibles"),
        ("ins", "Anne Roussel", "par affichage et sur le site internet"),
        ("t", "."),
    ],
    [
        ("t", "Contact : service accueil, poste 2210."),
        ("del", "Karim Haddad", " Pour toute question urgente, appelez le standard."),
    ],
]


def _tracked_docx(path: pathlib.Path) -> None:
    paras = []
    change_id = 1
    for index, segments in enumerate(TRACKED):
        inner = ""
        for seg in segments:
            if seg[0] == "t":
                inner += _run(seg[1])
            elif seg[0] == "ins":
                inner += (
                    f'<w:ins w:id="{change_id}" w:author="{escape(seg[1])}" w:date="2026-11-10T10:{change_id:02d}:00Z">'
                    + _run(seg[2])
                    + "</w:ins>"
                )
                change_id += 1
            else:
                inner += (
                    f'<w:del w:id="{change_id}" w:author="{escape(seg[1])}" w:date="2026-11-10T10:{change_id:02d}:00Z">'
                    f'<w:r><w:delText xml:space="preserve">{escape(seg[2])}</w:delText></w:r></w:del>'
                )
                change_id += 1
        paras.append(_para(inner, "Heading1" if index == 0 else None))
    core = _core(
        "Note de service - horaires de l'accueil",
        "Sophie Lambert",
        "Anne Roussel",
        "2026-11-09T14:00:00Z",
        "2026-11-10T10:30:00Z",
    )
    _write_docx(path, _document(paras), core)


def accepted_text(paragraph: list) -> str:
    """Text of a paragraph once every change is accepted (used to check keys)."""
    return "".join(seg[-1] for seg in paragraph if seg[0] in ("t", "ins"))


# ------------------------------------------------------------------ guide.pdf
GUIDE_PAGES = [
    [
        ("F2", 20, "Guide d'accueil des nouveaux agents"),
        ("F1", 11, ""),
        ("F1", 11, "Sommaire"),
        ("F1", 11, "1. Votre arrivée ........................................ page 2"),
        ("F1", 11, "2. Vos outils numériques .............................. page 3"),
        ("F1", 11, "3. Vos contacts utiles ................................. page 4"),
    ],
    [
        ("F2", 16, "1. Votre arrivée"),
        ("F1", 11, ""),
        ("F1", 11, "Le premier jour, présentez-vous à l'accueil du bâtiment B à 09:00."),
        ("F1", 11, "Votre badge et votre ordinateur vous sont remis par le service informatique."),
    ],
    [
        ("F2", 16, "2. Vos outils numériques"),
        ("F1", 11, ""),
        ("F1", 11, "Votre identifiant de connexion est votre prénom.nom. Changez le mot de passe"),
        ("F1", 11, "provisoire dès la première connexion. L'espace de travail partagé de votre"),
        ("F1", 11, "service est accessible depuis l'intranet, rubrique Documents."),
    ],
    [
        ("F2", 16, "3. Vos contacts utiles"),
        ("F1", 11, ""),
        ("F1", 11, "Assistance informatique : poste 4400. Ressources humaines : poste 2210."),
    ],
]
GUIDE_INFO = {
    "Title": "Guide d'accueil des nouveaux agents - version 3",
    "Author": "Service des ressources humaines",
    "Subject": "Accueil et intégration",
    "Creator": "Traitement de texte (export PDF)",
    "CreationDate": "D:20261002100000+02'00'",
}
GUIDE_BOOKMARKS = ["1. Votre arrivée", "2. Vos outils numériques", "3. Vos contacts utiles"]


def _pdf_str(text: str) -> bytes:
    data = text.encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _guide_pdf() -> bytes:
    n_pages = len(GUIDE_PAGES)
    # Object numbers: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, 6 outlines,
    # 7..(7+n_pages-1) pages, then contents, then outline items.
    page_first = 7
    content_first = page_first + n_pages
    outline_first = content_first + n_pages
    objects: dict[int, bytes] = {}
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R /PageMode /UseOutlines /Lang (fr-FR) >>"
    kids = b" ".join(b"%d 0 R" % (page_first + i) for i in range(n_pages))
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    objects[5] = (
        b"<< " + b"".join(b"/" + k.encode() + b" " + _pdf_str(v) for k, v in GUIDE_INFO.items()) + b" >>"
    )
    n_out = len(GUIDE_BOOKMARKS)
    objects[6] = b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (
        outline_first,
        outline_first + n_out - 1,
        n_out,
    )
    for i, lines in enumerate(GUIDE_PAGES):
        objects[page_first + i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (content_first + i)
        )
        content = [b"BT", b"60 780 Td"]
        for j, (font, size, text) in enumerate(lines):
            if j:
                content.append(b"0 -%d Td" % int(size * 1.6))
            content.append(b"/%s %d Tf" % (font.encode(), size))
            if text:
                content.append(_pdf_str(text) + b" Tj")
        content.append(b"ET")
        content.append(b"BT /F1 9 Tf 280 40 Td (%d / %d) Tj ET" % (i + 1, n_pages))
        stream = b"\n".join(content)
        objects[content_first + i] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    for k, title in enumerate(GUIDE_BOOKMARKS):
        num = outline_first + k
        entry = b"<< /Title " + _pdf_str(title) + b" /Parent 6 0 R"
        if k > 0:
            entry += b" /Prev %d 0 R" % (num - 1)
        if k < n_out - 1:
            entry += b" /Next %d 0 R" % (num + 1)
        entry += b" /Dest [%d 0 R /XYZ 0 842 0] >>" % (page_first + k + 1)
        objects[num] = entry
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def build(out: pathlib.Path) -> None:
    folder = pathlib.Path(out) / COMPETENCE
    folder.mkdir(parents=True, exist_ok=True)
    _report_docx(folder / "rapport-activite.docx")
    _tracked_docx(folder / "note-service-modifications.docx")
    (folder / "guide-accueil.pdf").write_bytes(_guide_pdf())
