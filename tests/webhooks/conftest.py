import pytest

from tests.webhooks import receiver as local


@pytest.fixture
def receiver():
    found = local.start()
    yield found
    found.server.shutdown()
    found.server.server_close()
