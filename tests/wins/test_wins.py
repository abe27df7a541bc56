"""Small wins: posting (with a checked picture), kudos once per colleague and never to
oneself, featuring announced once, the feed's filters, the dashboard counts, and the
abuse rules (rate limit, picture type and size, harmless Markdown, only the author edits)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from acculture.events import Event, event_published
from acculture.frameworks.models import Competence, Domain, Framework
from acculture.people.models import Person, Site, Unit
from acculture.wins import services
from acculture.wins.images import MAX_IMAGE_BYTES
from acculture.wins.models import Kudos, Win, WinImage
from acculture.wins.selectors import win_counts, wins_feed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture
def competences(db):
    framework = Framework.objects.create(code="crcn", version="1", name_fr="C", name_en="C", is_default=True)
    domain = Domain.objects.create(framework=framework, code="2", name_fr="D", name_en="D")
    return {
        code: Competence.objects.create(
            framework=framework, domain=domain, code=code, name_fr=code, name_en=name
        )
        for code, name in (("2.1", "Interacting"), ("2.4", "Collaborating"))
    }


def post(cast, who=None, title="Shared calendar", **extra):
    return services.win_post(author=who or cast.employee, title=title, before="We phoned.", after="One calendar.",
                             **extra)  # fmt: skip


def form(title="Shared calendar", **extra):
    return {"title": title, "before": "We phoned.", "after": "One calendar.", "minutes_saved_per_week": "30",
            **extra}  # fmt: skip


def test_anyone_posts_a_win_with_a_picture_and_colleagues_see_it(cast, login, competences):
    client = login(cast.manager)
    response = client.post(reverse("wins:create"), form(
        competences=[competences["2.4"].pk], image=SimpleUploadedFile("shot.png", PNG, "image/png"),
    ))  # fmt: skip
    win = Win.objects.get()
    assert response["Location"] == reverse("wins:detail", args=[win.pk])
    assert (win.author, win.minutes_saved_per_week) == (cast.manager, 30)
    assert list(win.competences.values_list("code", flat=True)) == ["2.4"]
    picture = login(cast.employee).get(reverse("wins:image", args=[win.pk]))
    assert picture["Content-Type"] == "image/png" and picture.content == PNG
    page = login(cast.employee).get(reverse("wins:detail", args=[win.pk])).content.decode()
    assert "Saves about 30 minutes a week." in page and reverse("wins:image", args=[win.pk]) in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.png", b"<html><script>alert(1)</script></html>", "must be a PNG, JPEG, GIF or WebP"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "must be a PNG"),
        ("huge.png", PNG + b"\x00" * MAX_IMAGE_BYTES, "too big"),
    ],
)
def test_a_picture_that_is_not_an_image_or_too_big_is_refused_and_nothing_is_written(
    cast, login, name, data, message
):
    response = login(cast.employee).post(
        reverse("wins:create"), form(image=SimpleUploadedFile(name, data, "image/png"))
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Win.objects.exists() and not WinImage.objects.exists()


def test_the_picture_type_comes_from_its_bytes_not_its_name(cast):
    win = post(cast, image=JPEG)
    assert win.image.content_type == "image/jpeg"
    other = post(cast, title="Second", image=WEBP)
    assert other.image.content_type == "image/webp"
    with pytest.raises(services.WinRefused):
        post(cast, title="Script", image=b"GIF8 not really")
    assert Win.objects.count() == 2  # the refused post left nothing behind


def test_kudos_count_once_per_colleague_and_never_for_ones_own_win(cast):
    win = post(cast)
    assert services.kudos_give(win=win, person=cast.manager) is True
    assert services.kudos_give(win=win, person=cast.manager) is False
    with pytest.raises(services.WinRefused, match="your own small win"):
        services.kudos_give(win=win, person=cast.employee)
    with pytest.raises(services.WinRefused, match="not from your organisation"):
        services.kudos_give(win=win, person=cast.outsider)
    assert Kudos.objects.filter(win=win).count() == 1


def test_kudos_from_the_page_twice_count_once(cast, login):
    win = post(cast)
    client = login(cast.champion)
    for _ in range(2):
        client.post(reverse("wins:kudos", args=[win.pk]), {"action": "give"})
    assert Kudos.objects.filter(win=win).count() == 1
    assert "Withdraw my kudos" in client.get(reverse("wins:detail", args=[win.pk])).content.decode()


def test_the_cdo_features_a_win_and_it_is_announced_once(cast, login, django_capture_on_commit_callbacks):
    heard = []
    event_published.connect(lambda sender, **kw: heard.append(kw), dispatch_uid="wins-heard", weak=False)
    try:
        win = post(cast)
        client = login(cast.cdo)
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(2):
                client.post(reverse("wins:feature", args=[win.pk]), {"action": "feature"})
    finally:
        event_published.disconnect(dispatch_uid="wins-heard")
    win.refresh_from_db()
    assert win.is_featured and win.featured_by == cast.cdo.user
    assert [h["event"] for h in heard] == [Event.WIN_FEATURED]
    assert "Shared calendar" in heard[0]["title"] and "Employee" not in str(heard[0]["data"])


def test_only_the_cdo_may_feature(cast, login):
    win = post(cast)
    assert login(cast.champion).post(reverse("wins:feature", args=[win.pk])).status_code == 403
    assert login(cast.outsider).post(reverse("wins:feature", args=[win.pk])).status_code == 404
    win.refresh_from_db()
    assert not win.is_featured


def test_only_the_author_changes_a_win(cast, login):
    win = post(cast)
    response = login(cast.manager).post(reverse("wins:edit", args=[win.pk]), form(title="Hijacked"))
    assert response.status_code == 403
    with pytest.raises(services.WinRefused, match="Only the person who posted"):
        services.win_edit(win=win, editor=cast.manager, title="Hijacked", before="b", after="a",
                          minutes_saved_per_week=0, competences=[])  # fmt: skip
    response = login(cast.employee).post(reverse("wins:edit", args=[win.pk]), form(title="Even better"))
    assert response.status_code == 302
    win.refresh_from_db()
    assert win.title == "Even better"


def test_posting_is_limited_per_day(cast, login):
    for i in range(services.WINS_PER_DAY):
        post(cast, title=f"Win {i}")
    response = login(cast.employee).post(reverse("wins:create"), form(title="One too many"))
    assert response.status_code == 400 and "Please wait" in response.content.decode()
    assert Win.objects.count() == services.WINS_PER_DAY
    post(cast, who=cast.manager, title="Someone else may still post")


def test_script_in_a_win_is_rendered_harmless(cast, login):
    win = services.win_post(author=cast.employee, title="<b>Bold</b> title",
                            before="<script>alert(1)</script>", after="[x](javascript:alert(2)) **done**")  # fmt: skip
    page = login(cast.manager).get(reverse("wins:detail", args=[win.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript:' not in page and "<strong>done</strong>" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in page


def test_the_feed_filters_by_competence_unit_branch_site_and_featured(cast, competences):
    top = Unit.objects.create(organisation=cast.org, name="DSI", path="DSI")
    below = Unit.objects.create(
        organisation=cast.org, name="Bureau", path="DSI / Bureau", parent=top, depth=1
    )
    lyon = Site.objects.create(organisation=cast.org, name="Lyon")
    Person.objects.filter(pk=cast.employee.pk).update(unit=below, site=lyon)
    cast.employee.refresh_from_db()
    in_branch = post(cast, title="In the branch", competences=[competences["2.1"]])
    elsewhere = post(cast, who=cast.manager, title="Elsewhere", competences=[competences["2.4"]])
    services.win_feature(win=elsewhere, by=cast.cdo.user)

    def titles(**filters):
        return [w.title for w in wins_feed(cast.org, **filters)]

    assert titles() == ["Elsewhere", "In the branch"]
    assert titles(competence="2.1") == ["In the branch"]
    assert titles(unit=top) == ["In the branch"]
    assert titles(site_id=lyon.pk) == ["In the branch"]
    assert titles(featured=True) == ["Elsewhere"]
    assert [w.title for w in wins_feed(cast.other_org)] == []
    assert in_branch.unit == below  # kept even if the author moves later


def test_the_feed_page_filters_and_needs_a_fixed_number_of_queries(
    cast, login, competences, django_assert_max_num_queries
):
    for i in range(4):
        post(cast, who=cast.manager if i % 2 else cast.employee, title=f"Win {i}",
             competences=[competences["2.4"]])  # fmt: skip
    client = login(cast.hr)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("wins:index") + "?competence=2.4").content.decode()
    assert page.count("<article") == 4


def test_the_counts_for_the_dashboard(cast):
    old = post(cast, title="Old", minutes_saved_per_week=10)
    Win.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    new = post(cast, who=cast.manager, title="New", minutes_saved_per_week=25)
    services.kudos_give(win=new, person=cast.employee)
    services.win_feature(win=new, by=cast.cdo.user)
    assert win_counts(cast.org) == {
        "wins": 2,
        "featured": 1,
        "people": 2,
        "minutes_saved_per_week": 35,
        "kudos": 1,
    }
    recent = win_counts(cast.org, since=timezone.now() - timedelta(days=7))
    assert (recent["wins"], recent["minutes_saved_per_week"], recent["kudos"]) == (1, 25, 1)
    assert win_counts(cast.other_org)["wins"] == 0


def test_the_api_lists_the_feed(cast, login, competences):
    post(cast, competences=[competences["2.1"]])
    found = login(cast.hr).get("/api/v1/wins/").json()
    assert [(w["title"], w["competences"], w["kudos"]) for w in found] == [("Shared calendar", ["2.1"], 0)]
    assert login(cast.outsider).get("/api/v1/wins/").json() == []
