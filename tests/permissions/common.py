"""What every part of the permission matrix shares: the roles, the outcomes, the entry types.

Each app with pages or API operations of its own keeps its entries in a module
`tests/permissions/matrix_<app>.py` defining `MATRIX` and, if it has API operations,
`API_MATRIX`; test_matrix.py merges them all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "anonymous", "employee", "manager", "champion", "facilitator", "proctor", "hr", "cdo",
    "platform_admin", "outsider",
]  # fmt: skip
LOGIN = "login"
STAFF = {r: 200 for r in ROLES if r not in ("anonymous", "platform_admin")}


def everyone(outcome) -> dict:
    return dict.fromkeys(ROLES, outcome)


def only(allowed: dict, others=403, anonymous=LOGIN) -> dict:
    return {**everyone(others), "anonymous": anonymous, **allowed}


@dataclass
class Entry:
    expected: dict
    kwargs: Callable = field(default=lambda cast: {})
    page: bool = True  # an HTML page (checked for accessibility), not a download or a probe


@dataclass
class ApiEntry:
    """An operation's outcomes, with what to call it with: values for the {parameters}
    of its path, and for a POST a body and headers that change nothing (so that the
    order of the calls never matters)."""

    expected: dict
    params: Callable = field(default=lambda cast: {})
    body: dict | None = None
    headers: dict = field(default_factory=dict)


API_STAFF = {**everyone(200), "anonymous": 401, "platform_admin": 404}
API_OWNER_ONLY = {**everyone(404), "anonymous": 401}
