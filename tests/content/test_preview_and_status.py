import pytest
from django.urls import reverse

from acculture.content.loader import content_load
from acculture.content.models import Item, ItemStatusChange
from acculture.content.services import ItemStatusError, item_status_change


@pytest.fixture
def loaded(db, bank, settings):
    settings.CONTENT_DIR = bank
    content_load(root=bank)
    return bank


def test_item_preview_walks_the_permission_ladder(client, login, cast, loaded):
    url = reverse("content:item-preview", args=["1.1-search-001"])
    assert client.get(url).status_code == 302  # anonymous → login
    login(cast.employee)
    assert client.get(url).status_code == 403
    login(cast.hr)
    assert client.get(url).status_code == 403
    login(cast.cdo)
    assert client.get(url).status_code == 200
    # Items are global, not an organisation's: another organisation's CDO reviews the
    # same bank, so they may preview it too.
    login(cast.outsider)
    assert client.get(url).status_code == 200
    login(cast.admin)  # the platform admin has no staff record, and still may
    assert client.get(url).status_code == 200


def test_the_preview_shows_the_question_as_a_candidate_sees_it_in_each_language(client, login, cast, loaded):
    login(cast.cdo)
    url = reverse("content:item-preview", args=["1.1-search-003"])
    page = client.get(url, {"lang": "fr"}).content.decode()
    assert "Ouvrez la page jointe. Quel est le titre ?" in page
    assert 'href="/content/attachments/1.1/page.html"' in page and "La page" in page
    assert (
        page.index('name="answer"')
        < page.index("shown after answering")
        < page.index("Les guillemets gardent")
    )
    english = client.get(url, {"lang": "en"}).content.decode()
    assert "Open the attached page. What is its title?" in english and "The page" in english


def test_the_preview_scores_a_tried_answer_without_recording_it(client, login, cast, loaded):
    login(cast.cdo)
    url = reverse("content:item-preview", args=["1.1-search-002"])
    assert (
        "scored right" in client.get(url, {"lang": "en", "check": "1", "answer": ["c", "a"]}).content.decode()
    )
    assert "scored wrong" in client.get(url, {"lang": "en", "check": "1", "answer": ["a"]}).content.decode()
    assert "scored wrong" in client.get(url, {"lang": "en", "dont_know": "1"}).content.decode()


def test_a_status_change_records_who_and_when(client, login, cast, loaded):
    login(cast.cdo)
    url = reverse("content:item-status", args=["1.1-search-001"])
    assert client.get(url).status_code == 405  # POST only
    response = client.post(url, {"to": "retired", "note": "Key disputed"})
    assert response.status_code == 302
    item = Item.objects.get(code="1.1-search-001")
    assert item.status == Item.Status.RETIRED
    assert item.status_changed_by == cast.cdo.user and item.status_changed_at is not None
    change = item.status_changes.first()
    assert (change.from_status, change.to_status, change.by, change.note) == (
        "live",
        "retired",
        cast.cdo.user,
        "Key disputed",
    )


def test_an_employee_cannot_change_a_status(client, login, cast, loaded):
    login(cast.employee)
    response = client.post(reverse("content:item-status", args=["1.1-search-001"]), {"to": "retired"})
    assert response.status_code == 403
    assert Item.objects.get(code="1.1-search-001").status == Item.Status.LIVE


def test_an_item_without_a_complete_review_cannot_go_live(loaded, cast):
    item = Item.objects.get(code="1.1-search-001")
    item.status, item.review, item.reviewer = Item.Status.DRAFT, {}, ""
    item.save()
    with pytest.raises(ItemStatusError, match="no second reading"):
        item_status_change(item=item, to=Item.Status.LIVE, by=cast.admin)
    item.review = {"reviewer": "writer-a", "checked": ["key", "distractors", "fr_en", "level"]}
    item.save()
    with pytest.raises(ItemStatusError, match="reviewer is its author"):
        item_status_change(item=item, to=Item.Status.LIVE, by=cast.admin)
    item.review["reviewer"] = "reader-b"
    item.save()
    item_status_change(item=item, to=Item.Status.LIVE, by=cast.admin)
    assert Item.objects.get(pk=item.pk).status == Item.Status.LIVE


def test_a_live_item_is_retired_rather_than_sent_back_to_draft(loaded, cast):
    item = Item.objects.get(code="1.1-search-001")
    with pytest.raises(ItemStatusError, match="cannot become draft"):
        item_status_change(item=item, to=Item.Status.DRAFT, by=cast.admin)
    assert not ItemStatusChange.objects.filter(by=cast.admin).exists()


def test_the_admin_action_refuses_to_publish_an_unreviewed_item_with_a_clear_message(
    client, login, cast, loaded
):
    Item.objects.filter(code="1.1-search-001").update(status=Item.Status.DRAFT, review={}, reviewer="")
    login(cast.admin)
    pk = Item.objects.get(code="1.1-search-001").pk
    response = client.post(
        reverse("admin:content_item_changelist"),
        {"action": "move_to_live", "_selected_action": [pk]},
        follow=True,
    )
    assert "cannot go live" in response.content.decode()
    assert Item.objects.get(pk=pk).status == Item.Status.DRAFT


def test_the_admin_lists_and_filters_items(client, login, cast, loaded):
    login(cast.admin)
    page = client.get(
        reverse("admin:content_item_changelist"), {"type__exact": "short", "q": "page"}
    ).content.decode()
    assert "1.1-search-003" in page and "1.1-search-001" not in page


def test_an_attachment_is_served_with_its_type_and_as_a_download(client, login, cast, loaded):
    url = reverse("content:attachment", args=["1.1/page.html"])
    assert client.get(url).status_code == 302  # anonymous
    login(cast.employee)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="page.html"')
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).decode() == "<h1>Télétravail</h1>"


@pytest.mark.parametrize(
    "path",
    [
        "1.1/unused.txt",
        "../items/1.1-search.yaml",
        "1.1/../../items/1.1-search.yaml",
        "%2e%2e/items/1.1-search.yaml",
        "/etc/passwd",
    ],
)
def test_only_files_named_by_an_item_are_served(client, login, cast, loaded, path):
    (loaded / "attachments" / "1.1" / "unused.txt").write_text("secret")
    login(cast.cdo)
    assert client.get("/content/attachments/" + path).status_code == 404


def test_a_retired_items_attachment_is_for_reviewers_only(client, login, cast, loaded):
    Item.objects.filter(attachment="1.1/page.html").update(status=Item.Status.RETIRED)
    url = reverse("content:attachment", args=["1.1/page.html"])
    login(cast.employee)
    assert client.get(url).status_code == 404
    login(cast.cdo)
    assert client.get(url).status_code == 200
