"""The dashboard pages: the CDO's (the organisation), a manager's (their units), the
exports of every table and the monthly reports. Thin: scope → selectors → render."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from acculture.insights import exports, privacy, selectors, services
from acculture.insights.charts import dashboard_charts
from acculture.insights.models import Report
from acculture.people.policy import Perm, forbidden, login_required, require
from acculture.people.services import audit_record


def _number(request, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    if not raw.isdigit():
        raise Http404(f"Bad {name}.")
    return int(raw)


def _board(request) -> selectors.Dashboard | HttpResponse:
    scope = selectors.scope_for(request.actor)
    if scope is None:
        return forbidden(request)
    return selectors.dashboard_for(scope, unit_id=_number(request, "unit"), site_id=_number(request, "site"))


@login_required
def dashboard(request):
    board = _board(request)
    if isinstance(board, HttpResponse):
        return board
    context = {
        "board": board,
        "charts": dashboard_charts(board),
        "query": request.GET.urlencode(),
        "can_reports": request.actor.can(Perm.INSIGHTS_ORGANISATION),
    }
    return render(request, "insights/dashboard.html", context)


@require(Perm.FUNCTIONS_COMPLIANCE)
def compliance(request):
    """HR's view of function compliance: per function, how many holders meet the
    requirement (the functions app lists who, for HR to act on)."""
    from acculture.insights.tiles import functions_table

    table = functions_table(request.actor.organisation, privacy.minimum())
    return render(
        request, "insights/compliance.html", {"table": table, "board": {"minimum": privacy.minimum()}}
    )


@login_required
def export(request, table: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format.")
    least, unit, site = privacy.minimum(), None, None
    if table == "functions" and request.actor.can(Perm.FUNCTIONS_COMPLIANCE):
        from acculture.insights.tiles import functions_table

        found = functions_table(request.actor.organisation, least)
    else:
        board = _board(request)
        if isinstance(board, HttpResponse):
            return board
        found = board.tables.get(table)
        unit, site = board.node, board.site.pk if board.site else None
    if found is None:
        raise Http404("Unknown table.")
    audit_record(
        actor=request.user, organisation=request.actor.organisation, action="insights.export",
        subject=f"table:{table}", unit=unit, site=site, format=fmt,
    )  # fmt: skip
    name = f"acculture-{table}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exports.table_csv(found, least), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.table_xlsx(found, least),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require(Perm.INSIGHTS_ORGANISATION)
def reports(request):
    organisation = request.actor.organisation
    if request.method == "POST":
        month = services.previous_months(timezone.localdate(), 1)[0]
        if request.POST.get("month") == "current":
            month = services.month_start(timezone.localdate())
        services.report_request(
            organisation=organisation, month=month, requested_by=request.user, language=get_language()[:2]
        )
        messages.success(
            request, _("The report is being prepared. Come back to this page in a minute to download it.")
        )
        return redirect("insights:reports")
    found = Report.objects.filter(organisation=organisation).defer("pdf")
    return render(request, "insights/reports.html", {"reports": found})


@require(Perm.INSIGHTS_ORGANISATION)
def report_pdf(request, pk: int):
    report = get_object_or_404(
        Report, pk=pk, organisation=request.actor.organisation, status=Report.Status.READY
    )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="acculture-report-{report.month:%Y-%m}.pdf"'
    return response
