"""Form widgets shared by the apps' forms."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker (works without JavaScript); it exchanges ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
