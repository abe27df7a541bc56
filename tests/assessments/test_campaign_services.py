from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acculture.assessments import campaign_services
from acculture.assessments.models import Campaign, Invitation
from acculture.people.models import AuditEvent, Person
from tests.assessments.campaigns import DUMMY_TASKS, IMMEDIATE_TASKS, build_tree, make_campaign
from tests.conftest import make_person


def invited(campaign) -> set[str]:
    return set(campaign.invitations.values_list("person__employee_number", flat=True))


# --- Audience ---------------------------------------------------------------------------


def test_a_campaign_without_filters_is_for_every_active_person_of_the_organisation(cast):
    tree = build_tree(cast)
    Person.objects.filter(pk=tree.bureau_b_people[0].pk).update(is_active=False)
    campaign = make_campaign(cast)
    audience = set(campaign.audience().values_list("employee_number", flat=True))
    assert "B000" not in audience and "O001" not in audience  # inactive; other organisation
    assert audience == set(
        Person.objects.filter(organisation=cast.org, is_active=True).values_list("employee_number", flat=True)
    )


def test_a_unit_with_its_subunits_takes_the_whole_branch(cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    campaign_services.campaign_update(campaign=campaign, units=[tree.dsi], include_subunits=True)
    audience = set(campaign.audience().values_list("unit__name", flat=True))
    assert audience == {"Bureau A", "Bureau B"}
    assert campaign.audience().count() == 6 + 6


def test_a_unit_without_its_subunits_takes_only_the_people_directly_in_it(cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    campaign_services.campaign_update(campaign=campaign, units=[tree.root], include_subunits=False)
    assert list(campaign.audience()) == [tree.head]


def test_sites_and_levels_narrow_the_audience_and_all_filters_must_match(cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast)
    campaign_services.campaign_update(campaign=campaign, sites=[tree.paris])
    assert campaign.audience().count() == 1 + 5 + 6  # head, RH, Bureau B
    campaign_services.campaign_update(campaign=campaign, hierarchy_levels=["middle_manager"])
    assert set(campaign.audience().values_list("employee_number", flat=True)) == {"B000", "B001"}
    campaign_services.campaign_update(campaign=campaign, units=[tree.bureau_a])
    assert campaign.audience().count() == 0  # Bureau A is in Lyon


# --- Launch -----------------------------------------------------------------------------


def test_launching_invites_the_audience_once_and_enqueues_one_mail_per_person(cast):
    build_tree(cast)
    campaign = make_campaign(cast)
    size = campaign.audience().count()
    outcome = campaign_services.campaign_launch(campaign=campaign, actor=cast.cdo.user)
    assert outcome.invited == size and not outcome.already_launched
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED and campaign.launched_at is not None
    assert campaign.invitations.count() == size
    tasks = DBTaskResult.objects.filter(task_path="acculture.assessments.tasks.invitation_email_send")
    assert sorted(t.args_kwargs["args"][0] for t in tasks) == sorted(
        campaign.invitations.values_list("pk", flat=True)
    )

    again = campaign_services.campaign_launch(campaign=campaign, actor=cast.cdo.user)
    assert again.already_launched and again.invited == 0
    assert campaign.invitations.count() == size
    assert tasks.count() == size
    assert AuditEvent.objects.filter(action="campaign.launch").count() == 1


def test_launch_sends_each_invitation_by_mail_through_the_immediate_backend(cast):
    build_tree(cast)
    campaign = make_campaign(cast)
    with IMMEDIATE_TASKS:
        campaign_services.campaign_launch(campaign=campaign, actor=cast.cdo.user)
    assert len(mail.outbox) == campaign.invitations.count()
    assert not campaign.invitations.filter(emailed_at__isnull=True).exists()


def test_a_campaign_whose_closing_date_has_passed_cannot_be_launched(cast):
    campaign = make_campaign(cast)
    Campaign.objects.filter(pk=campaign.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(campaign_services.CampaignRefused, match="closing date has passed"):
        campaign_services.campaign_launch(campaign=campaign, actor=None)
    assert not Invitation.objects.exists()


def test_after_launch_only_the_message_and_the_closing_date_can_change(cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast, launch=True)
    later = campaign.closes_on + timedelta(days=10)
    campaign_services.campaign_update(campaign=campaign, message="New words", closes_on=later)
    campaign.refresh_from_db()
    assert campaign.message == "New words" and campaign.closes_on == later
    with pytest.raises(campaign_services.CampaignRefused):
        campaign_services.campaign_update(campaign=campaign, title="Other")
    with pytest.raises(campaign_services.CampaignRefused):
        campaign_services.campaign_update(campaign=campaign, units=[tree.dsi])


def test_extending_a_campaign_invites_nobody_but_inviting_newcomers_does_once(cast):
    tree = build_tree(cast)
    campaign = make_campaign(cast, launch=True)
    before = invited(campaign)
    newcomer = make_person(cast.org, "N001", "Nina", "New", account=False)
    Person.objects.filter(pk=newcomer.pk).update(unit=tree.bureau_b)
    campaign_services.campaign_update(campaign=campaign, closes_on=campaign.closes_on + timedelta(days=7))
    assert invited(campaign) == before
    assert campaign_services.campaign_newcomers_count(campaign) == 1
    with DUMMY_TASKS:
        first = campaign_services.campaign_invite_newcomers(campaign=campaign, actor=None)
        second = campaign_services.campaign_invite_newcomers(campaign=campaign, actor=None)
    assert (first.invited, second.invited) == (1, 0)
    assert invited(campaign) == before | {"N001"}


def test_newcomers_cannot_be_invited_to_a_draft(cast):
    campaign = make_campaign(cast)
    with pytest.raises(campaign_services.CampaignRefused, match="Launch the campaign first"):
        campaign_services.campaign_invite_newcomers(campaign=campaign, actor=None)


def test_changing_the_framework_of_a_draft_forgets_the_competences_of_the_old_one(cast):
    from acculture.frameworks.models import Framework

    campaign = make_campaign(cast)
    campaign_services.campaign_update(
        campaign=campaign, competences=list(campaign.framework.competences.all()[:1])
    )
    other = Framework.objects.create(code="other", version="1", name_fr="A", name_en="A")
    campaign_services.campaign_update(campaign=campaign, framework=other)
    assert campaign.competences.count() == 0


# --- The real database queue and worker ---------------------------------------------------


# The worker closes its database connection after each task: a transactional test.
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_each_invitation_once_even_if_a_task_runs_twice(cast):
    build_tree(cast)
    campaign = make_campaign(cast)
    campaign_services.campaign_launch(campaign=campaign, actor=cast.cdo.user)
    count = campaign.invitations.count()
    # A duplicate task for the first invitation, as a retried enqueue would make.
    from acculture.assessments.tasks import invitation_email_send

    invitation_email_send.enqueue(campaign.invitations.first().pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == count
    assert {m.to[0] for m in mail.outbox} == set(campaign.invitations.values_list("person__email", flat=True))
    results = DBTaskResult.objects.filter(task_path="acculture.assessments.tasks.invitation_email_send")
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sorted(r.return_value for r in results).count("already sent") == 1
