"""Chat webhooks: the CDO's pages only; another organisation's endpoint is not found."""

from tests.permissions.common import Entry, only


def an_endpoint(cast):
    from acculture.webhooks.models import Endpoint

    found, _ = Endpoint.objects.get_or_create(
        organisation=cast.org, name="Matrix webhook",
        defaults={"url": "https://example.org/hook", "format": "slack", "events": ["win.featured"]},
    )  # fmt: skip
    return {"pk": found.pk}


MATRIX = {
    "webhooks:index": Entry(only({"cdo": 200, "outsider": 200})),
    "webhooks:create": Entry(only({"cdo": 200, "outsider": 200})),
    "webhooks:detail": Entry(only({"cdo": 200, "outsider": 404}), an_endpoint),
    "webhooks:edit": Entry(only({"cdo": 200, "outsider": 404}), an_endpoint),
    "webhooks:test": Entry(only({"cdo": 405, "outsider": 405}), an_endpoint),
    "webhooks:delete": Entry(only({"cdo": 405, "outsider": 405}), an_endpoint),
}
