"""The certificate as a PDF (WeasyPrint) with a QR code that opens the public
verification page. The QR is a PNG at a whole number of pixels per module, wrapped in a
link to the same address, so that both a phone camera and a click reach the page."""

import logging

from django.template.loader import render_to_string
from django.utils import translation

from acculture.certification import selectors
from acculture.certification.credentials import verification_url
from acculture.certification.models import Certificate

QR_SCALE = 8  # pixels per module
QR_BORDER = 4  # modules of quiet zone, as ISO/IEC 18004 asks


def qr_code(url: str):
    import segno  # loaded on the first PDF, not at every server start

    return segno.make(url, error="m", micro=False)


def certificate_pdf(certificate: Certificate, language: str = "fr") -> bytes:
    # WeasyPrint logs each rendering step at INFO: seven lines per download in the server log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    url = verification_url(certificate)
    with translation.override(language):
        html = render_to_string(
            "certification/certificate_pdf.html",
            {
                **selectors.certificate_display(certificate),
                "url": url,
                "qr": qr_code(url).png_data_uri(scale=QR_SCALE, border=QR_BORDER),
                "language": language,
            },
        )
    return HTML(string=html, base_url=url).write_pdf()
