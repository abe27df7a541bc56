"""Functions pages: a person's functions and eligibility; HR defines functions, assigns
holders and follows who does not meet the requirement."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.frameworks.models import Framework
from acculture.functions import exports, selectors, services
from acculture.functions.forms import ComplianceFilterForm, FunctionForm, HolderForm, HolderUploadForm
from acculture.functions.models import Function, Holding
from acculture.functions.services import HOLDER_COLUMNS
from acculture.people.policy import Perm, require, require_staff_member
from acculture.people.services import audit_record

COMPLIANCE_PAGE_SIZE = 100  # the downloads hold every row


def _language() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def _function(request, pk) -> Function:
    # Another organisation's function is "not found", never "forbidden".
    return get_object_or_404(Function, pk=pk, organisation=request.actor.organisation)


# --- For everyone: my functions and what a function needs ----------------------------------


@require_staff_member
def mine(request):
    person = request.actor.person
    held = list(selectors.holdings_of(person))
    eligibilities = [
        (holding, selectors.eligibility_with_path(person, holding.function, _language())) for holding in held
    ]
    others = Function.objects.filter(organisation=person.organisation).exclude(
        pk__in=[h.function_id for h in held]
    )
    return render(
        request,
        "functions/mine.html",
        {"held": eligibilities, "others": others, "today": timezone.localdate()},
    )


@require_staff_member
def eligibility(request, pk):
    function = _function(request, pk)
    person = request.actor.person
    holding = Holding.objects.filter(function=function, person=person).first()
    found = selectors.eligibility_with_path(person, function, _language())
    return render(
        request,
        "functions/eligibility.html",
        {"function": function, "eligibility": found, "holding": holding, "today": timezone.localdate()},
    )


# --- HR: functions and their holders -------------------------------------------------------


@require(Perm.FUNCTIONS_MANAGE)
def function_list(request):
    found = Function.objects.filter(organisation=request.actor.organisation).prefetch_related(
        "competence_requirements__competence", "holdings"
    )
    can_compliance = request.actor.can(Perm.FUNCTIONS_COMPLIANCE)
    return render(request, "functions/list.html", {"functions": found, "can_compliance": can_compliance})


def _save(request, form, function=None):
    try:
        return services.function_save(
            organisation=request.actor.organisation, function=function, framework=form.framework,
            name=form.cleaned_data["name"], description=form.cleaned_data["description"],
            overall_level=form.cleaned_data["overall_level"], evidence=form.cleaned_data["evidence"],
            assessment_months=form.cleaned_data["assessment_months"], grace_days=form.cleaned_data["grace_days"],
            minimums=form.minimums(), actor=request.user,
        )  # fmt: skip
    except services.FunctionRefused as refusal:
        form.add_error(None, str(refusal))
        return None


@require(Perm.FUNCTIONS_MANAGE)
def function_create(request):
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return render(request, "functions/no_framework.html")
    form = FunctionForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid() and (function := _save(request, form)):
        messages.success(request, _("The function is saved. Now say who holds it."))
        return redirect("functions:detail", function.pk)
    return render(request, "functions/form.html", {"form": form, "function": None})


@require(Perm.FUNCTIONS_MANAGE)
def function_edit(request, pk):
    function = _function(request, pk)
    form = FunctionForm(request.POST or None, framework=function.framework, function=function)
    if request.method == "POST" and form.is_valid() and _save(request, form, function):
        messages.success(request, _("The function is saved."))
        return redirect("functions:detail", function.pk)
    return render(request, "functions/form.html", {"form": form, "function": function})


@require(Perm.FUNCTIONS_MANAGE)
def function_detail(request, pk):
    function = _function(request, pk)
    holdings = function.holdings.select_related("person", "person__unit").order_by(
        "person__last_name", "person__first_name"
    )
    requirements = function.competence_requirements.select_related("competence")
    return render(
        request,
        "functions/detail.html",
        {
            "function": function,
            "holdings": holdings,
            "requirements": requirements,
            "today": timezone.localdate(),
        },
    )


@require(Perm.FUNCTIONS_MANAGE)
def holder_add(request, pk):
    function = _function(request, pk)
    form = HolderForm(request.POST or None, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.holding_create(
                function=function,
                person=form.person,
                started_on=form.cleaned_data["started_on"],
                actor=request.user,
            )
        except services.FunctionRefused as refusal:
            form.add_error("employee_number", str(refusal))
        else:
            messages.success(
                request, _("%(name)s now holds this function.") % {"name": form.person.full_name}
            )
            return redirect("functions:detail", function.pk)
    return render(request, "functions/holder_add.html", {"form": form, "function": function})


@require(Perm.FUNCTIONS_MANAGE)
def holder_upload(request, pk):
    function = _function(request, pk)
    form = HolderUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.holdings_import(
            function=function, data=upload.read(), filename=upload.name, actor=request.user
        )
        if report.ok:
            messages.success(request, _("%(n)s people now hold this function.") % {"n": report.created})
            return redirect("functions:detail", function.pk)
    return render(
        request,
        "functions/holder_upload.html",
        {"form": form, "function": function, "report": report, "columns": HOLDER_COLUMNS},
    )


@require(Perm.FUNCTIONS_MANAGE)
@require_POST
def holder_remove(request, pk, holding_pk):
    function = _function(request, pk)
    holding = get_object_or_404(Holding, pk=holding_pk, function=function)
    name = holding.person.full_name
    services.holding_remove(holding=holding, actor=request.user)
    messages.success(request, _("%(name)s no longer holds this function.") % {"name": name})
    return redirect("functions:detail", function.pk)


# --- HR: who does not meet the requirement ---------------------------------------------------


def _compliance(request, action: str):
    organisation = request.actor.organisation
    form = ComplianceFilterForm(request.GET or None, organisation=organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.compliance_rows(organisation, function=filters.get("function"), unit=filters.get("unit"))
    # Seeing who falls short of their function's requirement is personal data of others.
    audit_record(
        actor=request.user, organisation=organisation, action=action, subject="functions:compliance",
        function=filters["function"].pk if filters.get("function") else None,
        unit=filters["unit"].pk if filters.get("unit") else None, people=len(rows),
    )  # fmt: skip
    return form, rows


@require(Perm.FUNCTIONS_COMPLIANCE)
def compliance(request):
    form, rows = _compliance(request, "functions.compliance_viewed")
    filters = request.GET.copy()
    filters.pop("page", None)
    page = Paginator(rows, COMPLIANCE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "functions/compliance.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": filters.urlencode(),
            "today": timezone.localdate(),
        },
    )


@require(Perm.FUNCTIONS_COMPLIANCE)
def compliance_csv(request):
    _form, rows = _compliance(request, "functions.compliance_exported")
    response = HttpResponse(exports.compliance_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="function-requirements.csv"'
    return response


@require(Perm.FUNCTIONS_COMPLIANCE)
def compliance_xlsx(request):
    _form, rows = _compliance(request, "functions.compliance_exported")
    response = HttpResponse(
        exports.compliance_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="function-requirements.xlsx"'
    return response
