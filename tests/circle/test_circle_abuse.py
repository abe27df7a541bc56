"""Abuse and bad input: posting rate limits, image size and type, script in Markdown,
editing only one's own messages."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from acculture.circle import services
from acculture.circle.forms import image_type
from acculture.circle.models import Post, Thread
from tests.circle.conftest import PNG, make_thread, open_category


@override_settings(CIRCLE_POSTS_PER_MINUTE=3, CIRCLE_POSTS_PER_HOUR=100)
def test_a_fourth_message_in_a_minute_is_refused_with_the_text_kept(cast, login):
    thread = make_thread(cast.employee)
    client = login(cast.manager)
    for i in range(3):
        assert (
            client.post(reverse("circle:thread", args=[thread.pk]), {"body": f"Reply {i}"}).status_code == 302
        )
    response = client.post(reverse("circle:thread", args=[thread.pk]), {"body": "One too many"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wait a minute, then send it again" in html and "One too many" in html  # the text is kept
    assert Post.objects.filter(author=cast.manager).count() == 3
    # A minute later it goes through.
    Post.objects.filter(author=cast.manager).update(created_at=timezone.now() - timedelta(minutes=2))
    assert client.post(reverse("circle:thread", args=[thread.pk]), {"body": "Now"}).status_code == 302


@override_settings(CIRCLE_POSTS_PER_MINUTE=100, CIRCLE_POSTS_PER_HOUR=4)
def test_the_hourly_limit_counts_new_threads_and_replies_together(cast):
    thread = make_thread(cast.manager)
    for i in range(3):
        services.post_reply(thread=thread, author=cast.manager, body=f"r{i}")
    with pytest.raises(services.RateLimited, match="in the last hour"):
        make_thread(cast.manager, title="Another")
    assert Thread.objects.count() == 1


@override_settings(CIRCLE_IMAGE_MAX_KB=10)
def test_an_image_too_large_is_refused_with_its_size(cast, login):
    big = SimpleUploadedFile("big.png", PNG + b"\0" * 20_000, content_type="image/png")
    response = login(cast.employee).post(
        reverse("circle:thread-new", args=[open_category(cast.org).slug]),
        {"title": "T", "body": "B", "image": big, "image_alt": "A screenshot"},
    )
    assert response.status_code == 400
    assert "The image is too large (" in response.content.decode()
    assert not Thread.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused_whatever_its_name(cast, login):
    svg = SimpleUploadedFile("x.png", b'<svg onload="alert(1)"></svg>', content_type="image/png")
    response = login(cast.employee).post(
        reverse("circle:thread-new", args=[open_category(cast.org).slug]),
        {"title": "T", "body": "B", "image": svg, "image_alt": "x"},
    )
    assert response.status_code == 400
    assert "not a PNG, JPEG, GIF or WebP picture" in response.content.decode()
    assert not Thread.objects.exists()


def test_the_picture_types_are_told_by_their_first_bytes():
    assert image_type(PNG) == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type(b"GIF89a...") == "image/gif"
    assert image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert image_type(b"<html>") is None and image_type(b"") is None


def test_a_picture_is_stored_described_and_served_with_its_own_type(cast, login):
    png = SimpleUploadedFile("shot.png", PNG, content_type="text/html")  # the browser's word is ignored
    login(cast.employee).post(
        reverse("circle:thread-new", args=[open_category(cast.org).slug]),
        {"title": "T", "body": "B", "image": png, "image_alt": "The Share button"},
    )
    post = Post.objects.get()
    assert post.image_type == "image/png" and post.image_alt == "The Share button"
    client = login(cast.hr)
    assert (
        'alt="The Share button"'
        in client.get(reverse("circle:thread", args=[post.thread_id])).content.decode()
    )
    served = client.get(reverse("circle:image", args=[post.pk]))
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    assert served.content == PNG


def test_a_picture_needs_a_description(cast, login):
    png = SimpleUploadedFile("shot.png", PNG, content_type="image/png")
    response = login(cast.employee).post(
        reverse("circle:thread-new", args=[open_category(cast.org).slug]),
        {"title": "T", "body": "B", "image": png},
    )
    assert response.status_code == 400 and "Describe the image" in response.content.decode()


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script>",
        "[click me](javascript:alert('x'))",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "![x](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
    ],
)
def test_script_in_a_message_is_rendered_harmless(cast, login, attack):
    thread = make_thread(cast.employee, body=f"Look: {attack}")
    html = login(cast.hr).get(reverse("circle:thread", args=[thread.pk])).content.decode()
    body = html.split('class="post-body">', 1)[1].split("</div>", 1)[0]
    tags = Tags()
    tags.feed(body)
    # What is left may be the attack as visible text, never as markup.
    assert {name for name, _attrs in tags.found} <= {"p", "a", "br", "strong", "em", "code"}
    for _name, attrs in tags.found:
        assert not [k for k, _v in attrs if k.startswith("on")]
        assert not [v for k, v in attrs if k == "href" and v.strip().lower().startswith("javascript")]


def test_only_the_author_changes_a_message_anyone_else_meets_not_found(cast, login):
    thread = make_thread(cast.employee, body="Original")
    post = thread.posts.get()
    url = reverse("circle:post-edit", args=[post.pk])
    for who in (cast.manager, cast.cdo, cast.outsider):
        assert login(who).post(url, {"title": "Hacked", "body": "Hacked"}).status_code == 404
    post.refresh_from_db()
    assert post.body == "Original" and post.edited_at is None
    response = login(cast.employee).post(url, {"title": "Sharing a calendar", "body": "Changed"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Changed" and post.edited_at is not None
    assert Thread.objects.get().title == "Sharing a calendar"
    with pytest.raises(services.CircleRefused, match="only change your own"):
        services.post_edit(post=post, editor=cast.manager, body="Hacked")
