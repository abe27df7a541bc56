"""The community, tried as a new user would: a champion's proposal goes to leadership,
a colleague supports it, leadership adopts it with an answer every member of staff reads;
a small win is shared, cheered and featured, and the chat webhooks carry it to a local
receiver in the Discord, Slack and Teams formats."""

import pytest
from django.core.management import call_command

from acculture.proposals.models import Proposal
from acculture.webhooks.models import Endpoint
from acculture.wins.models import Kudos, Win
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.webhooks import receiver as local

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def receiver():
    found = local.start()
    yield found
    found.server.shutdown()
    found.server.server_close()


def warm_up(page):
    """The live server's first page loads every module and template; on a busy machine
    that alone can pass the 10-second step timeout, so it gets more once."""
    page.goto("/login/", timeout=60_000)


def test_a_proposal_is_adopted_with_an_answer_that_staff_read(new_page, cast):
    champion = new_page(language="en")
    warm_up(champion)
    sign_in(champion, cast.champion.email, PASSWORD)
    champion.get_by_role("link", name="Write a proposal").click()
    champion.get_by_label("Title").fill("Sign leave requests online")
    champion.get_by_label("What is the problem today?").fill("Paper forms get lost between offices.")
    champion.get_by_label("What do you propose?").fill("Use the **e-signature** tool we already pay for.")
    champion.get_by_role("button", name="Send to leadership").click()
    champion.wait_for_url("**/proposals/*/")
    assert "Your proposal is sent to leadership" in champion.locator(".messages").inner_text()
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.author_id) == ("submitted", cast.champion.pk)

    colleague = new_page(language="en")
    sign_in(colleague, cast.employee.email, PASSWORD)
    colleague.get_by_role("link", name="See the proposals and the answers").click()
    colleague.get_by_role("link", name="Sign leave requests online").click()
    colleague.get_by_role("button", name="I support this proposal").click()
    assert "1 colleague supports it." in colleague.locator("main").inner_text()

    leader = new_page(language="en")
    sign_in(leader, cast.cdo.email, PASSWORD)
    leader.goto(f"/proposals/{proposal.pk}/")
    leader.get_by_label("Adopted").check()
    leader.get_by_label("Leadership's answer").fill("Adopted: every unit signs leave online from May.")
    leader.get_by_role("button", name="Save the decision").click()
    assert "The decision is saved" in leader.locator(".messages").inner_text()
    proposal.refresh_from_db()
    assert proposal.status == "adopted"

    colleague.reload()
    text = colleague.locator("main").inner_text()
    assert "Adopted: every unit signs leave online from May." in text
    assert "I support this proposal" not in text  # support closes once answered


def test_a_small_win_is_cheered_featured_and_reaches_the_chat_channels(new_page, cast, receiver):
    leader = new_page(language="en")
    warm_up(leader)
    sign_in(leader, cast.cdo.email, PASSWORD)
    leader.get_by_role("link", name="Set up the chat webhooks").click()
    leader.get_by_role("link", name="Add a webhook").click()
    leader.get_by_label("Name").fill("Champions on Teams")
    leader.get_by_label("Microsoft Teams (Workflows, Adaptive Card)").check()
    leader.get_by_label("Webhook address").fill(receiver.url("/teams"))
    leader.get_by_label("A small win is featured").check()
    leader.get_by_role("button", name="Save the webhook").click()
    assert leader.locator("h1").inner_text() == "Champions on Teams"
    for format in ("discord", "slack"):
        Endpoint.objects.create(organisation=cast.org, name=format, format=format, url=receiver.url(f"/{format}"),
                                events=["win.featured"])  # fmt: skip

    author = new_page(language="en")
    sign_in(author, cast.employee.email, PASSWORD)
    author.get_by_role("link", name="Share a small win").click()
    author.get_by_label("What did you do?").fill("I share the team's calendar online")
    author.get_by_label("How was it before?").fill("We phoned each other to find a free slot.")
    author.get_by_label("How is it now?").fill("Everyone sees the **free slots** at a glance.")
    author.get_by_label("About how many minutes does it save each week?").fill("45")
    author.get_by_label("A picture (optional)").set_input_files(
        {"name": "calendar.png", "mimeType": "image/png", "buffer": PNG}
    )
    author.get_by_role("button", name="Share it").click()
    author.wait_for_url("**/wins/*/")
    win = Win.objects.get()
    assert win.image.content_type == "image/png"

    colleague = new_page(language="en")
    sign_in(colleague, cast.manager.email, PASSWORD)
    colleague.get_by_role("link", name="Read colleagues' small wins").click()
    colleague.get_by_role("link", name="I share the team's calendar online").click()
    colleague.get_by_role("button", name="Give kudos").click()
    assert Kudos.objects.filter(win=win, person=cast.manager).exists()

    leader.goto(f"/wins/{win.pk}/")
    leader.get_by_role("button", name="Feature this small win").click()
    assert "The small win is featured" in leader.locator(".messages").inner_text()
    assert receiver.requests == []  # the action did not wait for the chat services

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    got = {r.path.strip("/"): r.json() for r in receiver.requests}
    assert sorted(got) == ["discord", "slack", "teams"]
    assert "I share the team's calendar online" in got["discord"]["content"]
    assert f"/wins/{win.pk}/" in got["slack"]["blocks"][0]["text"]["text"]
    card = got["teams"]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "I share the team's calendar online" in card["content"]["body"][0]["text"]

    leader.goto("/webhooks/")
    leader.get_by_role("link", name="Champions on Teams").click()
    assert "Delivered (200)" in leader.locator("main").inner_text()
