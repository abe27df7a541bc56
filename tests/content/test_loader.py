import pytest

from acculture.content.loader import ContentRejected, content_load
from acculture.content.models import Item, ItemStatusChange, Tutorial
from acculture.frameworks.models import Framework
from tests.content_bank import short, single, write_items


def test_loading_twice_changes_nothing_the_second_time(db, bank):
    first = content_load(root=bank)
    assert first.items.added == 4 and first.tutorials.added == 1 and first.frameworks.added == 3
    hashes = dict(Item.objects.values_list("code", "content_hash"))
    second = content_load(root=bank)
    assert second.changes == 0
    assert second.items.unchanged == 4
    assert dict(Item.objects.values_list("code", "content_hash")) == hashes
    assert ItemStatusChange.objects.count() == 4  # one "added as live" per item, none more


def test_a_changed_item_updates_only_that_item(db, bank):
    content_load(root=bank)
    before = dict(Item.objects.values_list("code", "updated_at"))
    items = [single(), short(level=5)]
    write_items(bank, "1.1-search.yaml", items)
    write_items(bank, "1.1-more.yaml", [])
    report = content_load(root=bank)
    assert report.items.updated == 1 and report.items.unchanged == 1 and report.items.retired == 2
    after = dict(Item.objects.values_list("code", "updated_at"))
    assert after["1.1-search-001"] == before["1.1-search-001"]
    assert Item.objects.get(code="1.1-search-003").level == 5


def test_a_changed_attachment_file_counts_as_a_change_of_its_item(db, bank):
    content_load(root=bank)
    (bank / "attachments" / "1.1" / "page.html").write_text("<h1>Autre</h1>", encoding="utf-8")
    report = content_load(root=bank)
    assert report.items.updated == 1


def test_an_item_removed_from_the_files_is_retired_not_deleted(db, bank):
    content_load(root=bank)
    write_items(bank, "1.1-search.yaml", [single()])
    report = content_load(root=bank)
    assert report.items.retired == 3
    item = Item.objects.get(code="1.1-search-003")
    assert item.status == Item.Status.RETIRED
    change = item.status_changes.first()
    assert (change.from_status, change.to_status, change.by) == ("live", "retired", None)
    assert "no longer in the files" in change.note
    assert content_load(root=bank).changes == 0


def test_the_loaded_item_keeps_what_scoring_and_preview_need(db, bank):
    content_load(root=bank)
    item = Item.objects.get(code="1.1-search-003")
    assert item.competence.code == "1.1" and item.competence.framework.code == "crcn"
    assert item.answer["accepted"]["fr"] == ["Télétravail"]
    assert item.attachment == "1.1/page.html" and item.attachment_title_en == "The page"
    assert item.for_certification and not item.for_pretest
    assert list(item.tutorials.values_list("code", flat=True)) == ["tut-1.1-search"]
    assert item.review["reviewer"] == "reader-b"
    assert Framework.objects.get(is_default=True).code == "crcn"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([single(key=["z"])], "1.1-search-001: key: 'z' is not among the choices"),
        ([single(stem={"fr": "Question ?"})], "1.1-search-001: stem.en: missing English text"),
        ([single(tutorials=["tut-x"])], "1.1-search-001: tutorials: no tutorial 'tut-x'"),
    ],
)
def test_a_malformed_file_is_rejected_and_nothing_is_loaded(db, bank, items, expected):
    write_items(bank, "1.1-bad.yaml", [{**i, "code": "1.1-bad-001"} for i in items] + items)
    with pytest.raises(ContentRejected) as exc:
        content_load(root=bank)
    messages = [str(p) for p in exc.value.report.errors]
    assert any(
        "1.1-bad.yaml" in m and expected.replace("1.1-search-001", "1.1-bad-001") in m for m in messages
    )
    assert not Item.objects.exists() and not Tutorial.objects.exists()


def test_unreviewed_live_items_can_be_loaded_as_drafts_when_asked(db, bank):
    item = single("1.1-new-001", stem={"fr": "Une autre question", "en": "Another question"})
    del item["review"]
    write_items(bank, "1.1-new.yaml", [item])
    with pytest.raises(ContentRejected):
        content_load(root=bank)
    content_load(root=bank, unreviewed_as_draft=True)
    loaded = Item.objects.get(code="1.1-new-001")
    assert loaded.status == Item.Status.DRAFT
    assert "review is incomplete" in loaded.status_changes.get().note


def test_a_directory_without_items_is_refused_rather_than_retiring_everything(db, bank, tmp_path):
    content_load(root=bank)
    with pytest.raises(ContentRejected, match="1 error"):
        content_load(root=tmp_path / "nowhere")
    assert not Item.objects.filter(status=Item.Status.RETIRED).exists()
