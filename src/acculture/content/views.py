import mimetypes
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from acculture.content.forms import ItemStatusForm
from acculture.content.models import Item, Tutorial
from acculture.content.scoring import DONT_KNOW, score
from acculture.content.services import ItemStatusError, item_status_change
from acculture.people.policy import ROLE_PERMISSIONS, Perm, forbidden, login_required, require_staff_member


def can_review_content(actor) -> bool:
    # Items are global, not an organisation's: every organisation's CDO reviews the same
    # bank, so a CDO of another organisation may preview too. The platform admin has no
    # organisation, which Actor.can() requires for all but ADMIN_SITE, so the role table
    # is asked directly.
    return any(Perm.CONTENT_REVIEW in ROLE_PERMISSIONS[role] for role in actor.roles)


def require_content_review(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_review_content(request.actor):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper


def _preview_language(request) -> str:
    lang = request.GET.get("lang") or get_language() or "fr"
    return "en" if lang.startswith("en") else "fr"


def _tried_answer(request, item: Item):
    """The answer typed into the preview, shaped as the assessment will send it."""
    if "dont_know" in request.GET:
        return DONT_KNOW
    if item.type == Item.Type.MULTIPLE:
        return request.GET.getlist("answer")
    if item.type == Item.Type.FIELDS:
        return {f["id"]: request.GET.get(f"field-{f['id']}", "") for f in item.answer.get("fields", [])}
    return request.GET.get("answer", "")


@require_content_review
def item_preview(request, code):
    item = get_object_or_404(Item.objects.select_related("competence", "status_changed_by"), code=code)
    lang = _preview_language(request)
    tried = "check" in request.GET or "dont_know" in request.GET
    answer = _tried_answer(request, item) if tried else None
    fields = [
        {
            "id": f["id"],
            "label": f["label"].get(lang, ""),
            "value": (answer or {}).get(f["id"], "") if tried else "",
        }
        for f in item.answer.get("fields", [])
    ]
    context = {
        "item": item,
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "stem": item.stem(lang),
        "explanation": item.explanation(lang),
        "attachment_title": item.attachment_title(lang),
        "choices": [{"id": c["id"], "text": c.get(lang, "")} for c in item.choices],
        "fields": fields,
        "tried": tried,
        "dont_know": DONT_KNOW,
        "answer": answer,
        "right": score(item.type, item.answer, answer, lang) if tried else None,
        "status_form": ItemStatusForm(item=item),
        "history": item.status_changes.select_related("by")[:20],
        "review_problem": item.review_problem() if item.status == Item.Status.DRAFT else None,
    }
    return render(request, "content/item_preview.html", context)


@require_content_review
@require_POST
def item_status(request, code):
    item = get_object_or_404(Item, code=code)
    form = ItemStatusForm(request.POST, item=item)
    if form.is_valid():
        try:
            item_status_change(
                item=item, to=form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"]
            )
        except ItemStatusError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("%(code)s is now %(status)s.")
                % {"code": item.code, "status": Item.Status(form.cleaned_data["to"]).label.lower()},
            )
    else:
        messages.error(request, _("Choose the new status."))
    return redirect("content:item-preview", code=item.code)


# Types the browser may show in place; everything else downloads. HTML, SVG and XML are
# never shown inline: served from our origin they could run script in our session.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}
EXTRA_TYPES = {".eml": "message/rfc822", ".ics": "text/calendar", ".csv": "text/csv", ".md": "text/markdown"}


def attachment_content_type(path: Path) -> str:
    content_type = (
        EXTRA_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
    if content_type.startswith("text/") or content_type in ("application/xml", "application/json"):
        content_type += "; charset=utf-8"  # the generators write UTF-8; say so, or accents break
    return content_type


@login_required
def attachment(request, path):
    """Serve a file that an item opens. Only files named by an item are served (never
    anything else under content/), and a draft or retired item's only to reviewers."""
    items = Item.objects.filter(attachment=path)
    if not items.exists():
        raise Http404
    if not items.filter(status=Item.Status.LIVE).exists() and not can_review_content(request.actor):
        raise Http404
    root = (Path(settings.CONTENT_DIR) / "attachments").resolve()
    file = (root / path).resolve()
    # The path came from the URL: even though it matched an item, refuse anything that
    # resolves outside the attachments folder (a symlink, a stored "../").
    if not file.is_relative_to(root) or not file.is_file():
        raise Http404
    content_type = attachment_content_type(file)
    inline = content_type.split(";")[0] in INLINE_TYPES
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=file.name, content_type=content_type
    )
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_staff_member
def tutorial(request, code):
    """A tutorial: our short text in the person's language, and the reference page."""
    tutorial = get_object_or_404(Tutorial.objects.select_related("competence"), code=code, is_active=True)
    language = request.LANGUAGE_CODE
    return render(
        request,
        "content/tutorial.html",
        {
            "tutorial": tutorial,
            "title": tutorial.title(language),
            "body": getattr(tutorial, f"body_{language}") or tutorial.body_fr,
            "competence_name": getattr(tutorial.competence, f"name_{language}"),
        },
    )
