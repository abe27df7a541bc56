"""The shadow committee's pages: champions write, everyone reads and supports, leadership
decides, and every decision is visible to staff."""

from django.urls import reverse

from acculture.proposals import services
from acculture.proposals.models import Proposal


def submit(cast):
    return services.proposal_submit(author=cast.champion, title="Sign leave requests online",
                                    problem="Paper forms get lost.", proposal="Use the e-signature tool.")  # fmt: skip


def test_a_champion_writes_a_proposal_and_a_form_error_says_how_to_fix_it(cast, login):
    client = login(cast.champion)
    response = client.post(reverse("proposals:create"), {"title": "", "problem": "P", "proposal": "Q"})
    assert response.status_code == 400 and "Enter a title" in response.content.decode()
    assert not Proposal.objects.exists()
    response = client.post(reverse("proposals:create"), {"title": "T", "problem": "P", "proposal": "Q"})
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    assert proposal.author == cast.champion


def test_leadership_answers_on_the_page_and_every_member_of_staff_reads_the_answer(cast, login):
    proposal = submit(cast)
    client = login(cast.cdo)
    response = client.post(reverse("proposals:decide", args=[proposal.pk]), {"status": "adopted", "note": ""})
    assert response.status_code == 400 and "Write leadership" in response.content.decode()
    client.post(reverse("proposals:decide", args=[proposal.pk]),
                {"status": "adopted", "note": "Adopted: every unit from May."})  # fmt: skip
    # The form sent again (back button, double click) changes nothing.
    response = client.post(
        reverse("proposals:decide", args=[proposal.pk]), {"status": "adopted", "note": "Again"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.answer == "Adopted: every unit from May." and proposal.steps.count() == 2
    page = login(cast.employee).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Adopted: every unit from May." in page and "Chief Digital Officer" not in page
    assert "Cdo Person" in page  # who decided is part of the public record
    listing = login(cast.facilitator).get(reverse("proposals:index") + "?status=adopted").content.decode()
    assert "Sign leave requests online" in listing


def test_an_employee_cannot_decide_and_another_organisation_cannot_support(cast, login):
    proposal = submit(cast)
    response = login(cast.employee).post(reverse("proposals:decide", args=[proposal.pk]),
                                         {"status": "declined", "note": "No"})  # fmt: skip
    assert response.status_code == 403
    response = login(cast.outsider).post(reverse("proposals:support", args=[proposal.pk]))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and not proposal.supports.exists()


def test_a_colleague_supports_from_the_page_and_sees_it_counted(cast, login):
    proposal = submit(cast)
    client = login(cast.employee)
    client.post(reverse("proposals:support", args=[proposal.pk]), {"action": "support"})
    client.post(reverse("proposals:support", args=[proposal.pk]), {"action": "support"})
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "1 colleague supports it." in page and "Withdraw my support" in page


def test_a_colleague_cannot_open_the_edit_page_of_someone_elses_proposal(cast, login):
    proposal = submit(cast)
    response = login(cast.employee).post(reverse("proposals:edit", args=[proposal.pk]),
                                         {"title": "Hijacked", "problem": "x", "proposal": "y"})  # fmt: skip
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "Sign leave requests online"


def test_script_in_a_proposal_is_shown_as_harmless_text(cast, login):
    proposal = services.proposal_submit(
        author=cast.champion, title="<script>alert(1)</script>",
        problem='<img src=x onerror="alert(2)"> and [link](javascript:alert(3))', proposal="**Bold**",
    )  # fmt: skip
    page = login(cast.employee).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page  # shown as text, never an element
    assert 'href="javascript:' not in page and "<strong>Bold</strong>" in page


def test_the_list_page_needs_a_fixed_number_of_queries(cast, login, django_assert_max_num_queries):
    for i in range(3):
        services.proposal_submit(author=cast.champion, title=f"Idea {i}", problem="P", proposal="Q")
    client = login(cast.employee)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("proposals:index")).status_code == 200


def test_the_api_lists_the_proposals_with_the_answers(cast, login):
    proposal = submit(cast)
    services.proposal_move(proposal=proposal, by=cast.cdo, status="declined", note="Not now.")
    found = login(cast.employee).get("/api/v1/proposals/").json()
    assert [(p["title"], p["status"], p["answer"]) for p in found] == [
        ("Sign leave requests online", "declined", "Not now.")
    ]
    assert login(cast.outsider).get("/api/v1/proposals/").json() == []


def test_the_list_is_paged_and_the_filter_follows_the_pages(cast, login):
    from acculture.proposals.models import Proposal
    from acculture.proposals.views import PAGE_SIZE

    Proposal.objects.bulk_create([
        Proposal(organisation=cast.org, author=cast.champion, title=f"Idea {i:02}", problem="P", proposal="Q",
                 answer_due_on="2030-01-01")
        for i in range(PAGE_SIZE + 2)
    ])  # fmt: skip
    client = login(cast.employee)
    first = client.get(reverse("proposals:index") + "?status=submitted").content.decode()
    assert first.count("/proposals/") - first.count("/proposals/new/") >= PAGE_SIZE
    assert "?status=submitted&amp;page=2" in first
    second = client.get(reverse("proposals:index") + "?status=submitted&page=2").content.decode()
    assert "Page 2 of 2" in second
