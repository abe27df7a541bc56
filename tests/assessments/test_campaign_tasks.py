from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acculture.assessments.models import Campaign, Invitation
from acculture.assessments.tasks import campaign_reminders_send, invitation_email_send
from acculture.people.models import Person
from tests.assessments.campaigns import IMMEDIATE_TASKS, build_tree, make_campaign, sit


def test_the_invitation_email_says_what_when_how_long_and_who_sees_what(cast):
    campaign = make_campaign(cast, launch=True, message="We want to offer useful training.", mandatory=True)
    Person.objects.filter(pk=cast.employee.pk).update(language="en")
    invitation = Invitation.objects.get(campaign=campaign, person=cast.employee)
    assert invitation_email_send.call(invitation.pk) == "sent"
    [message] = mail.outbox
    assert message.to == [cast.employee.email]
    assert message.subject == "Autumn — your digital skills assessment"
    body = message.body
    assert "Hello Emma," in body
    assert "We want to offer useful training." in body
    assert "http://127.0.0.1:8000/assessments/" in body
    assert "20 to 30 minutes" in body and "“I don't know” is a fine answer" in body
    assert "Only you see your answers" in body and "groups of at least 5 people" in body
    assert "Your organisation asks everyone invited to take it." in body
    assert campaign.closes_on.strftime("%Y") in body
    invitation.refresh_from_db()
    assert invitation.emailed_at is not None


def test_the_invitation_email_is_in_the_language_of_each_person(cast):
    from datetime import date

    campaign = make_campaign(cast, launch=True, opens_on=date(2030, 9, 14), closes_on=date(2030, 10, 1))
    Person.objects.filter(pk=cast.employee.pk).update(language="fr")
    Person.objects.filter(pk=cast.manager.pk).update(language="en")
    for person in (cast.employee, cast.manager):
        invitation_email_send.call(Invitation.objects.get(campaign=campaign, person=person).pk)
    french, english = mail.outbox
    # The dates show the locale used; the French catalogue of the new sentences comes later.
    assert "14 septembre 2030" in french.body and "1 octobre 2030" in french.body
    assert "Sept. 14, 2030" in english.body
    from django.utils import translation

    assert translation.get_language() == "en"  # the override did not leak


def test_running_the_invitation_task_twice_sends_one_email(cast):
    campaign = make_campaign(cast, launch=True)
    invitation = Invitation.objects.get(campaign=campaign, person=cast.employee)
    assert invitation_email_send.call(invitation.pk) == "sent"
    assert invitation_email_send.call(invitation.pk) == "already sent"
    assert len(mail.outbox) == 1


def test_no_invitation_goes_out_once_the_campaign_has_closed(cast):
    campaign = make_campaign(cast, launch=True)
    Campaign.objects.filter(pk=campaign.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    invitation = Invitation.objects.get(campaign=campaign, person=cast.employee)
    assert invitation_email_send.call(invitation.pk) == "closed"
    assert mail.outbox == []


def _mailed(campaign, days_ago: int) -> None:
    Invitation.objects.filter(campaign=campaign).update(emailed_at=timezone.now() - timedelta(days=days_ago))


def test_reminders_wait_for_the_delay_and_then_go_once_per_period(cast):
    cast.employee.language = "en"
    cast.employee.save(update_fields=["language"])
    campaign = make_campaign(cast, launch=True)
    invited = campaign.invitations.count()
    _mailed(campaign, days_ago=3)
    assert campaign_reminders_send.call(campaign.pk) == 0
    _mailed(campaign, days_ago=8)
    assert campaign_reminders_send.call(campaign.pk) == invited
    assert campaign_reminders_send.call(campaign.pk) == 0  # the same day again: nothing twice
    assert len(mail.outbox) == invited
    to_employee = next(m for m in mail.outbox if m.to == [cast.employee.email])
    assert to_employee.subject.startswith("Reminder: Autumn")  # in each person's language
    assert "This is a reminder" in to_employee.body
    to_manager = next(m for m in mail.outbox if m.to == [cast.manager.email])
    assert to_manager.subject.startswith("Relance")
    Invitation.objects.filter(campaign=campaign).update(
        reminded_at=timezone.now() - timedelta(days=7, hours=1)
    )
    assert campaign_reminders_send.call(campaign.pk) == invited
    assert set(Invitation.objects.filter(campaign=campaign).values_list("reminders", flat=True)) == {2}


@override_settings(CAMPAIGN_REMINDER_DAYS=2)
def test_the_reminder_delay_comes_from_the_setting(cast):
    campaign = make_campaign(cast, launch=True)
    _mailed(campaign, days_ago=3)
    assert campaign_reminders_send.call(campaign.pk) == campaign.invitations.count()


def test_reminders_skip_people_who_completed_and_remind_those_who_only_started(cast):
    campaign = make_campaign(cast, launch=True)
    sit(campaign, cast.employee, completed=True)
    sit(campaign, cast.manager, completed=False)
    _mailed(campaign, days_ago=8)
    campaign_reminders_send.call(campaign.pk)
    recipients = {m.to[0] for m in mail.outbox}
    assert cast.employee.email not in recipients
    assert cast.manager.email in recipients


def test_no_reminder_goes_out_after_the_campaign_closes_or_to_a_draft(cast):
    campaign = make_campaign(cast, launch=True)
    _mailed(campaign, days_ago=8)
    Campaign.objects.filter(pk=campaign.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    assert campaign_reminders_send.call(campaign.pk) == 0
    draft = make_campaign(cast, framework=campaign.framework)
    assert campaign_reminders_send.call(draft.pk) == 0
    assert mail.outbox == []


def test_send_reminders_enqueues_one_task_per_open_campaign_and_is_safe_to_rerun(cast, capsys):
    build_tree(cast)
    open_one = make_campaign(cast, launch=True)
    make_campaign(cast, framework=open_one.framework)  # a draft: nothing to remind
    closed = make_campaign(cast, framework=open_one.framework, launch=True)
    Campaign.objects.filter(pk=closed.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    _mailed(open_one, days_ago=8)
    call_command("send_reminders")
    assert "Reminders enqueued for 1 open campaign(s)." in capsys.readouterr().out
    tasks = DBTaskResult.objects.filter(task_path="acculture.assessments.tasks.campaign_reminders_send")
    assert [t.args_kwargs["args"] for t in tasks] == [[open_one.pk]]
    with IMMEDIATE_TASKS:
        call_command("send_reminders")
        call_command("send_reminders")
    assert len(mail.outbox) == open_one.invitations.count()
