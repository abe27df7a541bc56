import io

import pytest
import segno
from pypdf import PdfReader

from acculture.certification.credentials import verification_url
from acculture.certification.pdf import QR_BORDER, QR_SCALE, certificate_pdf
from tests.certification.certified import certify


@pytest.fixture
def pdf(session, cast):
    certificate = certify(session, cast.employee, cast.proctor)
    return certificate, PdfReader(io.BytesIO(certificate_pdf(certificate, "en")))


def test_the_pdf_names_the_holder_the_level_and_the_code(pdf):
    certificate, reader = pdf
    text = reader.pages[0].extract_text()
    assert "Emma Employee" in text
    assert certificate.code in text
    assert f"level {certificate.overall_level}" in text


def test_the_pdf_links_to_the_verification_page(pdf):
    certificate, reader = pdf
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"] if "/A" in a.get_object()}
    assert uris == {verification_url(certificate)}
    assert verification_url(certificate) == f"https://acculture.example.org/verify/{certificate.code}"


def test_the_qr_code_in_the_pdf_encodes_the_verification_url(pdf):
    """Read every module of the embedded QR image and compare with segno's matrix."""
    certificate, reader = pdf
    image = reader.pages[0].images[0].image.convert("L")
    expected = segno.make(verification_url(certificate), error="m", micro=False).matrix
    size = len(expected)
    assert image.width == (size + 2 * QR_BORDER) * QR_SCALE
    seen = [
        [image.getpixel(((col + QR_BORDER) * QR_SCALE + QR_SCALE // 2, (row + QR_BORDER) * QR_SCALE + QR_SCALE // 2)) < 128
         for col in range(size)]
        for row in range(size)
    ]  # fmt: skip
    assert seen == [[bool(module) for module in row] for row in expected]
    other = segno.make(verification_url(certificate) + "X", error="m", micro=False).matrix
    assert seen != [[bool(module) for module in row] for row in other]
