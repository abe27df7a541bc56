"""Insights: the CDO sees the organisation, managers their units; nobody else. Another
organisation's CDO sees their own organisation's dashboard; a unit of ours is a 404."""

from tests.permissions.common import API_STAFF, ApiEntry, Entry, only

DASHBOARD = {"manager": 200, "cdo": 200, "outsider": 200}


def ready_report(cast):
    from django.utils import timezone

    from acculture.insights.models import Report

    report, _ = Report.objects.get_or_create(
        organisation=cast.org, month=timezone.localdate().replace(day=1),
        defaults={"status": "ready", "pdf": b"%PDF-1.7 matrix"},
    )  # fmt: skip
    return {"pk": report.pk}


MATRIX = {
    "insights:dashboard": Entry(only(DASHBOARD)),
    "insights:export": Entry(only(DASHBOARD), lambda cast: {"table": "units", "fmt": "csv"}, page=False),
    "insights:reports": Entry(only({"cdo": 200, "outsider": 200})),
    # HR's per-function figures (the functions app lists the people).
    "insights:compliance": Entry(only({"hr": 200, "cdo": 200, "outsider": 200})),
    # Another organisation's report is not found.
    "insights:report-pdf": Entry(only({"cdo": 200, "outsider": 404}), ready_report, page=False),
}

API_MATRIX = {
    ("get", "/api/v1/insights/dashboard"): ApiEntry(
        {**API_STAFF, **{r: 403 for r in ("employee", "champion", "facilitator", "proctor", "hr")}}
    ),
}
