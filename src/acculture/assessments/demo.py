"""The demo campaign: one launched campaign for the whole demo organisation, open from
today for 30 days, so that the demo employee finds it on their assessment page."""

from datetime import timedelta

from django.utils import timezone

from acculture.assessments import campaign_services
from acculture.assessments.models import Campaign
from acculture.frameworks.models import Framework
from acculture.people.models import Organisation

DEMO_CAMPAIGN_TITLE = "Campagne de démonstration"
DEMO_CAMPAIGN_MESSAGE = (
    "Nous mesurons les compétences numériques de toute l'organisation pour proposer à chacun "
    "des formations utiles. Personne n'est noté : seuls des chiffres de groupe sont partagés."
)


def demo_campaign(organisation: Organisation) -> Campaign | None:
    """Create and launch the demo campaign once; later runs invite only newcomers.
    Returns None when no framework is loaded (the content was not loaded)."""
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return None
    campaign = Campaign.objects.filter(organisation=organisation, title=DEMO_CAMPAIGN_TITLE).first()
    if campaign is None:
        today = timezone.localdate()
        campaign = campaign_services.campaign_create(
            organisation=organisation, created_by=None, title=DEMO_CAMPAIGN_TITLE,
            message=DEMO_CAMPAIGN_MESSAGE, framework=framework, opens_on=today,
            closes_on=today + timedelta(days=30), mandatory=True,
        )  # fmt: skip
        campaign_services.campaign_launch(campaign=campaign, actor=None)
    else:
        today = timezone.localdate()
        if campaign.closes_on < today:  # a demo rebuilt weeks later: open it again
            campaign = campaign_services.campaign_update(
                campaign=campaign, closes_on=today + timedelta(days=30)
            )
        campaign_services.campaign_invite_newcomers(campaign=campaign, actor=None)
    return campaign
