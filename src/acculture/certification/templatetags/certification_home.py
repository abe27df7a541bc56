from django import template

from acculture.certification.selectors import candidacy_today, certificate_current

register = template.Library()


@register.simple_tag
def certification_summary(person) -> dict:
    """For the home card: the person's valid certificate and their next session, if any."""
    if person is None:
        return {}
    return {"certificate": certificate_current(person), "candidacy": candidacy_today(person)}
