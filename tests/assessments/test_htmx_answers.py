"""With htmx, an answer's response already holds what comes next (the explanation in
practice, the next question in a campaign): one request fewer per answer, the same
records, and the address bar always shows a page that a reload can show again."""

from django.urls import reverse

from acculture.assessments.models import Assessment, Response
from tests.assessments.conftest import right_answer
from tests.assessments.test_taking import answer_page, start

HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx_answer(client, assessment, **data):
    assessment.refresh_from_db()
    item = assessment.current_item
    payload = {"position": assessment.current_position, "item": item.code, **(data or right_answer(item))}
    return client.post(reverse("assessments:question", args=[assessment.pk]), payload, **HTMX)


def test_in_practice_the_answer_responds_with_its_explanation_and_pushes_its_address(
    client, login, cast, bank
):
    login(cast.employee)
    assessment = start(client)
    item = assessment.current_item
    response = htmx_answer(client, assessment)
    page = response.content.decode()
    assert response.status_code == 200
    feedback = reverse("assessments:feedback", args=[assessment.pk, 1])
    assert response["HX-Push-Url"] == feedback
    assert page.lstrip().startswith("<title>Answer to question 1 — Acculture</title>")  # htmx reads it
    assert 'id="question-area"' in page and "<html" not in page  # only the area is sent
    assert "Right answer" in page and item.explanation_en in page
    assert f'hx-get="{reverse("assessments:question", args=[assessment.pk])}"' in page
    assert Response.objects.filter(assessment=assessment).count() == 1
    # The pushed address shows the same explanation as a whole page (a reload, the back button).
    reloaded = client.get(feedback).content.decode()
    assert "<html" in reloaded and item.explanation_en in reloaded


def test_in_a_campaign_the_answer_responds_with_the_next_question(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    Assessment.objects.filter(pk=assessment.pk).update(mode=Assessment.Mode.CAMPAIGN)
    first = assessment.current_item
    response = htmx_answer(client, assessment)
    page = response.content.decode()
    assessment.refresh_from_db()
    assert response.status_code == 200
    assert "HX-Push-Url" not in response  # the form pushes the question's own address
    assert "<title>Question 2 — Acculture</title>" in page and "<html" not in page
    assert assessment.current_position == 2 and assessment.current_item != first
    assert f'name="item" value="{assessment.current_item.code}"' in page
    assert Response.objects.filter(assessment=assessment).count() == 1


def test_a_replayed_htmx_answer_records_nothing_twice_and_shows_where_the_person_is(
    client, login, cast, bank
):
    login(cast.employee)
    assessment = start(client)
    Assessment.objects.filter(pk=assessment.pk).update(mode=Assessment.Mode.CAMPAIGN)
    assessment.refresh_from_db()
    item = assessment.current_item
    payload = {"position": 1, "item": item.code, **right_answer(item)}
    url = reverse("assessments:question", args=[assessment.pk])
    first = client.post(url, payload, **HTMX).content.decode()
    again = client.post(url, payload, **HTMX).content.decode()
    assessment.refresh_from_db()
    assert Response.objects.filter(assessment=assessment).count() == 1
    assert assessment.current_position == 2
    code = f'name="item" value="{assessment.current_item.code}"'
    assert code in first and code in again  # the same request gets the same next question


def test_without_htmx_an_answer_still_redirects_to_a_page_of_its_own(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    response = answer_page(client, assessment)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:feedback", args=[assessment.pk, 1])
    question = client.get(reverse("assessments:question", args=[assessment.pk])).content.decode()
    assert "<title>Question 2 — Acculture</title>" in question and question.count("<title>") == 1
