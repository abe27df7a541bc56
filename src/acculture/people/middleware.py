from django.utils import translation
from django.utils.functional import SimpleLazyObject

from acculture.people.policy import actor_for


class ActorMiddleware:
    """Attach `request.actor` (lazily) and activate the person's language.

    The language is the one chosen with the language switch (a cookie) if any, else the
    person's preferred language, else French. The browser's Accept-Language is not used:
    staff on shared or English-configured machines would otherwise get a surprise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        request.actor = SimpleLazyObject(lambda: actor_for(getattr(request, "user", None)))
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            person = request.actor.person if request.user.is_authenticated else None
            language = person.language if person else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
