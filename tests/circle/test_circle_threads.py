"""Opening threads, replying, previewing without a script, reactions, and who reads which space."""

from django.urls import reverse

from acculture.circle.models import Post, Reaction, Thread
from tests.circle.conftest import champions_category, make_thread, open_category


def test_an_employee_opens_a_thread_and_a_colleague_replies(cast, login):
    category = open_category(cast.org)
    client = login(cast.employee)
    response = client.post(
        reverse("circle:thread-new", args=[category.slug]),
        {"title": "How do I share a calendar?", "body": "Where do I **start**?"},
    )
    thread = Thread.objects.get()
    assert response["Location"] == reverse("circle:thread", args=[thread.pk])
    response = login(cast.manager).post(
        reverse("circle:thread", args=[thread.pk]), {"body": "Settings, then Share."}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.replies == 1 and [p.author for p in thread.posts.all()] == [cast.employee, cast.manager]
    html = login(cast.hr).get(reverse("circle:thread", args=[thread.pk])).content.decode()
    assert "<strong>start</strong>" in html and "Settings, then Share." in html


def test_the_preview_shows_the_message_and_posts_nothing(cast, login):
    thread = make_thread(cast.employee)
    response = login(cast.manager).post(
        reverse("circle:thread", args=[thread.pk]), {"body": "A *careful* answer", "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: this is how your message will look" in html and "<em>careful</em>" in html
    assert Post.objects.filter(thread=thread).count() == 1


def test_htmx_gets_the_preview_alone_and_nothing_is_posted(cast, login):
    thread = make_thread(cast.employee)
    client = login(cast.manager)
    url = reverse("circle:thread", args=[thread.pk])
    fragment = client.post(url, {"body": "A **bold** answer", "preview": "1"}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "<strong>bold</strong>" in html and "<html" not in html and "<form" not in html
    empty = client.post(url, {"body": " ", "preview": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert "Write your message first" in empty
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_double_submitted_reply_is_stored_once(cast, login):
    thread = make_thread(cast.employee)
    client = login(cast.manager)
    for _ in range(2):
        client.post(reverse("circle:thread", args=[thread.pk]), {"body": "Same answer"})
    assert Post.objects.filter(thread=thread, author=cast.manager).count() == 1
    thread.refresh_from_db()
    assert thread.replies == 1


def test_the_champions_space_is_not_found_for_other_staff(cast, login):
    thread = make_thread(cast.champion, champions_category(cast.org), title="Our Thursday help desk")
    for who in (cast.employee, cast.manager, cast.hr):
        client = login(who)
        assert client.get(reverse("circle:thread", args=[thread.pk])).status_code == 404
        assert client.post(reverse("circle:thread", args=[thread.pk]), {"body": "Hi"}).status_code == 404
        assert "Our Thursday help desk" not in client.get(reverse("circle:index")).content.decode()
        assert "Between champions" not in client.get(reverse("circle:index")).content.decode()
    assert login(cast.cdo).get(reverse("circle:thread", args=[thread.pk])).status_code == 200
    assert Post.objects.count() == 1


def test_another_organisation_meets_not_found(cast, login):
    thread = make_thread(cast.employee)
    client = login(cast.outsider)
    assert client.get(reverse("circle:thread", args=[thread.pk])).status_code == 404
    assert client.get(reverse("circle:category", args=[thread.category.slug])).status_code == 404


def test_a_reaction_is_given_then_taken_back_and_htmx_gets_the_fragment(cast, login):
    thread = make_thread(cast.employee)
    post = thread.posts.get()
    client = login(cast.manager)
    url = reverse("circle:react", args=[post.pk])
    assert client.post(url, {"kind": "thanks"}).status_code == 302
    assert Reaction.objects.filter(post=post, person=cast.manager, kind="thanks").count() == 1
    fragment = client.post(url, {"kind": "thanks"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.strip().startswith('<div class="reactions"') and "<html" not in body
    assert not Reaction.objects.exists()
    assert client.post(url, {"kind": "<script>"}).status_code == 302
    assert not Reaction.objects.exists()


def test_a_locked_thread_takes_no_reply(cast, login):
    thread = make_thread(cast.employee)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    response = login(cast.manager).post(reverse("circle:thread", args=[thread.pk]), {"body": "Late"})
    assert response.status_code == 409
    assert "locked" in response.content.decode()
    assert Post.objects.count() == 1


def test_the_thread_page_costs_the_same_queries_for_two_messages_or_twenty(
    cast, login, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    thread = make_thread(cast.employee)
    client = login(cast.hr)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("circle:thread", args=[thread.pk])).status_code == 200
        return len(queries)

    Post.objects.create(thread=thread, author=cast.manager, body="one")
    few = count()
    Post.objects.bulk_create([Post(thread=thread, author=cast.manager, body=f"n{i}") for i in range(18)])
    assert count() == few
