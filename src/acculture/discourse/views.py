"""/discourse/sso: the page Discourse sends people to when they sign in there."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from acculture.discourse import sso
from acculture.discourse.models import UsedNonce
from acculture.people.models import Role
from acculture.people.services import audit_record

CHAMPIONS_GROUP = "champions"
# Discourse forgets a nonce after about 10 minutes; a day is ample to refuse a replay.
NONCE_DAYS = 1


def _refused(request, message):
    return render(request, "discourse/refused.html", {"message": message}, status=403)


def username_for(person) -> str:
    """A Discourse-friendly user name (letters, digits, dots; at most 20 characters)
    suggested from the person's name. Discourse makes it unique if someone has it."""
    name = ".".join(slugify(part).replace("-", ".") for part in (person.first_name, person.last_name))
    name = re.sub(r"[^a-z0-9._]", "", name).strip("._")[:20]
    return name if len(name) >= 3 else f"user{person.pk}"


def _nonce_claim(nonce: str) -> bool:
    """Whether this nonce is answered for the first time (a unique row claims it)."""
    now = timezone.now()
    UsedNonce.objects.filter(used_at__lt=now - timedelta(days=NONCE_DAYS)).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(value=nonce[:200], used_at=now)
    except IntegrityError:
        return False
    return True


def sign_in(request):
    secret, discourse_url = settings.DISCOURSE_SECRET, settings.DISCOURSE_URL
    if not secret or not discourse_url:
        raise Http404("DiscourseConnect is not set up.")
    try:
        fields = sso.read_request(
            secret=secret, sso=request.GET.get("sso", ""), sig=request.GET.get("sig", "")
        )
    except sso.BadRequest:
        return _refused(
            request,
            _("This sign-in link is not valid: it was changed or does not come from your organisation's forum. "
              "Go back to the forum and click “Log in” again."),
        )  # fmt: skip
    return_url = fields["return_sso_url"]
    if not sso.return_url_allowed(return_url, discourse_url):
        return _refused(
            request, _("This sign-in link would send you to another site than your organisation's forum.")
        )
    actor = request.actor
    if not actor.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = actor.person
    if person is None:
        return _refused(
            request, _("Your account is not linked to a member of staff, so it cannot sign in to the forum.")
        )
    if settings.DISCOURSE_ORGANISATION and person.organisation.slug != settings.DISCOURSE_ORGANISATION:
        return _refused(request, _("This forum is for another organisation's staff."))
    if not _nonce_claim(fields["nonce"]):
        return _refused(
            request, _("This sign-in link was already used. Go back to the forum and click “Log in” again.")
        )
    answer = {
        "nonce": fields["nonce"],
        "external_id": str(person.pk),
        "email": request.user.email,
        "username": username_for(person),
        "name": person.full_name,
    }
    # Discourse keeps its own groups; only "champions" follows Acculture's role.
    if actor.has_role(Role.CHAMPION):
        answer["add_groups"] = CHAMPIONS_GROUP
    else:
        answer["remove_groups"] = CHAMPIONS_GROUP
    audit_record(actor=request.user, organisation=person.organisation, action="discourse.sign_in",
                 subject=f"person:{person.pk}")  # fmt: skip
    return HttpResponseRedirect(sso.answer_url(secret=secret, return_url=return_url, fields=answer))
