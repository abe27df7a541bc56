"""Workflows of the champions network. Each runs in one transaction."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.champions.models import ChampionProfile, Nomination
from acculture.champions.selectors import is_in_reporting_line
from acculture.champions.tasks import nomination_announce_email, nomination_decision_email
from acculture.events import Event, event_publish
from acculture.people.models import Person, Role, RoleGrant, User
from acculture.people.services import audit_record, role_grant, role_revoke


class ChampionsRefused(Exception):
    """A change that cannot be made; the message says why, in words for the person."""


def is_champion(person: Person) -> bool:
    return RoleGrant.objects.filter(person=person, role=Role.CHAMPION).exists()


@transaction.atomic
def nomination_create(
    *, person: Person, source: str, nominated_by: Person | None, reason: str = ""
) -> Nomination:
    """Put `person` forward. Refused for someone who is already a champion or already
    waits for a decision; a manager may only put forward someone of their reporting line."""
    # The person's row is the lock: two nominations of the same person queue here, and
    # the second finds the first (the partial unique constraint backs this up).
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise ChampionsRefused(_("This person is no longer on the staff list."))
    if is_champion(person):
        raise ChampionsRefused(_("%(name)s is already a champion.") % {"name": person.full_name})
    if Nomination.objects.filter(person=person, status=Nomination.Status.PENDING).exists():
        raise ChampionsRefused(
            _("%(name)s has already been put forward; the Chief Digital Officer will decide.")
            % {"name": person.full_name}
        )
    if source == Nomination.Source.SELF and nominated_by != person:
        raise ChampionsRefused(_("Only the person can put themselves forward."))
    if source == Nomination.Source.MANAGER and (
        nominated_by is None or not is_in_reporting_line(person=person, manager=nominated_by)
    ):
        raise ChampionsRefused(_("You can only put forward someone who reports to you, directly or not."))
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                organisation=person.organisation, person=person, source=source,
                nominated_by=nominated_by, reason=reason.strip(),
            )  # fmt: skip
    except IntegrityError:
        raise ChampionsRefused(
            _("%(name)s has already been put forward.") % {"name": person.full_name}
        ) from None
    if source != Nomination.Source.SELF:
        transaction.on_commit(lambda: nomination_announce_email.enqueue(nomination.pk))
    return nomination


@transaction.atomic
def nomination_decide(
    *, nomination: Nomination, decided_by: User, accept: bool, reason: str = ""
) -> Nomination:
    """Accept (grant the champion role, open a profile, announce it) or decline with a
    reason. A nomination is decided once: a second click finds it decided and is refused."""
    nomination = Nomination.objects.select_for_update().select_related("person").get(pk=nomination.pk)
    if nomination.status != Nomination.Status.PENDING:
        raise ChampionsRefused(_("This nomination has already been decided on."))
    if not accept and not reason.strip():
        raise ChampionsRefused(_("Say in a few words why you decline, so the person understands."))
    person = nomination.person
    nomination.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
    nomination.decided_by = decided_by
    nomination.decided_at = timezone.now()
    nomination.decision_reason = reason.strip()
    nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if accept:
        role_grant(person=person, role=Role.CHAMPION, granted_by=decided_by)
        ChampionProfile.objects.get_or_create(
            person=person,
            defaults={
                "organisation": person.organisation, "site": person.site,
                "languages": ChampionProfile.pack_languages([person.language]),
            },
        )  # fmt: skip
        event_publish(
            organisation=person.organisation,
            event=Event.CHAMPION_ACCEPTED,
            title=_("%(name)s is now a digital champion.") % {"name": person.full_name},
            url=reverse("champions:directory"),
            data={"person": person.full_name, "site": person.site.name if person.site else ""},
        )
    audit_record(
        actor=decided_by, organisation=person.organisation,
        action="champions.accepted" if accept else "champions.declined",
        subject=f"person:{person.pk}", nomination=nomination.pk,
    )  # fmt: skip
    nomination_id = nomination.pk
    transaction.on_commit(lambda: nomination_decision_email.enqueue(nomination_id))
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by: Person) -> Nomination:
    """The person put forward (or whoever put them forward) withdraws a pending nomination."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if by.pk not in (nomination.person_id, nomination.nominated_by_id):
        raise ChampionsRefused(_("Only the person or whoever put them forward can withdraw this."))
    if nomination.status != Nomination.Status.PENDING:
        raise ChampionsRefused(_("This nomination has already been decided on."))
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["status", "decided_at"])
    return nomination


@transaction.atomic
def champion_step_down(*, person: Person) -> bool:
    """A champion stops being one: the role goes (through the people service, audited)
    and with it their place in the directory. Their profile is kept for a comeback."""
    return role_revoke(person=person, role=Role.CHAMPION, revoked_by=person.user)


@transaction.atomic
def profile_update(*, person: Person, competences, site, availability: str, languages: list[str],
                   how_i_help: str, listed: bool, show_email: bool, show_unit: bool) -> ChampionProfile:  # fmt: skip
    """A champion changes what colleagues see of them. Only a champion has a profile to change."""
    if not is_champion(person):
        raise ChampionsRefused(_("Only champions have a profile in the directory."))
    if site is not None and site.organisation_id != person.organisation_id:
        raise ChampionsRefused(_("Choose a site of your organisation."))
    profile, _created = ChampionProfile.objects.select_for_update().get_or_create(
        person=person, defaults={"organisation": person.organisation}
    )
    profile.site = site
    profile.availability = availability.strip()
    profile.languages = ChampionProfile.pack_languages(languages)
    profile.how_i_help = how_i_help.strip()
    profile.listed, profile.show_email, profile.show_unit = listed, show_email, show_unit
    profile.save()
    profile.competences.set(competences)
    return profile
