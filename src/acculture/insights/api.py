"""The dashboard over the REST API: the same tables as the page, through the same privacy
guard, so a script never gets a figure the page would not show."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.insights import selectors

router = Router(tags=["insights"])


class RowOut(Schema):
    label: str
    status: str = Field(
        description="shown; small (fewer than the minimum people); protected (hidden so that a "
        "smaller group cannot be worked out); empty. Hidden figures are null."
    )
    values: list[str | int | float | None]
    unit: int | None = Field(None, description="The unit of the row, to ask for the units inside it.")


class TableOut(Schema):
    slug: str
    title: str
    columns: list[str]
    rows: list[RowOut]


class DashboardOut(Schema):
    scope: str
    minimum_group_size: int
    unit: int | None
    site: int | None
    tables: list[TableOut]


class DashboardQuery(Schema):
    unit: int | None = Field(
        None, ge=1, description="A unit of the caller's scope: its figures and the units inside."
    )
    site: int | None = Field(None, ge=1, description="Only the people of this site.")


@router.get(
    "/dashboard",
    response={200: DashboardOut, 403: Error, 404: Error, 422: Invalid},
    summary="The caller's dashboard: the organisation (CDO) or their units (managers)",
)
def dashboard(request, query: Query[DashboardQuery]):
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    scope = selectors.scope_for(request.actor)
    if scope is None:
        raise HttpError(403, "Your account does not give access to the dashboard.")
    board = selectors.dashboard_for(scope, unit_id=query.unit, site_id=query.site)
    return DashboardOut(
        scope=board.scope.label,
        minimum_group_size=board.minimum,
        unit=board.node,
        site=board.site.pk if board.site else None,
        tables=[
            TableOut(
                slug=table.slug,
                title=table.title,
                columns=[c.label for c in table.columns],
                rows=[
                    RowOut(
                        label=row.label,
                        status=row.status,
                        values=row.values,
                        unit=row.unit_id if table.slug == "units" else None,
                    )
                    for row in table.rows
                ],
            )
            for table in board.tables.values()
        ],
    )
