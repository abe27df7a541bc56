"""The Digital Factory's rules that an organisation may tune (docs/factory.md).

Read from the environment once, and through Django settings at call time so that a test
can change them with override_settings.
"""

from django.conf import settings

from acculture.config import env_int

_DEFAULTS = {
    # A waitlisted person offered a freed seat has this long to accept it.
    "FACTORY_OFFER_HOURS": env_int("ACCULTURE_FACTORY_OFFER_HOURS", 24, minimum=1, maximum=24 * 14),
    # People may cancel up to this many hours before the start; later, the seat is theirs.
    "FACTORY_CANCEL_HOURS": env_int("ACCULTURE_FACTORY_CANCEL_HOURS", 24, minimum=0, maximum=24 * 14),
    # The reminder e-mail goes out this many hours before the start.
    "FACTORY_REMINDER_HOURS": env_int("ACCULTURE_FACTORY_REMINDER_HOURS", 48, minimum=1, maximum=24 * 14),
}


def rule(name: str) -> int:
    return getattr(settings, name, _DEFAULTS[name])
