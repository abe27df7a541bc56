"""Champions over the REST API: the directory (any member of staff, only what champions
chose to show) and the coverage (the CDO, under the same small-group rule as the page)."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.champions import selectors
from acculture.frameworks.models import Competence
from acculture.people.models import Site
from acculture.people.policy import Perm

router = Router(tags=["champions"])


class ChampionOut(Schema):
    name: str
    how_i_help: str
    competences: list[str] = Field(description="Competence codes of the default framework.")
    site: str | None
    unit: str | None = Field(description="Only when the champion chose to show it.")
    availability: str
    languages: list[str]
    email: str | None = Field(description="Only when the champion chose to show it.")


class DirectoryFilters(Schema):
    q: str = Field("", max_length=100, description="Words in the name or in “how I can help”.")
    competence: str = Field("", max_length=20, description="A competence code, for example 3.1.")
    site: int | None = Field(None, description="A site id.")
    language: str = Field("", max_length=5, description="fr, en, de, es, it, pt, ar or lsf.")


class RowOut(Schema):
    label: str
    people: int | None = Field(description="None when the group is too small to show.")
    champions: int | None
    needed: int | None


class CoverageOut(Schema):
    ratio: int = Field(description="The target: one champion for this many people.")
    minimum_group: int
    total: RowOut
    sites: list[RowOut]
    units: list[RowOut]


def _staff(request):
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return request.actor


@router.get(
    "/directory", response={200: list[ChampionOut], 404: Error, 422: Invalid}, summary="Find a champion"
)
def directory(request, filters: Query[DirectoryFilters]):
    actor = _staff(request)
    organisation = actor.organisation
    competence = Competence.objects.filter(code=filters.competence).first() if filters.competence else None
    site = Site.objects.filter(pk=filters.site, organisation=organisation).first() if filters.site else None
    if (filters.competence and competence is None) or (filters.site and site is None):
        return []
    found = selectors.directory(
        organisation, q=filters.q.strip(), competence=competence, site=site, language=filters.language
    )[:200]
    return [
        ChampionOut(
            name=p.person.full_name,
            how_i_help=p.how_i_help,
            competences=[c.code for c in p.competences.all()],
            site=p.site.name if p.site else None,
            unit=p.person.unit.path if p.show_unit and p.person.unit else None,
            availability=p.availability,
            languages=p.language_codes,
            email=p.person.email if p.show_email else None,
        )
        for p in found
    ]


def _row(row: selectors.CoverageRow) -> RowOut:
    if not row.shown:
        return RowOut(label=row.label, people=None, champions=None, needed=None)
    return RowOut(label=row.label, people=row.people, champions=row.champions, needed=row.needed)


@router.get(
    "/coverage",
    response={200: CoverageOut, 403: Error, 404: Error, 422: Invalid},
    summary="Champions per site and unit",
)
def coverage(request):
    actor = _staff(request)
    if not actor.can(Perm.CHAMPIONS_MANAGE):
        raise HttpError(403, "Only the Chief Digital Officer follows the coverage.")
    found = selectors.coverage(actor.organisation)
    return CoverageOut(
        ratio=found.ratio, minimum_group=found.minimum, total=_row(found.total),
        sites=[_row(r) for r in found.sites], units=[_row(r) for r in found.units],
    )  # fmt: skip
