"""Response bodies every router shares, so that errors have one shape in the whole API."""

from ninja import Schema


class Error(Schema):
    detail: str


class Invalid(Schema):
    """A request the API could not accept: `detail` in words, `errors` per field."""

    detail: str
    errors: list[dict] = []
