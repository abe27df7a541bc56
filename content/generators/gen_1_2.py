"""Attachments for competence 1.2 (manage data).

Deterministic: fixed dates, no clock, no network.
Files written into out / "1.2":
  dossier-projet.txt   listing of a shared project folder (names, dates, sizes)
  archives-2025.zip    a small archive of a service's 2025 documents (fixed timestamps)
  sauvegardes.csv      a backup log (full / incremental, status)
"""

import zipfile
from pathlib import Path

# (path, modified dd/mm/yyyy HH:MM, size in kB)
TREE = [
    ("Convention/convention-partenariat_v2.docx", "03/11/2026 10:12", 48),
    ("Convention/convention-partenariat_v3_FINAL.docx", "12/11/2026 16:40", 51),
    ("Convention/convention-partenariat_v3_FINAL_relu-SB.docx", "17/11/2026 09:05", 52),
    ("Convention/convention-partenariat_v4.docx", "24/11/2026 14:22", 53),
    ("Convention/Copie de convention-partenariat_v3_FINAL.docx", "26/11/2026 11:30", 51),
    ("Convention/convention-partenariat_v4.pdf", "24/11/2026 14:25", 210),
    ("Budget/2026-10-05_budget-previsionnel_v1.xlsx", "05/10/2026 15:00", 36),
    ("Budget/2026-11-18_budget-previsionnel_v2.xlsx", "18/11/2026 12:10", 38),
    ("Budget/budget OK Marc.xlsx", "19/11/2026 08:55", 38),
    ("Comptes-rendus/2026-09-14_CR_comite-pilotage.docx", "14/09/2026 18:00", 22),
    ("Comptes-rendus/2026-10-12_CR_comite-pilotage.docx", "12/10/2026 17:45", 24),
    ("Comptes-rendus/CR reunion.docx", "09/11/2026 10:30", 19),
    ("Comptes-rendus/2026-11-23_CR_comite-pilotage.docx", "23/11/2026 17:20", 25),
]

ZIP_FILES = [
    "archives-2025/Factures/2025-01_facture_imprimerie.pdf",
    "archives-2025/Factures/2025-03_facture_traiteur.pdf",
    "archives-2025/Factures/2025-06_facture_location-salle.pdf",
    "archives-2025/Factures/Avoirs/2025-07_avoir_traiteur.pdf",
    "archives-2025/Factures/2025-09_facture_imprimerie.pdf",
    "archives-2025/Factures/recapitulatif-factures-2025.xlsx",
    "archives-2025/Contrats/2025-02_contrat_maintenance.pdf",
    "archives-2025/Contrats/2025-02_contrat_maintenance_avenant-1.pdf",
    "archives-2025/Contrats/2025-11_contrat_nettoyage.pdf",
    "archives-2025/Courriers/2025-04_courrier_mairie.pdf",
    "archives-2025/Courriers/2025-10_courrier_prefecture.odt",
    "archives-2025/LISEZMOI.txt",
]

LISEZMOI = (
    "Archives 2025 du service des moyens généraux / 2025 archives of the facilities department\n"
    "Règle de nommage / Naming rule: AAAA-MM_type_objet (YYYY-MM_type_subject)\n"
    "Conservation / Retention: 10 ans / 10 years\n"
)

# date, day, type, status, size (GB)
BACKUPS = [
    ("15/11/2026", "dimanche/Sunday", "complète/full", "OK", "182,4"),
    ("16/11/2026", "lundi/Monday", "incrémentale/incremental", "OK", "3,1"),
    ("17/11/2026", "mardi/Tuesday", "incrémentale/incremental", "OK", "2,8"),
    ("18/11/2026", "mercredi/Wednesday", "incrémentale/incremental", "OK", "3,4"),
    ("19/11/2026", "jeudi/Thursday", "incrémentale/incremental", "OK", "2,9"),
    ("20/11/2026", "vendredi/Friday", "incrémentale/incremental", "OK", "3,6"),
    ("22/11/2026", "dimanche/Sunday", "complète/full", "ÉCHEC/FAILED", "0,0"),
    ("23/11/2026", "lundi/Monday", "incrémentale/incremental", "OK", "4,2"),
    ("24/11/2026", "mardi/Tuesday", "incrémentale/incremental", "OK", "3,0"),
    ("25/11/2026", "mercredi/Wednesday", "incrémentale/incremental", "ÉCHEC/FAILED", "0,0"),
    ("26/11/2026", "jeudi/Thursday", "incrémentale/incremental", "OK", "3,3"),
    ("27/11/2026", "vendredi/Friday", "incrémentale/incremental", "OK", "2,7"),
]


def build(out: Path) -> None:
    d = Path(out) / "1.2"
    d.mkdir(parents=True, exist_ok=True)

    lines = [
        'Dossier partagé « Projet Jardins partagés » / Shared folder "Shared gardens project"',
        "Règle de nommage de l'équipe : AAAA-MM-JJ_objet, avec _vN si le document a plusieurs versions",
        "Team naming rule: YYYY-MM-DD_subject, with _vN when the document has several versions",
        "",
        f"{'Nom / Name':<60} {'Modifié le / Modified':<22} {'Taille / Size':>12}",
        "-" * 96,
    ]
    for path, when, kb in TREE:
        lines.append(f"{path:<60} {when:<22} {str(kb) + ' Ko/kB':>12}")
    lines.append("")
    (d / "dossier-projet.txt").write_text("\n".join(lines), encoding="utf-8")

    zpath = d / "archives-2025.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        stamp = (2025, 12, 31, 17, 0, 0)
        for name in ZIP_FILES:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if name.endswith("LISEZMOI.txt"):
                data = LISEZMOI.encode("utf-8")
            else:
                data = f"Document d'exemple / Sample document: {name.split('/')[-1]}\n".encode()
            z.writestr(info, data)

    rows = ["date;jour/day;type;statut/status;taille/size (Go/GB)"]
    rows += [";".join(r) for r in BACKUPS]
    (d / "sauvegardes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
