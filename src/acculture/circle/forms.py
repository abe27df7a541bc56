"""Writing in the circle: a new thread, a reply, an edit; settings; search."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from acculture.circle.services import Image

BODY_MAX = 10_000


def image_type(data: bytes) -> str | None:
    """The image's type from its first bytes, never from its name or the browser's word.

    Pillow would decode the whole image, but it is only a development dependency here;
    the magic numbers are enough to refuse what is not one of four raster formats (an
    SVG, which can carry script, is refused), and the image is always served with this
    type and `nosniff`, so a browser never reads it as anything else.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Write @ and a colleague’s handle or the start of their e-mail address (@camille.martin) to let them "
            "know. **Bold**, *italics*, lists and links work."
        ),
        error_messages={
            "required": _("Write your message."),
            "max_length": _("Use 10,000 characters or fewer. Split a long message in two."),
        },
    )
    image = forms.FileField(
        label=_("An image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Describe the image in a few words (needed with an image)"),
        required=False,
        max_length=200,
        help_text=_("For people who cannot see it, for example “the Share button, top right”."),
        error_messages={"max_length": _("Use 200 characters or fewer.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _(
            "A PNG, JPEG, GIF or WebP picture of at most %(kb)s KB, for example a screenshot."
        ) % {"kb": settings.CIRCLE_IMAGE_MAX_KB}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        limit = settings.CIRCLE_IMAGE_MAX_KB * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The image is too large (%(size)s KB). Choose one of at most %(kb)s KB, or a smaller screenshot."
                )
                % {"size": upload.size // 1024, "kb": settings.CIRCLE_IMAGE_MAX_KB}
            )
        data = upload.read(limit + 1)
        kind = image_type(data)
        if kind is None:
            raise forms.ValidationError(
                _("This file is not a PNG, JPEG, GIF or WebP picture. Choose a picture file.")
            )
        return data, kind

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt", "").strip():
            self.add_error(
                "image_alt", _("Describe the image in a few words, for example “the Share button”.")
            )
        return data

    def image_value(self) -> Image | None:
        found = self.cleaned_data.get("image")
        if not found:
            return None
        return Image(data=found[0], content_type=found[1], alt=self.cleaned_data.get("image_alt", ""))


class ThreadForm(MessageForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("Your question or subject in a few words, for example “How do I share a calendar?”"),
        error_messages={
            "required": _("Give your thread a title, for example “How do I share a calendar?”"),
            "max_length": _("Use 150 characters or fewer."),
        },
    )
    field_order = ["title", "body", "image", "image_alt"]


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, required=False,
                            error_messages={"max_length": _("Use 150 characters or fewer.")})  # fmt: skip
    body = MessageForm.base_fields["body"]

    def __init__(self, *args, first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if first:
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = _("Give your thread a title.")
        else:
            del self.fields["title"]


class SettingsForm(forms.Form):
    handle = forms.CharField(
        label=_("Your handle (optional)"),
        required=False,
        max_length=30,
        help_text=_(
            "Colleagues can write @ and this word to let you know, for example @camille. "
            "Without one, the start of your e-mail address works."
        ),
        error_messages={"max_length": _("Use 30 characters or fewer.")},
    )
    email_notifications = forms.BooleanField(
        label=_("E-mail me when someone mentions me or replies to my thread"), required=False
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the circle"),
        min_length=2,
        max_length=100,
        error_messages={
            "required": _("Enter a word to search for, for example “calendar”."),
            "min_length": _("Enter at least 2 letters."),
            "max_length": _("Use 100 characters or fewer."),
        },
    )
