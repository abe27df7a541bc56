import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acculture.assessments.models import Assessment, Campaign, Invitation
from tests.assessments.campaigns import build_tree, make_campaign
from tests.assessments.conftest import make_bank


@pytest.mark.parametrize(
    "name", ["assessments:campaign-launch", "assessments:campaign-newcomers", "assessments:campaign-remind"]
)
def test_campaign_actions_walk_the_permission_ladder(client, login, cast, name):
    campaign = make_campaign(cast, launch=name != "assessments:campaign-launch")
    url = reverse(name, args=[campaign.pk])
    assert "/login/" in client.post(url)["Location"]
    login(cast.employee)
    assert client.post(url).status_code == 403
    login(cast.manager)
    assert client.post(url).status_code == 403
    login(cast.outsider)  # a CDO, of another organisation
    assert client.post(url).status_code == 404
    login(cast.hr)
    assert client.post(url).status_code == 302


def test_the_cdo_creates_a_draft_with_the_default_framework_preselected(client, login, cast):
    framework = make_bank()
    login(cast.cdo)
    page = client.get(reverse("assessments:campaign-create")).content.decode()
    assert re.search(rf'name="framework" value="{framework.pk}"[^>]* checked', page)
    today = timezone.localdate()
    response = client.post(
        reverse("assessments:campaign-create"),
        {"title": "Autumn", "message": "Why we ask", "framework": framework.pk,
         "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=21)).isoformat()},
    )  # fmt: skip
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("assessments:campaign-detail", args=[campaign.pk])
    assert (
        campaign.status == "draft"
        and campaign.organisation == cast.org
        and campaign.created_by == cast.cdo.user
    )
    detail = client.get(response["Location"]).content.decode()
    assert "11 people will be invited." in detail  # the whole organisation of the cast


def test_a_form_with_problems_shows_an_error_summary_that_says_what_to_do(client, login, cast):
    framework = make_bank()
    login(cast.hr)
    today = timezone.localdate()
    response = client.post(
        reverse("assessments:campaign-create"),
        {"title": "", "framework": framework.pk, "opens_on": today.isoformat(),
         "closes_on": (today - timedelta(days=1)).isoformat()},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in page and "There is a problem" in page
    assert "Enter a title for the campaign" in page
    assert "The closing date has passed" in page
    assert not Campaign.objects.exists()


def test_choosing_some_competences_needs_at_least_one_grouped_by_domain(client, login, cast):
    campaign = make_campaign(cast)
    login(cast.cdo)
    url = reverse("assessments:campaign-competences", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "<legend>1. Domain</legend>" in page and "Competence 1.2" in page
    response = client.post(url, {"scope": "some"})
    assert response.status_code == 400
    assert "Choose at least one competence" in response.content.decode()
    chosen = campaign.framework.competences.get(code="1.2")
    client.post(url, {"scope": "some", "competences": [chosen.pk]})
    assert list(campaign.competences.all()) == [chosen]
    client.post(url, {"scope": "all", "competences": [chosen.pk]})
    assert campaign.competences.count() == 0  # all


def test_the_audience_page_narrows_the_audience_and_the_preview_counts_it(client, login, cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    login(cast.cdo)
    url = reverse("assessments:campaign-audience", args=[campaign.pk])
    assert "Siège / DSI / Bureau B" in client.get(url).content.decode()
    client.post(url, {"units": [tree.dsi.pk], "include_subunits": "yes", "sites": [tree.paris.pk]})
    detail = client.get(reverse("assessments:campaign-detail", args=[campaign.pk])).content.decode()
    assert "6 people will be invited." in detail  # Bureau B is the part of the DSI in Paris


def test_launching_by_post_invites_once_and_a_second_post_changes_nothing(client, login, cast):
    campaign = make_campaign(cast)
    login(cast.cdo)
    url = reverse("assessments:campaign-launch", args=[campaign.pk])
    first = client.post(url, follow=True).content.decode()
    assert "The campaign is launched: 11 people are invited and get an e-mail." in first
    second = client.post(url, follow=True).content.decode()
    assert "already launched. Nothing was changed again." in second
    assert Invitation.objects.filter(campaign=campaign).count() == 11
    assert DBTaskResult.objects.filter(task_path__endswith="invitation_email_send").count() == 11
    # Once launched, the draft-only pages are gone and the details form keeps two fields.
    assert client.get(reverse("assessments:campaign-audience", args=[campaign.pk])).status_code == 404
    form = client.get(reverse("assessments:campaign-edit", args=[campaign.pk])).content.decode()
    assert 'name="message"' in form and 'name="closes_on"' in form and 'name="title"' not in form


def test_the_person_invited_sees_the_campaign_on_their_page_and_starts_it(client, login, cast):
    campaign = make_campaign(cast, launch=True, title="Autumn 2026", mandatory=True)
    login(cast.employee)
    page = client.get(reverse("assessments:index")).content.decode()
    assert "Autumn 2026" in page and "Your organisation asks everyone invited to take it." in page
    response = client.post(reverse("assessments:start"), {"campaign": campaign.pk})
    assessment = Assessment.objects.get(person=cast.employee)
    assert response["Location"] == reverse("assessments:question", args=[assessment.pk])
    assert assessment.campaign == campaign and assessment.mode == "campaign"


def test_a_finished_practice_test_hides_no_campaign(client, login, cast):
    campaign = make_campaign(cast, launch=True, title="Autumn 2026")
    practice = Assessment.objects.create(
        person=cast.employee, mode=Assessment.Mode.PRACTICE, framework=campaign.framework, seed=1
    )
    Assessment.objects.filter(pk=practice.pk).update(status=Assessment.Status.COMPLETED)
    login(cast.employee)
    page = client.get(reverse("assessments:index")).content.decode()
    assert "Autumn 2026" in page and f'name="campaign" value="{campaign.pk}"' in page
    Assessment.objects.create(
        person=cast.employee,
        campaign=campaign,
        mode=Assessment.Mode.CAMPAIGN,
        framework=campaign.framework,
        status=Assessment.Status.COMPLETED,
        seed=2,
    )
    assert "Autumn 2026" not in client.get(reverse("assessments:index")).content.decode()


def test_someone_not_invited_does_not_see_the_campaign_and_cannot_start_it(client, login, cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    from acculture.assessments.campaign_services import campaign_launch, campaign_update

    campaign_update(campaign=campaign, units=[tree.bureau_b])
    campaign_launch(campaign=campaign, actor=None)
    login(cast.employee)
    assert "Autumn" not in client.get(reverse("assessments:index")).content.decode()
    response = client.post(reverse("assessments:start"), {"campaign": campaign.pk}, follow=True)
    assert "This campaign is for other people." in response.content.decode()


def test_the_campaign_list_shows_only_the_organisations_campaigns(client, login, cast):
    make_campaign(cast, title="Ours")
    login(cast.outsider)
    assert "Ours" not in client.get(reverse("assessments:campaign-list")).content.decode()
    login(cast.hr)
    assert "Ours" in client.get(reverse("assessments:campaign-list")).content.decode()
