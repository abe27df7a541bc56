"""The champion's profile and the directory every member of staff searches."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acculture.champions.models import ChampionProfile
from acculture.people.models import Role, RoleGrant
from tests.champions.conftest import make_competences, make_site
from tests.conftest import make_person


def make_champion(cast, first, site=None, competences=(), languages=("fr",), **shown):
    person = make_person(cast.org, f"C-{first}", first, "Champion", account=False)
    RoleGrant.objects.create(person=person, role=Role.CHAMPION)
    profile = ChampionProfile.objects.create(
        organisation=cast.org, person=person, site=site, how_i_help=f"{first} helps",
        languages=ChampionProfile.pack_languages(languages), **shown,
    )  # fmt: skip
    profile.competences.set(competences)
    return profile


def test_a_champion_fills_in_the_profile_and_colleagues_see_only_what_they_chose(cast, login):
    sharing = make_competences()[1]
    lyon = make_site(cast.org, "Lyon")
    client = login(cast.champion)
    response = client.post(
        reverse("champions:profile"),
        {"how_i_help": "I show how to share files", "competences": [sharing.pk], "site": lyon.pk,
         "availability": "Tuesday afternoons", "languages": ["fr", "es"], "listed": "on", "show_unit": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    profile = ChampionProfile.objects.get(person=cast.champion)
    assert (profile.site, profile.language_codes, profile.show_email) == (lyon, ["fr", "es"], False)
    page = login(cast.employee).get(reverse("champions:directory")).content.decode()
    assert "I show how to share files" in page and "Tuesday afternoons" in page and "Spanish" in page
    assert cast.champion.email not in page  # the e-mail address was not chosen to be shown


def test_an_unlisted_champion_is_not_in_the_directory(cast, login):
    make_champion(cast, "Hidden", listed=False)
    make_champion(cast, "Shown")
    page = login(cast.employee).get(reverse("champions:directory")).content.decode()
    assert "Shown Champion" in page and "Hidden Champion" not in page


def test_the_profile_page_is_for_champions_only(cast, login):
    assert login(cast.employee).get(reverse("champions:profile")).status_code == 403
    assert login(cast.champion).get(reverse("champions:profile")).status_code == 200


def test_the_directory_filters_by_competence_site_and_language(cast, login):
    search, sharing, _writing = make_competences()
    lyon, paris = make_site(cast.org, "Lyon"), make_site(cast.org, "Paris")
    make_champion(cast, "Anna", site=lyon, competences=[sharing], languages=("fr", "en"))
    make_champion(cast, "Bruno", site=paris, competences=[sharing, search], languages=("fr",))
    make_champion(cast, "Chloe", site=lyon, competences=[search], languages=("ar",))
    client = login(cast.employee)

    def names(**query):
        html = client.get(reverse("champions:directory"), query).content.decode()
        return [n for n in ("Anna", "Bruno", "Chloe") if f"{n} Champion" in html]

    assert names() == ["Anna", "Bruno", "Chloe"]
    assert names(competence=sharing.pk) == ["Anna", "Bruno"]
    assert names(competence=sharing.pk, site=lyon.pk) == ["Anna"]
    assert names(language="ar") == ["Chloe"]
    assert names(q="bruno") == ["Bruno"]


def test_a_site_of_another_organisation_filters_nothing_in(cast, login):
    elsewhere = make_site(cast.other_org, "Elsewhere")
    make_champion(cast, "Anna")
    response = login(cast.employee).get(reverse("champions:directory"), {"site": elsewhere.pk})
    assert response.status_code == 200
    assert "Anna Champion" in response.content.decode()  # an unknown site is ignored, not an error page


def test_the_directory_costs_the_same_queries_for_three_champions_or_thirty(cast, login):
    competences = make_competences()
    client = login(cast.employee)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("champions:directory")).status_code == 200
        return len(queries)

    for i in range(3):
        make_champion(cast, f"A{i}", site=make_site(cast.org, "Lyon"), competences=competences)
    few = count()
    for i in range(27):
        make_champion(cast, f"B{i}", site=make_site(cast.org, "Lyon"), competences=competences)
    assert count() == few
