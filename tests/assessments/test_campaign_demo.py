from acculture.assessments.demo import demo_campaign
from acculture.assessments.models import Campaign
from acculture.people.demo import DEMO_DOMAIN, demo_build
from acculture.people.models import Person
from tests.assessments.conftest import make_bank


def test_the_demo_campaign_invites_the_whole_organisation_once(db):
    make_bank()
    organisation, _accounts = demo_build(size=300)
    campaign = demo_campaign(organisation)
    assert campaign.is_open() and campaign.competences.count() == 0  # all competences
    assert (
        campaign.invitations.count()
        == Person.objects.filter(organisation=organisation, is_active=True).count()
    )
    employee = Person.objects.get(email=f"employee@{DEMO_DOMAIN}")
    assert campaign.invitations.filter(person=employee).exists()
    again = demo_campaign(organisation)
    assert again.pk == campaign.pk and Campaign.objects.count() == 1
    assert again.invitations.count() == campaign.invitations.count()


def test_without_a_framework_there_is_no_demo_campaign(db):
    organisation, _accounts = demo_build(size=50)
    assert demo_campaign(organisation) is None
