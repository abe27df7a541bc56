"""The picture of a small win: recognised by its first bytes, never by its name or the
type the browser claims, so a script or an HTML page renamed .png is refused."""

MAX_IMAGE_BYTES = 2 * 1024 * 1024

# Raster formats only: an SVG can carry script, so it is not accepted at all.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def image_type(head: bytes) -> str | None:
    """The MIME type of an image from its first bytes, or None if it is not PNG, JPEG,
    GIF or WebP."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None
