from ninja import Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error

router = Router(tags=["people"])


class MeOut(Schema):
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit: str | None
    site: str | None
    hierarchy_level: str
    language: str
    roles: list[str]


@router.get("/me", response={200: MeOut, 404: Error}, summary="The signed-in person's own record and roles")
def me(request):
    actor = request.actor
    person = actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return MeOut(
        employee_number=person.employee_number,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        unit=person.unit.path if person.unit else None,
        site=person.site.name if person.site else None,
        hierarchy_level=person.hierarchy_level,
        language=person.language,
        roles=sorted(r.value for r in actor.roles),
    )
