"""Exports and the API carry the page's figures and nothing more: a hidden figure is
blank in the CSV and the XLSX, and null in the API."""

import csv
import io

from openpyxl import load_workbook

from acculture.people.models import AuditEvent


def test_the_units_table_downloads_as_csv_with_the_pages_figures(world, cast, login):
    client = login(cast.cdo)
    response = client.get("/insights/export/units.csv", {"unit": world["direction"].pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="acculture-units-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Unit", "People", "Assessed"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Bureau A"][1:6] == ["14", "14", "100.0", "7.1", "4.36"]
    assert AuditEvent.objects.filter(action="insights.export", subject="table:units").exists()


def test_a_hidden_figure_is_blank_in_the_csv_and_the_xlsx_with_the_reason(world, cast, login):
    client = login(cast.cdo)
    query = {"unit": world["direction"].pk, "site": world["lyon"].pk}
    rows = list(csv.reader(io.StringIO(client.get("/insights/export/units.csv", query).content.decode())))
    for row in rows[1:]:
        assert set(row[1:-1]) == {""}
        assert row[-1] == "not shown, so that a smaller group cannot be worked out"
    book = load_workbook(io.BytesIO(client.get("/insights/export/units.xlsx", query).content))
    sheet = book.active
    assert [c.value for c in sheet[1]][:2] == ["Unit", "People"]
    assert all(cell.value is None for row in sheet.iter_rows(min_row=2) for cell in row[1:-1])


def test_every_table_of_the_page_can_be_downloaded_in_both_formats(world, cast, login):
    client = login(cast.cdo)
    for slug in ("trend", "units", "levels", "hierarchy", "ages", "sites", "campaigns", "learning"):
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/insights/export/{slug}.{fmt}").status_code == 200, (slug, fmt)
    assert client.get("/insights/export/people.csv").status_code == 404
    assert client.get("/insights/export/units.pdf").status_code == 404


def test_the_api_gives_the_same_tables_with_hidden_figures_as_null(world, cast, login):
    client = login(cast.cdo)
    body = client.get("/api/v1/insights/dashboard", {"unit": world["direction"].pk}).json()
    units = next(t for t in body["tables"] if t["slug"] == "units")
    a = next(r for r in units["rows"] if r["label"] == "Bureau A")
    assert a["values"][1:6] == [14, 14, 100.0, 7.1, 4.36] and a["unit"] == world["a"].pk
    filtered = client.get(
        "/api/v1/insights/dashboard", {"unit": world["direction"].pk, "site": world["lyon"].pk}
    )
    rows = next(t for t in filtered.json()["tables"] if t["slug"] == "units")["rows"]
    assert all(v is None for r in rows for v in r["values"][1:]) and {r["status"] for r in rows} == {
        "protected"
    }


def test_through_the_api_a_manager_reaches_only_their_units(world, cast, login):
    client = login(cast.manager)
    body = client.get("/api/v1/insights/dashboard").json()
    units = next(t for t in body["tables"] if t["slug"] == "units")
    assert [r["label"] for r in units["rows"]] == ["Bureau B"]
    assert client.get("/api/v1/insights/dashboard", {"unit": world["a"].pk}).status_code == 404
    assert login(cast.employee).get("/api/v1/insights/dashboard").status_code == 403
