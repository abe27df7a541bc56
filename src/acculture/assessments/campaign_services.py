"""Workflows of a campaign: create and edit a draft, launch it, invite newcomers, remind.

Each runs in one transaction. Launching and inviting newcomers lock the campaign row,
so two clicks (or two HR officers) never invite anyone twice; the unique constraint on
(campaign, person) is the last guard. The e-mails are enqueued in the same transaction
as the invitations: with the database queue, the task rows commit with them or not at
all, and the worker sends each mail once (tasks.py claims it with a conditional UPDATE).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.assessments.models import Campaign, Invitation
from acculture.frameworks.models import Competence, Framework
from acculture.people.models import Organisation, Site, Unit, User
from acculture.people.services import audit_record

# What a draft's details form may change; after launch only these two may change.
DETAIL_FIELDS = ("title", "message", "framework", "opens_on", "closes_on", "mandatory")
LAUNCHED_FIELDS = ("message", "closes_on")


class CampaignRefused(Exception):
    """The change cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class InviteOutcome:
    invited: int  # people invited by this call (0 on a replay)
    already_launched: bool = False


def campaign_create(
    *,
    organisation: Organisation,
    created_by: User | None,
    title: str,
    framework: Framework,
    opens_on: date,
    closes_on: date,
    message: str = "",
    mandatory: bool = False,
) -> Campaign:
    """A draft for the whole organisation and every competence until narrowed down."""
    with transaction.atomic():
        return Campaign.objects.create(
            organisation=organisation,
            created_by=created_by,
            title=title,
            message=message,
            framework=framework,
            opens_on=opens_on,
            closes_on=closes_on,
            mandatory=mandatory,
        )


def campaign_update(
    *,
    campaign: Campaign,
    competences: list[Competence] | None = None,
    units: list[Unit] | None = None,
    include_subunits: bool | None = None,
    sites: list[Site] | None = None,
    hierarchy_levels: list[str] | None = None,
    **fields,
) -> Campaign:
    """Change a draft; after launch only the message and the closing date.

    Extending a launched campaign invites nobody: newcomers are invited on purpose,
    with `campaign_invite_newcomers`. Changing the framework of a draft empties the
    competence choice (it named competences of the old framework)."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"campaign_update() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        _lock(campaign)
        if campaign.status == Campaign.Status.LAUNCHED:
            scoped = (competences, units, include_subunits, sites, hierarchy_levels)
            if set(fields) - set(LAUNCHED_FIELDS) or any(value is not None for value in scoped):
                raise CampaignRefused(
                    _("This campaign is launched: only its message and its closing date can change.")
                )
        framework_changed = "framework" in fields and fields["framework"].pk != campaign.framework_id
        for name, value in fields.items():
            setattr(campaign, name, value)
        if include_subunits is not None:
            campaign.include_subunits = include_subunits
        if hierarchy_levels is not None:
            campaign.hierarchy_levels = list(hierarchy_levels)
        campaign.save()
        if framework_changed and competences is None:
            campaign.competences.clear()
        if competences is not None:
            campaign.competences.set(competences)
        if units is not None:
            campaign.units.set(units)
        if sites is not None:
            campaign.sites.set(sites)
    return campaign


def _lock(campaign: Campaign) -> None:
    """Lock the campaign's row for this transaction and bring the caller's object up to
    date with it, so the caller sees the outcome without reloading."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk").get()
    campaign.refresh_from_db()


def _invite(campaign: Campaign, now: datetime) -> int:
    """Invite whoever of the audience is not invited yet and enqueue their e-mail.
    The caller holds the campaign row's lock."""
    from acculture.assessments.tasks import invitation_email_send

    invited = set(campaign.invitations.values_list("person_id", flat=True))
    newcomers = [pk for pk in campaign.audience().values_list("pk", flat=True) if pk not in invited]
    Invitation.objects.bulk_create(
        [Invitation(campaign=campaign, person_id=pk, invited_at=now) for pk in newcomers],
        batch_size=1000,
        ignore_conflicts=True,
    )
    # bulk_create(ignore_conflicts=True) returns no keys: the rows of this call are the
    # ones stamped with this exact instant.
    for invitation_id in Invitation.objects.filter(campaign=campaign, invited_at=now).values_list(
        "pk", flat=True
    ):
        invitation_email_send.enqueue(invitation_id)
    return len(newcomers)


def campaign_launch(*, campaign: Campaign, actor: User | None, now: datetime | None = None) -> InviteOutcome:
    """Invite the audience and enqueue one e-mail each. Launching again changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(campaign)
        if campaign.status == Campaign.Status.LAUNCHED:
            return InviteOutcome(invited=0, already_launched=True)
        if campaign.closes_on < timezone.localdate(now):
            raise CampaignRefused(_("The closing date has passed. Choose a later closing date, then launch."))
        campaign.status = Campaign.Status.LAUNCHED
        campaign.launched_at = now
        campaign.save(update_fields=["status", "launched_at"])
        invited = _invite(campaign, now)
        audit_record(
            actor=actor,
            organisation=campaign.organisation,
            action="campaign.launch",
            subject=f"campaign:{campaign.pk}",
            invited=invited,
        )
    return InviteOutcome(invited=invited)


def campaign_invite_newcomers(
    *, campaign: Campaign, actor: User | None, now: datetime | None = None
) -> InviteOutcome:
    """Invite the people who joined the audience since the launch (new staff, moves).
    Running it again invites nobody twice."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(campaign)
        if campaign.status != Campaign.Status.LAUNCHED:
            raise CampaignRefused(_("Launch the campaign first: launching invites everyone in its audience."))
        if campaign.closes_on < timezone.localdate(now):
            raise CampaignRefused(_("This campaign is closed. Move its closing date first."))
        invited = _invite(campaign, now)
        if invited:
            audit_record(
                actor=actor,
                organisation=campaign.organisation,
                action="campaign.invite_newcomers",
                subject=f"campaign:{campaign.pk}",
                invited=invited,
            )
    return InviteOutcome(invited=invited)


def campaign_newcomers_count(campaign: Campaign) -> int:
    """People in the audience today who have no invitation yet."""
    return campaign.audience().exclude(invitations__campaign=campaign).count()


def campaign_reminders_enqueue(*, campaign: Campaign) -> None:
    """Ask the worker to remind, now, whoever is due a reminder (tasks.py decides who)."""
    from acculture.assessments.tasks import campaign_reminders_send

    campaign_reminders_send.enqueue(campaign.pk)


def invitation_remind(*, invitation_id: int, due_before: datetime, now: datetime) -> Invitation | None:
    """Claim the right to send one reminder: a conditional UPDATE, so two workers (or a
    task run twice) never remind the same person twice. Returns the invitation when
    this call won the claim and the reminder must go, else None. Call it inside the
    transaction that sends the mail, so a failed send releases the claim."""
    from django.db.models import F, Q

    claimed = (
        Invitation.objects.filter(pk=invitation_id, emailed_at__lte=due_before)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=due_before))
        .update(reminded_at=now, reminders=F("reminders") + 1)
    )
    if not claimed:
        return None
    return Invitation.objects.select_related("campaign", "person").get(pk=invitation_id)


def invitation_claim_email(*, invitation_id: int, now: datetime) -> Invitation | None:
    """Claim the invitation e-mail (sent once): the same conditional-UPDATE pattern."""
    claimed = Invitation.objects.filter(pk=invitation_id, emailed_at__isnull=True).update(emailed_at=now)
    if not claimed:
        return None
    return Invitation.objects.select_related("campaign", "person").get(pk=invitation_id)
