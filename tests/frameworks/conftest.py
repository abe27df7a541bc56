from tests.content_bank import bank  # noqa: F401  (the fixture)
