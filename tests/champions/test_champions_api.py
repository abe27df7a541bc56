"""The champions API: the directory shows only what champions chose to show; coverage
is the CDO's."""

from django.test import override_settings

from acculture.champions.models import ChampionProfile
from tests.champions.conftest import make_competences, make_site


def test_the_directory_api_shows_only_what_the_champion_chose(cast, login):
    competences = make_competences()
    profile = ChampionProfile.objects.create(
        organisation=cast.org, person=cast.champion, site=make_site(cast.org, "Lyon"), how_i_help="Files",
        languages=",fr,en,", show_email=False, show_unit=False,
    )  # fmt: skip
    profile.competences.set(competences[:1])
    found = login(cast.employee).get("/api/v1/champions/directory").json()
    assert found == [{"name": "Champion Person", "how_i_help": "Files", "competences": ["1.1"], "site": "Lyon",
                      "unit": None, "availability": "", "languages": ["fr", "en"], "email": None}]  # fmt: skip
    assert login(cast.employee).get("/api/v1/champions/directory", {"competence": "3.1"}).json() == []
    assert login(cast.outsider).get("/api/v1/champions/directory").json() == []


@override_settings(MIN_GROUP_SIZE=5, CHAMPION_RATIO=10)
def test_the_coverage_api_is_the_cdos(cast, login):
    assert login(cast.employee).get("/api/v1/champions/coverage").status_code == 403
    body = login(cast.cdo).get("/api/v1/champions/coverage").json()
    assert body["ratio"] == 10 and body["total"] == {"label": "", "people": 11, "champions": 1, "needed": 2}
