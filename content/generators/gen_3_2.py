"""Attachments for competence 3.2 (multimedia documents).

Deterministic: no clock, no randomness, fixed metadata. Writes into out / "3.2".
"""

import pathlib
import struct
import zlib

from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

COMP = "3.2"

# Photo of a building site, with EXIF metadata (read with the file's properties).
PHOTO_SIZE = (1600, 1200)
PHOTO_EXIF = {
    "make": "Fotonix",
    "model": "FX-200",
    "datetime": "2026:03:14 09:42:10",
    "artist": "Claire Dubois",
    "copyright": "Claire Dubois - Ville de Montclair",
    "description": "Chantier de la mediatheque / Library building site",
    "dpi": 72,
}

# Logo with PNG text chunks.
LOGO_SIZE = (800, 400)
LOGO_TEXT = [
    ("Title", "Logo Journee portes ouvertes 2026"),
    ("Author", "Atelier graphique - Samia Benali"),
    ("Copyright", "Credit: Samia Benali / Ville de Montclair"),
    ("Description", "Logo for the open day, transparent background"),
]

# Media folder listing (name, size in bytes, kind).
MEDIA_FILES = [
    ("affiche-A3.pdf", 4_812_330),
    ("affiche-A3-source.svg", 286_114),
    ("interview-directrice.wav", 52_914_688),
    ("interview-directrice.mp3", 4_732_101),
    ("photo-equipe.tiff", 36_002_416),
    ("photo-equipe.jpg", 1_486_220),
    ("presentation-projet.pptx", 18_331_540),
    ("video-teaser-4K.mov", 1_212_448_768),
    ("video-teaser-1080p.mp4", 96_206_848),
]

# Video export settings.
VIDEO = {
    "title": "Teaser journee portes ouvertes",
    "width": 1920,
    "height": 1080,
    "fps": 25,
    "duration_s": 150,  # 2 min 30 s
    "video_kbps": 8000,  # 8 Mbit/s
    "audio_kbps": 192,
}

# Podcast sequences: (order, title_fr, title_en, mm:ss)
PODCAST = [
    (1, "Générique de début", "Opening jingle", "0:25"),
    (2, "Présentation de l'invitée", "Introducing the guest", "1:40"),
    (3, "Entretien partie 1", "Interview part 1", "7:55"),
    (4, "Pause musicale", "Music break", "0:50"),
    (5, "Entretien partie 2", "Interview part 2", "6:35"),
    (6, "Questions des collègues", "Colleagues' questions", "4:10"),
    (7, "Générique de fin", "Closing jingle", "0:30"),
]


def podcast_total_seconds() -> int:
    total = 0
    for _, _, _, d in PODCAST:
        m, s = d.split(":")
        total += int(m) * 60 + int(s)
    return total


def video_size_mb() -> float:
    """Approximate size in MB (10^6 bytes) from bit rates and duration."""
    bits = (VIDEO["video_kbps"] + VIDEO["audio_kbps"]) * 1000 * VIDEO["duration_s"]
    return bits / 8 / 1_000_000


def _photo(path: pathlib.Path) -> None:
    img = Image.new("RGB", PHOTO_SIZE, (150, 190, 225))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 820, 1600, 1200], fill=(140, 120, 90))  # ground
    d.rectangle([300, 380, 1100, 820], fill=(200, 200, 195))  # building
    for x in range(340, 1080, 120):
        d.rectangle([x, 440, x + 70, 520], fill=(90, 110, 130))
        d.rectangle([x, 600, x + 70, 680], fill=(90, 110, 130))
    d.rectangle([1250, 150, 1275, 820], fill=(230, 170, 30))  # crane mast
    d.rectangle([900, 150, 1500, 175], fill=(230, 170, 30))  # crane jib
    d.line([1000, 175, 1000, 380], fill=(60, 60, 60), width=4)
    exif = Image.Exif()
    exif[0x010F] = PHOTO_EXIF["make"]
    exif[0x0110] = PHOTO_EXIF["model"]
    exif[0x0132] = PHOTO_EXIF["datetime"]
    exif[0x013B] = PHOTO_EXIF["artist"]
    exif[0x8298] = PHOTO_EXIF["copyright"]
    exif[0x010E] = PHOTO_EXIF["description"]
    exif[0x011A] = IFDRational(PHOTO_EXIF["dpi"], 1)
    exif[0x011B] = IFDRational(PHOTO_EXIF["dpi"], 1)
    exif[0x0128] = 2
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = PHOTO_EXIF["datetime"]  # DateTimeOriginal
    sub[0x9004] = PHOTO_EXIF["datetime"]  # DateTimeDigitized
    img.save(path, "JPEG", quality=80, exif=exif.tobytes(), dpi=(PHOTO_EXIF["dpi"], PHOTO_EXIF["dpi"]))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _logo(path: pathlib.Path) -> None:
    """RGBA PNG written by hand so that the text chunks sit in plain view."""
    w, h = LOGO_SIZE
    img = Image.new("RGBA", LOGO_SIZE, (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([40, 40, 360, 360], fill=(0, 90, 160, 255))
    d.rectangle([400, 120, 760, 170], fill=(0, 90, 160, 255))
    d.rectangle([400, 230, 700, 280], fill=(230, 120, 20, 255))
    raw = b"".join(b"\x00" + img.tobytes()[y * w * 4 : (y + 1) * w * 4] for y in range(h))
    png = b"\x89PNG\r\n\x1a\n"
    png += _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
    png += _chunk(b"pHYs", struct.pack(">IIB", 11811, 11811, 1))  # 300 ppi
    for key, value in LOGO_TEXT:
        png += _chunk(b"tEXt", key.encode("latin-1") + b"\x00" + value.encode("latin-1"))
    png += _chunk(b"IDAT", zlib.compress(raw, 9))
    png += _chunk(b"IEND", b"")
    path.write_bytes(png)


def _human(n: int) -> str:
    for unit, div in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        if n >= div:
            return f"{n / div:.1f} {unit}".replace(".", ",")
    return f"{n} o"


def _listing(path: pathlib.Path) -> None:
    lines = [
        "Dossier partagé : Communication > Journée portes ouvertes 2026 > Médias",
        "Shared folder: Communication > Open day 2026 > Media",
        "",
        f"{'Nom / Name':<32}{'Taille / Size':>16}",
        "-" * 48,
    ]
    for name, size in MEDIA_FILES:
        lines.append(f"{name:<32}{_human(size):>16}")
    lines += [
        "",
        "Taille affichée en octets décimaux (1 Mo = 1 000 000 octets).",
        "Sizes in decimal units (1 MB = 1,000,000 bytes; Mo = MB, Go = GB).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def _video(path: pathlib.Path) -> None:
    v = VIDEO
    mins, secs = divmod(v["duration_s"], 60)
    lines = [
        "Réglages d'export vidéo / Video export settings",
        "==============================================",
        f"Projet / Project : {v['title']}",
        "Conteneur / Container : MP4",
        "Codec vidéo / Video codec : H.264",
        f"Résolution / Resolution : {v['width']} x {v['height']}",
        f"Images par seconde / Frame rate : {v['fps']}",
        f"Débit vidéo / Video bit rate : {v['video_kbps']} kbit/s (constant)",
        "Codec audio / Audio codec : AAC stéréo / stereo",
        f"Débit audio / Audio bit rate : {v['audio_kbps']} kbit/s",
        f"Durée / Duration : {mins} min {secs:02d} s",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def _podcast(path: pathlib.Path) -> None:
    lines = ["ordre;sequence_fr;sequence_en;duree_mm_ss"]
    for order, fr, en, d in PODCAST:
        lines.append(f"{order};{fr};{en};{d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(out: pathlib.Path) -> None:
    folder = out / COMP
    folder.mkdir(parents=True, exist_ok=True)
    _photo(folder / "photo-chantier.jpg")
    _logo(folder / "logo-portes-ouvertes.png")
    _listing(folder / "dossier-medias.txt")
    _video(folder / "export-video.txt")
    _podcast(folder / "podcast-sequences.csv")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parent.parent / "attachments")
    print("total podcast s", podcast_total_seconds(), "video MB", video_size_mb())
