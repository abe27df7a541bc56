import csv
import io

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acculture.assessments.campaign_selectors import completion_tree, units_headed_by
from acculture.people.models import AuditEvent, Person
from tests.assessments.campaigns import build_tree, make_campaign, sit, unit
from tests.conftest import make_person


def launched(cast):
    """The tree of tests/assessments/campaigns.py, everyone invited; in Bureau A two
    completed and one started, in Bureau B one completed."""
    tree = build_tree(cast)
    campaign = make_campaign(cast, launch=True)
    sit(campaign, cast.employee, completed=True)
    sit(campaign, cast.manager, completed=True)
    sit(campaign, Person.objects.get(employee_number="T000"), completed=False)
    sit(campaign, tree.bureau_b_people[0], completed=True)
    return tree, campaign


def row(page: str, name: str) -> str:
    start = page.index(f">{name}<")
    return page[start : page.index("</tr>", start)]


def test_completion_rolls_up_the_unit_tree(cast):
    tree, campaign = launched(cast)
    completion = completion_tree(campaign)
    assert completion.root.total.invited == 18
    dsi = completion.node(tree.dsi.pk)
    assert (dsi.total.invited, dsi.total.started, dsi.total.completed, dsi.total.rate) == (12, 4, 3, 25)
    bureau_a = completion.node(tree.bureau_a.pk)
    assert (bureau_a.total.invited, bureau_a.total.started, bureau_a.total.completed) == (6, 3, 2)


def test_a_unit_whose_figures_would_reveal_its_heads_by_difference_is_hidden(cast):
    tree, campaign = launched(cast)
    completion = completion_tree(campaign)
    # Siège (18) = its head (1) + DSI (12) + RH (5): showing both would give the head's
    # figures as 18 - 17, so the smaller, RH, is hidden to protect her.
    assert completion.node(tree.root.pk).shown
    assert completion.node(tree.dsi.pk).shown
    assert completion.node(tree.rh.pk).status == "protected"


@override_settings(MIN_GROUP_SIZE=7)
def test_groups_under_the_minimum_show_no_figures_and_protection_cascades(cast):
    tree, campaign = launched(cast)
    completion = completion_tree(campaign)
    assert completion.node(tree.rh.pk).status == "small"  # 5 < 7
    # DSI (12) alone would give 18 - 12 = 6 people (head + RH): hidden too, with its
    # whole branch (Bureau A and B, 6 each, would be hidden as small anyway).
    assert completion.node(tree.dsi.pk).status == "protected"
    assert not completion.node(tree.bureau_a.pk).shown
    assert completion.node(tree.root.pk).shown


def test_the_completion_page_shows_figures_and_says_why_some_are_hidden(client, login, cast):
    tree, campaign = launched(cast)
    login(cast.cdo)
    url = reverse("assessments:campaign-completion", args=[campaign.pk])
    page = client.get(url, {"unit": tree.root.pk}).content.decode()
    assert "<td>12</td><td>4</td><td>3</td><td>25 %</td>" in row(page, "DSI").replace("\n", "")
    assert "not shown, so that a smaller group cannot be worked out" in row(page, "RH")
    drill = client.get(url, {"unit": tree.dsi.pk}).content.decode()
    assert "Bureau A" in drill and "Bureau B" in drill
    assert client.get(url, {"unit": tree.rh.pk}).status_code == 404  # no way round the rule


@override_settings(MIN_GROUP_SIZE=7)
def test_a_small_group_says_fewer_than_n_people_instead_of_figures(client, login, cast):
    tree, campaign = launched(cast)
    login(cast.hr)
    url = reverse("assessments:campaign-completion", args=[campaign.pk])
    page = client.get(url, {"unit": tree.root.pk}).content.decode()
    assert "fewer than 7 people" in row(page, "RH")
    assert "<td>" not in row(page, "RH").replace('<td colspan="4">', "")


def test_the_csv_export_has_aggregates_only_with_the_same_suppression(client, login, cast):
    _tree, campaign = launched(cast)
    login(cast.cdo)
    response = client.get(reverse("assessments:campaign-completion-csv", args=[campaign.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["Unit", "Invited", "Started", "Completed", "Completion rate (%)", "Note"]
    by_unit = {r[0]: r[1:] for r in rows[1:]}
    assert by_unit["Siège / DSI"] == ["12", "4", "3", "25", ""]
    assert by_unit["Siège / RH"][:4] == ["", "", "", ""] and by_unit["Siège / RH"][4].startswith("Not shown")
    assert not any(cast.employee.last_name in cell for r in rows for cell in r)  # no names, ever
    assert AuditEvent.objects.filter(action="campaign.completion_export").count() == 1


def test_a_manager_sees_only_the_units_of_the_people_who_report_to_them(client, login, cast):
    tree, campaign = launched(cast)
    assert units_headed_by(cast.manager) == {tree.bureau_a.pk}
    login(cast.manager)
    home = client.get(reverse("home")).content.decode()
    assert reverse("assessments:campaign-team") in home
    listing = client.get(reverse("assessments:campaign-team")).content.decode()
    assert "Autumn" in listing
    url = reverse("assessments:campaign-team-completion", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "Bureau A" in page and "Bureau B" not in page and ">RH<" not in page
    assert client.get(url, {"unit": tree.bureau_b.pk}).status_code == 404
    assert client.get(reverse("assessments:campaign-completion", args=[campaign.pk])).status_code == 403


def test_a_manager_also_sees_the_units_of_indirect_reports(cast):
    tree = build_tree(cast)
    # The head manages the manager, who manages Bureau A; Bureau B reports to the head too.
    Person.objects.filter(pk__in=[p.pk for p in tree.bureau_b_people]).update(manager=tree.head)
    assert units_headed_by(tree.head) == {tree.bureau_a.pk, tree.bureau_b.pk}


def test_a_manager_of_a_campaign_not_for_their_units_meets_not_found(client, login, cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    from acculture.assessments.campaign_services import campaign_launch, campaign_update

    campaign_update(campaign=campaign, units=[tree.bureau_b])
    campaign_launch(campaign=campaign, actor=None)
    login(cast.manager)
    url = reverse("assessments:campaign-team-completion", args=[campaign.pk])
    assert client.get(url).status_code == 404


def test_the_completion_page_makes_the_same_number_of_queries_whatever_the_size(client, login, cast):
    tree, campaign = launched(cast)
    login(cast.cdo)
    url = reverse("assessments:campaign-completion", args=[campaign.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"unit": tree.root.pk})
    for i in range(8):  # eight more units with five people each
        extra = unit(cast.org, f"Siège / DSI / Bureau X{i}", tree.dsi)
        for n in range(5):
            person = make_person(cast.org, f"X{i}{n}", f"X{i}", f"P{n}", account=False)
            Person.objects.filter(pk=person.pk).update(unit=extra)
    from acculture.assessments.campaign_services import campaign_invite_newcomers

    campaign_invite_newcomers(campaign=campaign, actor=None)
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"unit": tree.root.pk})
    assert len(large) == len(small) <= 12, [q["sql"] for q in large.captured_queries]
