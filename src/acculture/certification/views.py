"""The candidate's pages (join, wait, the test), the holder's certificates, and the
public verification pages (no sign-in: the page, the credential check, issuer, JWKS)."""

import contextlib

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from acculture.assessments.forms import AnswerForm, text
from acculture.assessments.models import Assessment
from acculture.certification import credentials, selectors, services
from acculture.certification.forms import CredentialForm, JoinForm, RevokeForm
from acculture.certification.models import Candidate, Certificate, Incident
from acculture.certification.pdf import certificate_pdf
from acculture.frameworks.models import Framework
from acculture.people.policy import Perm, forbidden, require_staff_member
from acculture.people.services import audit_record


@require_staff_member
def index(request):
    """A person's certification page: join today's session, and their certificates."""
    person = request.actor.person
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_join(person=person, code=form.cleaned_data["code"])
        except services.CertificationRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            return redirect("certification:test", pk=candidate.pk)
    context = {
        "form": form,
        "candidacy": selectors.candidacy_today(person),
        "certificates": selectors.certificates_of(person),
        "past": Candidate.objects.filter(person=person)
        .exclude(session__status="scheduled")
        .select_related("session"),
    }
    return render(request, "certification/index.html", context, status=400 if form.errors else 200)


def _own_candidacy(request, pk) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("session__framework", "assessment__current_item"),
        pk=pk,
        person=request.actor.person,
    )


@require_staff_member
def test(request, pk):
    """Waiting room, the question on screen, or the end, depending on the candidate's stage."""
    candidate = _own_candidacy(request, pk)
    assessment = candidate.assessment
    testing = candidate.stage == Candidate.Stage.TESTING and candidate.start_authorised
    if testing and assessment and assessment.status == Assessment.Status.IN_PROGRESS:
        if request.htmx and request.method == "GET":  # the waiting room's poll: open the question
            return HttpResponseClientRedirect(request.path)
        return _question(request, candidate, assessment)
    template = "certification/waiting.html#status" if request.htmx else "certification/waiting.html"
    return render(request, template, {"candidate": candidate, "session": candidate.session})


def _question(request, candidate: Candidate, assessment: Assessment):
    item = assessment.current_item
    language = request.LANGUAGE_CODE
    form = AnswerForm(request.POST or None, item=item, language=language)
    expired = services.time_left(candidate, assessment) < -services.TIME_LIMIT_GRACE_SECONDS
    if request.method == "POST" and (form.is_valid() or expired):
        try:
            services.candidate_answer(
                candidate=candidate,
                position=int(request.POST.get("position") or 0),
                item_code=request.POST.get("item", ""),
                response=form.response() if form.is_valid() else None,
                language=language,
            )
        except services.CertificationRefused as refusal:
            messages.error(request, str(refusal))
        target = reverse("certification:test", args=[candidate.pk])
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    context = {
        "candidate": candidate,
        "assessment": assessment,
        "item": item,
        "form": form,
        "stem": text(item, "stem", language),
        "attachment_title": text(item, "attachment_title", language) if item.attachment else "",
        "seconds_left": (left := max(0, services.time_left(candidate, assessment))),
        "clock": f"{left // 60}:{left % 60:02d}",
        "minutes_per_item": round(candidate.seconds_per_item / 60, 1),
    }
    return render(request, "certification/question.html", context, status=400 if form.errors else 200)


@require_staff_member
@require_POST
def test_start(request, pk):
    """Start or resume: the proctor authorised it on the board, or types their code here."""
    candidate = _own_candidacy(request, pk)
    proctor_code = request.POST.get("proctor_code", "").strip().upper()
    if proctor_code:
        if proctor_code != candidate.session.proctor_code:
            # Recorded for the proctor to see: a candidate guessing the code is a matter for them.
            with contextlib.suppress(services.CertificationRefused):
                services.incident_record(
                    session=candidate.session, by=request.user, candidate=candidate,
                    category=Incident.Category.IDENTITY,
                    description=_("A wrong proctor code was typed on this candidate's screen."),
                )  # fmt: skip
            messages.error(request, _("This proctor code is not right. Ask the proctor to type it again."))
            return redirect("certification:test", pk=candidate.pk)
        try:
            services.candidate_authorise(candidate=candidate, by=None)
        except services.CertificationRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("certification:test", pk=candidate.pk)
    try:
        services.candidate_test_start(candidate=candidate)
    except services.CertificationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("certification:test", pk=candidate.pk)


# --- Certificates ------------------------------------------------------------------------


def _certificate(request, code) -> Certificate:
    """The holder's own certificate, or any of the organisation's for a reviewer."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("person__organisation", "framework"), code=code
    )
    actor = request.actor
    if certificate.person_id == actor.person.pk:
        return certificate
    if (
        actor.can(Perm.CERTIFICATION_REVIEW)
        and certificate.person.organisation_id == actor.person.organisation_id
    ):
        audit_record(actor=request.user, organisation=actor.organisation, action="certification.certificate_viewed",
                     subject=certificate.code)  # fmt: skip
        return certificate
    raise Http404


@require_staff_member
def certificate_detail(request, code):
    certificate = _certificate(request, code)
    context = {
        **selectors.certificate_display(certificate),
        "url": credentials.verification_url(certificate),
        "is_holder": certificate.person_id == request.actor.person.pk,
        "can_revoke": request.actor.can(Perm.CERTIFICATION_REVIEW),
        "keys": credentials.keys_available(),
    }
    return render(request, "certification/certificate_detail.html", context)


@require_staff_member
def certificate_pdf_download(request, code):
    certificate = _certificate(request, code)
    response = HttpResponse(
        certificate_pdf(certificate, request.LANGUAGE_CODE), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@require_staff_member
def certificate_credential(request, code):
    certificate = _certificate(request, code)
    algorithm = request.GET.get("alg", "Ed25519")
    if algorithm not in credentials.ALGORITHMS:
        algorithm = "Ed25519"
    try:
        token = credentials.credential_issue(certificate, algorithm)
    except credentials.KeysMissing:
        return render(request, "certification/no_keys.html", status=503)
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.code}-{algorithm}.jwt"'
    return response


@require_staff_member
@require_POST
def certificate_share(request, code):
    certificate = _certificate(request, code)
    if certificate.person_id != request.actor.person.pk:
        return forbidden(request, _("Only the holder decides what the public page shows."))
    shared = request.POST.get("shared") == "1"
    services.certificate_share(certificate=certificate, shared=shared)
    messages.success(
        request,
        _("The public page now shows your name and levels.")
        if shared
        else _("The public page now shows only whether the certificate is valid."),
    )
    return redirect("certification:certificate-detail", code=certificate.code)


@require_staff_member
def certificate_revoke(request, code):
    if not request.actor.can(Perm.CERTIFICATION_REVIEW):
        return forbidden(request)
    certificate = _certificate(request, code)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.certificate_revoke(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        ):
            messages.success(request, _("The certificate is revoked."))
        else:
            messages.info(request, _("This certificate was already revoked: nothing changed."))
        return redirect("certification:certificate-detail", code=certificate.code)
    return render(request, "certification/certificate_revoke.html", {"certificate": certificate, "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


# --- Public: verification anywhere ------------------------------------------------------


def verify(request, code):
    """The public page a QR code or a shared link opens. No sign-in."""
    code = code.strip().upper()
    certificate = (
        Certificate.objects.select_related("person__organisation", "framework").filter(code=code).first()
    )
    if certificate is None:
        return render(request, "certification/verify_unknown.html", {"code": code[:20]}, status=404)
    return render(request, "certification/verify.html", selectors.certificate_display(certificate))


def credential_check(request):
    """Paste a credential: signature, dates and revocation are checked."""
    form = CredentialForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = credentials.credential_verify(form.cleaned_data["credential"])
    status = 400 if form.errors else 200
    return render(
        request, "certification/credential_check.html", {"form": form, "report": report}, status=status
    )


def issuer(request):
    from acculture.people.models import Organisation

    organisation = Organisation.objects.filter(slug=request.GET.get("org", "")).first()
    return JsonResponse(credentials.issuer_profile(organisation), content_type="application/ld+json")


def jwks(request):
    try:
        return JsonResponse(credentials.jwks(), content_type="application/jwk-set+json")
    except credentials.KeysMissing:
        return JsonResponse({"keys": []}, content_type="application/jwk-set+json")


def framework(request, code):
    """The competences a credential aligns to, each with an anchor (#c-<code>)."""
    found = Framework.objects.filter(code=code).order_by("-version").first()
    if found is None:
        raise Http404
    competences = found.competences.select_related("domain").order_by("order")
    return render(request, "certification/framework.html", {"framework": found, "competences": competences})
