from content_bank import bank  # noqa: F401  (the fixture)
