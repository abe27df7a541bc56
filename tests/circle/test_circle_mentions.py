"""Mentions by handle or e-mail address, the notifications they make, and the mail."""

from django.core import mail
from django.urls import reverse

from acculture.circle import services
from acculture.circle.models import Notification
from acculture.circle.selectors import mentioned_people
from tests.circle.conftest import IMMEDIATE_TASKS, champions_category, make_thread
from tests.conftest import make_person


def test_a_reply_with_a_mention_notifies_the_person_in_the_app_and_by_mail(
    cast, login, django_capture_on_commit_callbacks
):
    thread = make_thread(cast.manager)
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        login(cast.hr).post(
            reverse("circle:thread", args=[thread.pk]), {"body": "Ask @emma.employee, she knows."}
        )
    notification = Notification.objects.get(person=cast.employee)
    assert notification.kind == "mention" and notification.read_at is None
    # The thread's author hears of the reply too.
    assert Notification.objects.get(person=cast.manager).kind == "reply"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.employee.email, cast.manager.email])
    to_emma = next(m for m in mail.outbox if m.to == [cast.employee.email])
    assert to_emma.subject == "Hr Person vous a mentionné(e) dans le cercle"  # in the person's language
    assert "she knows" not in to_emma.body  # the mail links to the message, never copies it

    client = login(cast.employee)
    page = client.get(reverse("circle:notifications")).content.decode()
    assert "Hr Person mentioned you in “How do I share a calendar?”" in page
    opened = client.get(reverse("circle:notification-open", args=[notification.pk]))
    assert opened.status_code == 302 and reverse("circle:thread", args=[thread.pk]) in opened["Location"]
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_chosen_handle_works_and_a_word_that_names_two_people_names_nobody(cast):
    services.member_update(person=cast.employee, handle="@Emma", email_notifications=True)
    make_person(cast.other_org, "X1", "Team0", "Member")  # same e-mail start, another organisation
    found = mentioned_people(text="Thanks @emma and @hr.person! Mail me at x@agence.example", author=cast.cdo,
                             space="open")  # fmt: skip
    assert sorted(p.pk for p in found) == sorted([cast.employee.pk, cast.hr.pk])
    make_person(cast.org, "D1", "Hr", "Person", account=False)  # a second hr.person@agence.example
    assert [p.pk for p in mentioned_people(text="@hr.person", author=cast.cdo, space="open")] == []


def test_a_handle_already_taken_is_refused_in_words(cast, login):
    services.member_update(person=cast.employee, handle="emma", email_notifications=True)
    response = login(cast.manager).post(reverse("circle:settings"), {"handle": "Emma"})
    assert response.status_code == 400
    assert "Someone already uses the handle @emma" in response.content.decode()


def test_nobody_outside_the_champions_space_is_notified_of_it(cast, django_capture_on_commit_callbacks):
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        make_thread(
            cast.champion, champions_category(cast.org), body="Shall we ask @emma.employee or @cdo.person?"
        )
    assert list(Notification.objects.values_list("person", flat=True)) == [cast.cdo.pk]


def test_no_mail_for_someone_who_turned_it_off_and_a_mail_is_sent_once(
    cast, django_capture_on_commit_callbacks
):
    from acculture.circle.tasks import notification_email

    services.member_update(person=cast.employee, handle="", email_notifications=False)
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        make_thread(cast.manager, body="Hello @emma.employee and @hr.person")
    assert [m.to for m in mail.outbox] == [[cast.hr.email]]
    again = Notification.objects.get(person=cast.hr)
    assert notification_email.call(again.pk) == "already sent or read"
    assert len(mail.outbox) == 1


def test_editing_a_message_notifies_only_the_newly_mentioned(cast):
    thread = make_thread(cast.manager, body="Hello @emma.employee")
    post = thread.posts.get()
    services.post_edit(post=post, editor=cast.manager, body="Hello @emma.employee and @hr.person")
    assert sorted(Notification.objects.values_list("person", flat=True)) == sorted(
        [cast.employee.pk, cast.hr.pk]
    )


def test_a_notification_from_a_space_one_no_longer_reads_drops_out_of_the_list(cast, login):
    from acculture.people.models import Role, RoleGrant

    extra = make_person(cast.org, "C2", "Chris", "Champion")
    RoleGrant.objects.create(person=extra, role=Role.CHAMPION)
    make_thread(
        cast.champion, champions_category(cast.org), title="Secret plans", body="@chris.champion look"
    )
    client = login(extra)
    assert "Secret plans" in client.get(reverse("circle:notifications")).content.decode()
    RoleGrant.objects.filter(person=extra).delete()
    assert "Secret plans" not in client.get(reverse("circle:notifications")).content.decode()
    assert client.get("/api/v1/circle/notifications").json() == []
