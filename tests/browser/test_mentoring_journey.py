"""Issue 10, done when: the CDO opens a programme, 20 mentors and 15 mentees enrol (two of
them in the browser), matching proposes pairs with reasons that keep every hard rule,
the CDO publishes, a pair accepts and logs two meetings, and the learning time appears
for both."""

from datetime import timedelta

from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.mentoring import matching, services
from acculture.mentoring.cohorts import cohort_build
from acculture.mentoring.models import SLOTS, Enrolment, Pair, Programme
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_person
from tests.mentoring.factories import CODES, give_result, make_framework


def cohort(cast, framework):
    """17 more mentors (staff) and 14 more leaders, some of them reporting to others."""
    mentors = [make_person(cast.org, f"MT{n:02d}", f"Mentor{n}", "Staff", account=False) for n in range(17)]
    director = make_person(cast.org, "LD00", "Leader0", "Boss", level="executive")
    leaders = [director]
    for n in range(1, 14):
        level = "senior_manager" if n < 5 else "middle_manager"
        leaders.append(
            make_person(cast.org, f"LD{n:02d}", f"Leader{n}", "Boss", level=level, manager=director)
        )
    # Two mentors work under leaders: matching must keep them apart.
    for mentor, leader in ((mentors[0], leaders[5]), (mentors[1], director)):
        mentor.manager = leader
        mentor.save(update_fields=["manager"])
    for n, person in enumerate([*mentors, cast.employee]):
        give_result(person, framework, {code: 5.0 + (n + k) % 4 for k, code in enumerate(CODES)})
    for n, person in enumerate(leaders):
        give_result(person, framework, {code: 1.0 + (n + k) % 3 for k, code in enumerate(CODES)})
    return mentors, leaders


def test_a_programme_runs_from_enrolment_to_two_meetings_counted_for_both(new_page, cast):
    framework = make_framework(default=True)
    mentors, leaders = cohort(cast, framework)
    today = timezone.localdate()

    cdo = new_page(language="en")
    sign_in(cdo, cast.cdo.email, PASSWORD)
    cdo.get_by_role("link", name="Manage the mentoring programmes").click()
    cdo.get_by_role("link", name="Prepare a new programme").click()
    cdo.get_by_label("Title").fill("Autumn cohort")
    cdo.get_by_label("Enrolment closes on").fill((today + timedelta(days=7)).isoformat())
    cdo.get_by_label("Pairs start on").fill((today + timedelta(days=7)).isoformat())
    cdo.get_by_label("Programme ends on").fill((today + timedelta(days=180)).isoformat())
    cdo.get_by_label("Confidentiality charter").fill("What is said in a meeting stays there.")
    cdo.get_by_role("button", name="Save").click()
    cdo.get_by_role("button", name="Open enrolment").click()
    programme = Programme.objects.get(title="Autumn cohort")
    assert programme.status == "open"

    # Emma enrols as a mentor in the browser …
    emma = new_page(language="en")
    sign_in(emma, cast.employee.email, PASSWORD)
    emma.get_by_role("link", name="Go to my mentoring").click()
    emma.get_by_role("link", name="Enrol as a mentor — Autumn cohort").click()
    emma.get_by_label("1.1 Skill 1.1").check()
    emma.get_by_label("2.1 Skill 2.1").check()
    emma.get_by_label("Monday morning").check()
    emma.get_by_label("Thursday afternoon").check()
    emma.get_by_label("Online").check()
    emma.get_by_label("How many people can you mentor?").fill("1")
    emma.get_by_role("button", name="Enrol").click()
    emma.wait_for_url("**/mentoring/")

    # … and a leader enrols to be mentored.
    leader = leaders[3]
    mentee = new_page(language="en")
    sign_in(mentee, leader.email, PASSWORD)
    mentee.get_by_role("link", name="Go to my mentoring").click()
    mentee.get_by_role("link", name="Enrol to be mentored — Autumn cohort").click()
    mentee.get_by_label("2.1 Skill 2.1").check()
    mentee.get_by_label("In your own words").fill("Share documents with my team without e-mail.")
    mentee.get_by_label("Monday morning").check()
    mentee.get_by_label("Thursday afternoon").check()
    mentee.get_by_label("Online").check()
    mentee.get_by_role("button", name="Enrol").click()
    mentee.wait_for_url("**/mentoring/")

    # The others enrol through the service the pages use (Marc, the cast's manager, too).
    for n, person in enumerate([*mentors, cast.facilitator, cast.champion]):
        if person in (cast.facilitator, cast.champion):
            give_result(person, framework, {code: 6.0 for code in CODES})
        services.enrolment_save(programme=programme, person=person, role="mentor", competences=[CODES[n % 4]],
                                slots=SLOTS[n % 10: n % 10 + 3], languages=["fr"], capacity=1 + n % 2)  # fmt: skip
    for n, person in enumerate(p for p in leaders if p != leader):
        services.enrolment_save(programme=programme, person=person, role="mentee", competences=[CODES[(n + 1) % 4]],
                                slots=SLOTS[n % 10: n % 10 + 2], languages=["fr"], goals_text="Be at ease.")  # fmt: skip
    enrolled = Enrolment.objects.filter(programme=programme)
    assert enrolled.filter(role="mentor").count() == 20 and enrolled.filter(role="mentee").count() == 14
    services.enrolment_save(programme=programme, person=cast.manager, role="mentee", competences=["1.2"],
                            slots=["fri-am"], languages=["fr"])  # fmt: skip
    assert enrolled.filter(role="mentee").count() == 15

    # The CDO runs the matching and reads the reasons.
    cdo.reload()
    cdo.get_by_role("button", name="Run the matching").click()
    cdo.wait_for_url("**/matching/")
    body = cdo.locator("main").inner_text()
    assert "The mentor is strong on the mentee’s goals" in body
    assert "The mentor is below the mentee in the hierarchy and outside their reporting line." in body
    built = cohort_build(programme)
    index_m = {e.pk: i for i, e in enumerate(built.mentors)}
    index_e = {e.pk: j for j, e in enumerate(built.mentees)}
    pairs = list(Pair.objects.filter(programme=programme, status="proposed"))
    assert len(pairs) == 15
    assert (
        matching.violations(built.cohort, [(index_m[p.mentor_id], index_e[p.mentee_id]) for p in pairs]) == []
    )
    assert not Pair.objects.filter(mentor__person=cast.employee, mentee__person=cast.manager).exists()
    assert not Pair.objects.filter(mentor__person=mentors[0], mentee__person=leaders[5]).exists()
    assert not Pair.objects.filter(mentor__person=mentors[1], mentee__person=leaders[0]).exists()
    cdo.get_by_role("button", name="Publish 15 pairs").click()
    assert Pair.objects.filter(programme=programme, status="published").count() == 15

    # The leader's pair: both accept, then the leader logs two meetings.
    pair = Pair.objects.get(mentee__person=leader)
    mentor = pair.mentor.person
    if mentor.user is None:
        from acculture.people.models import User

        mentor.user = User.objects.create_user(mentor.email, PASSWORD)
        mentor.save(update_fields=["user"])
    for page, person in ((mentee, leader), (new_page(language="en"), mentor)):
        if person is mentor:
            sign_in(page, mentor.email, PASSWORD)
        page.goto("/mentoring/")
        page.get_by_role("link", name="mentors you" if person is leader else "You mentor").first.click()
        assert "Why this pair" in page.locator("main").inner_text()
        page.get_by_label("Yes, I accept").check()
        page.get_by_label("I have read the confidentiality charter and I accept it").check()
        page.get_by_role("button", name="Send my answer").click()
    pair.refresh_from_db()
    assert pair.status == "active"
    mentee.reload()  # the mentor accepted second: the leader's page now shows the pair under way
    for day, topics in ((2, "Shared folders"), (0, "Video calls")):
        mentee.get_by_role("link", name="Log a meeting").click()
        mentee.get_by_label("When did you meet?").fill((today - timedelta(days=day)).isoformat())
        mentee.get_by_label("How many minutes?").fill("50")
        mentee.get_by_label("What did you talk about?").fill(topics)
        mentee.get_by_role("button", name="Log the meeting").click()
        mentee.wait_for_url(f"**/mentoring/pairs/{pair.pk}/")
    assert "Video calls" in mentee.locator("main").inner_text()

    # The learning time appears for both.
    for person in (leader, mentor):
        entries = TimeEntry.objects.filter(person=person, source="mentoring")
        assert sorted(entries.values_list("minutes", flat=True)) == [50, 50]
    mentee.get_by_role("link", name="My learning time").first.click()
    assert mentee.locator("main").inner_text().count("Reverse-mentoring meeting") == 2
