"""Shadow committee: every member of staff reads the proposals and leadership's answers;
champions write them and only the author changes one; leadership (the CDO) decides."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
SAME_ORGANISATION = {**STAFF_PAGE, "outsider": 404}


def a_proposal(cast):
    from acculture.proposals.models import Proposal
    from acculture.proposals.services import proposal_submit

    found = Proposal.objects.filter(organisation=cast.org, title="Matrix proposal").first()
    found = found or proposal_submit(author=cast.champion, title="Matrix proposal", problem="P", proposal="Q")
    return {"pk": found.pk}


MATRIX = {
    "proposals:index": Entry(STAFF_PAGE),
    "proposals:create": Entry(only({"champion": 200})),
    "proposals:detail": Entry(SAME_ORGANISATION, a_proposal),
    # Only the author changes a proposal; a colleague is refused, another organisation
    # does not find it.
    "proposals:edit": Entry(
        {**everyone(403), "anonymous": LOGIN, "platform_admin": 302, "champion": 200, "outsider": 404},
        a_proposal,
    ),
    "proposals:support": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}, a_proposal),
    "proposals:decide": Entry(only({"cdo": 405, "outsider": 405}), a_proposal),
}

API_MATRIX = {("get", "/api/v1/proposals/"): API_STAFF}
