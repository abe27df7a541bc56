"""The one permissions policy: who may do what. Every view and API operation asks here.

A person's roles come from three places: every active member of staff is an employee;
whoever has someone reporting to them is a manager; the rest are granted (RoleGrant),
except the platform admin, which is a superuser account. Permissions are per role and
always scoped to the actor's own organisation: queries filter on it, so a user of
another organisation meets a 404, never someone else's data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.db import models
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from acculture.people.models import Organisation, Person, Role, RoleGrant, User


class Perm(models.TextChoices):
    PEOPLE_IMPORT = "people.import", _("Import staff files")
    PEOPLE_EXPORT = "people.export", _("Export the staff list")
    ROLES_MANAGE = "people.roles", _("Grant and withdraw roles")
    TEAM_AGGREGATES = "people.team", _("See group figures for their own units")
    ADMIN_SITE = "admin.site", _("Use the technical admin")
    CONTENT_REVIEW = "content.review", _("Preview items and move them through their life cycle")
    CAMPAIGNS_MANAGE = "assessments.campaigns", _("Run assessment campaigns and see their completion")
    LEARNING_TEAM = "learning.team", _("See their units' learning time and decide on declared time")
    LEARNING_POLICIES = "learning.policies", _("Set how much learning time people are given")
    CERTIFICATION_PROCTOR = "certification.proctor", _("Run certification sessions as a proctor")
    CERTIFICATION_REVIEW = (
        "certification.review",
        _("Review and publish certification results, revoke certificates"),
    )
    FUNCTIONS_MANAGE = "functions.manage", _("Define functions, their required levels and who holds them")
    FUNCTIONS_COMPLIANCE = (
        "functions.compliance",
        _("See who holds a function without meeting its requirement"),
    )
    FACTORY_FACILITATE = "factory.facilitate", _("Run Digital Factory sessions and take attendance")
    FACTORY_MANAGE = "factory.manage", _("Manage the Digital Factory labs and workshop catalogue")
    CHAMPIONS_MANAGE = "champions.manage", _("Accept champions and follow the network's coverage")
    CIRCLE_CHAMPIONS = "circle.champions", _("Read and write in the champions' space of the circle")
    CIRCLE_MODERATE = "circle.moderate", _("Moderate the circle: hide, lock and pin")
    PROPOSALS_SUBMIT = "proposals.submit", _("Submit proposals to the shadow committee")
    PROPOSALS_DECIDE = "proposals.decide", _("Answer the shadow committee's proposals for leadership")
    WINS_FEATURE = "wins.feature", _("Feature small wins")
    WEBHOOKS_MANAGE = "webhooks.manage", _("Configure chat webhooks")
    MENTORING_MANAGE = "mentoring.manage", _("Run reverse-mentoring programmes")
    INSIGHTS_ORGANISATION = "insights.organisation", _("See the whole organisation's dashboard")
    INSIGHTS_UNITS = "insights.units", _("See the dashboard of their own units")


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.EMPLOYEE: frozenset(),
    Role.MANAGER: frozenset({Perm.TEAM_AGGREGATES, Perm.LEARNING_TEAM, Perm.INSIGHTS_UNITS}),
    Role.CHAMPION: frozenset({Perm.CIRCLE_CHAMPIONS, Perm.PROPOSALS_SUBMIT}),
    Role.FACILITATOR: frozenset({Perm.FACTORY_FACILITATE}),
    Role.PROCTOR: frozenset({Perm.CERTIFICATION_PROCTOR}),
    Role.HR: frozenset(
        {
            Perm.PEOPLE_IMPORT,
            Perm.PEOPLE_EXPORT,
            Perm.CAMPAIGNS_MANAGE,
            Perm.FUNCTIONS_MANAGE,
            Perm.FUNCTIONS_COMPLIANCE,
        }
    ),
    Role.CDO: frozenset(
        {
            Perm.PEOPLE_IMPORT,
            Perm.PEOPLE_EXPORT,
            Perm.ROLES_MANAGE,
            Perm.CONTENT_REVIEW,
            Perm.CAMPAIGNS_MANAGE,
            Perm.LEARNING_POLICIES,
            Perm.CERTIFICATION_REVIEW,
            Perm.FUNCTIONS_MANAGE,
            Perm.FUNCTIONS_COMPLIANCE,
            Perm.FACTORY_FACILITATE,
            Perm.FACTORY_MANAGE,
            Perm.CHAMPIONS_MANAGE,
            Perm.CIRCLE_CHAMPIONS,
            Perm.CIRCLE_MODERATE,
            Perm.PROPOSALS_DECIDE,
            Perm.WINS_FEATURE,
            Perm.WEBHOOKS_MANAGE,
            Perm.MENTORING_MANAGE,
            Perm.INSIGHTS_ORGANISATION,
            Perm.INSIGHTS_UNITS,
        }
    ),
    Role.PLATFORM_ADMIN: frozenset({Perm.ADMIN_SITE, Perm.CONTENT_REVIEW}),
}


@dataclass(frozen=True)
class Actor:
    """Who is making this request, resolved once per request.

    The roles cost two queries (the grants, and whether anyone reports to the person)
    that most pages never ask for: a candidate answering a question needs only the
    person. So they are resolved on first use, at most once per request.
    """

    user: User | None = None
    person: Person | None = None
    resolve_roles: Callable[[], frozenset[Role]] = field(default=frozenset, repr=False, compare=False)

    @cached_property
    def roles(self) -> frozenset[Role]:
        return frozenset(self.resolve_roles())

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def organisation(self) -> Organisation | None:
        return self.person.organisation if self.person else None

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def can(self, perm: Perm) -> bool:
        if perm is not Perm.ADMIN_SITE and self.organisation is None:
            return False
        return any(perm in ROLE_PERMISSIONS[role] for role in self.roles)


ANONYMOUS = Actor()


def actor_for(user: User | None) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    if User.person.is_cached(user):  # read with the account (people.backends.AccountBackend)
        person = getattr(user, "person", None)
    else:
        person = Person.objects.select_related("organisation", "unit", "site").filter(user=user).first()
    staff = person if person is not None and person.is_active else None

    def resolve_roles() -> frozenset[Role]:
        roles: set[Role] = set()
        if user.is_superuser:
            roles.add(Role.PLATFORM_ADMIN)
        if staff is not None:
            roles.add(Role.EMPLOYEE)
            roles.update(
                Role(r) for r in RoleGrant.objects.filter(person=staff).values_list("role", flat=True)
            )
            if Person.objects.filter(manager=staff, is_active=True).exists():
                roles.add(Role.MANAGER)
        return frozenset(roles)

    return Actor(user=user, person=staff, resolve_roles=resolve_roles)


def forbidden(request, message=None):
    return render(
        request,
        "forbidden.html",
        {"message": message or _("Your account does not give access to this page.")},
        status=403,
    )


def login_required(view):
    """Send anonymous visitors to the login page, then back here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.actor.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def require(perm: Perm):
    """View decorator: the actor must be logged in and hold `perm` in their organisation."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not request.actor.can(perm):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def require_staff_member(view):
    """View decorator: the actor must be an active member of staff of an organisation."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.actor.person is None:
            if request.actor.has_role(Role.PLATFORM_ADMIN):
                return redirect("admin:index")
            return forbidden(request, _("Your account is not linked to a member of staff."))
        return view(request, *args, **kwargs)

    return wrapper
