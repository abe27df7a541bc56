from django.urls import reverse

from acculture.content.models import Tutorial
from tests.assessments.conftest import make_bank


def test_a_tutorial_shows_our_text_in_the_persons_language_with_its_reference(client, login, cast):
    make_bank(codes=("1.1",), per_level=1, levels=(2,))
    Tutorial.objects.filter(code="tut-1.1").update(
        body_en="Press **Ctrl+F** to find a word.", body_fr="Appuyez sur **Ctrl+F**.", url="https://pix.fr/"
    )
    assert client.get(reverse("content:tutorial", args=["tut-1.1"])).status_code == 302  # sign in first
    login(cast.employee)
    page = client.get(reverse("content:tutorial", args=["tut-1.1"])).content.decode()
    assert "<strong>Ctrl+F</strong> to find a word" in page
    assert 'href="https://pix.fr/"' in page
    assert client.get(reverse("content:tutorial", args=["nope"])).status_code == 404
