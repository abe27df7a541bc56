"""The circle: every member of staff reads and writes in the open space; the champions'
space is for champions and the CDO (a "not found" for anyone else); moderation for the
CDO; one's own messages and notifications only."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
OWN_ORG = {**STAFF_PAGE, "outsider": 404}
OWNER_ONLY = {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}
# A PNG of one pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def circle(cast):
    """An open category with a thread by the employee (with an image), a champions-only
    category, and a notification of the employee's."""
    from acculture.circle.models import Category, Notification, Post, Thread

    open_space, _ = Category.objects.get_or_create(
        organisation=cast.org, slug="help", defaults={"name": "Help"}
    )
    champions, _ = Category.objects.get_or_create(
        organisation=cast.org, slug="champions", defaults={"name": "Champions", "space": "champions"}
    )
    thread = Thread.objects.filter(category=open_space).first()
    if thread is None:
        thread = Thread.objects.create(
            organisation=cast.org, category=open_space, author=cast.employee, title="Hi"
        )
        post = Post.objects.create(thread=thread, author=cast.employee, body="Hello", is_first=True,
                                   image=PIXEL, image_type="image/png", image_alt="A dot")  # fmt: skip
        Notification.objects.create(person=cast.employee, post=post, kind="reply")
    post = Post.objects.filter(thread=thread, is_first=True).first()
    notification = Notification.objects.filter(person=cast.employee).first()
    return {
        "open": open_space,
        "champions": champions,
        "thread": thread,
        "post": post,
        "notification": notification,
    }


MATRIX = {
    "circle:index": Entry(STAFF_PAGE),
    "circle:search": Entry(STAFF_PAGE),
    "circle:notifications": Entry(STAFF_PAGE),
    "circle:settings": Entry(STAFF_PAGE),
    # Opens the thread of one's own notification (a redirect); anyone else's is not found.
    "circle:notification-open": Entry(
        {**OWNER_ONLY, "employee": 302}, lambda cast: {"pk": circle(cast)["notification"].pk}, page=False
    ),
    # The champions' space: champions and the CDO; everyone else, not even its name.
    "circle:category": Entry(
        {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "champion": 200, "cdo": 200},
        lambda cast: {"slug": circle(cast)["champions"].slug},
    ),
    "circle:thread-new": Entry(OWN_ORG, lambda cast: {"slug": circle(cast)["open"].slug}),
    "circle:thread": Entry(OWN_ORG, lambda cast: {"pk": circle(cast)["thread"].pk}),
    "circle:thread-moderate": Entry(
        only({"cdo": 405, "outsider": 405}), lambda cast: {"pk": circle(cast)["thread"].pk}
    ),
    "circle:post-edit": Entry(OWNER_ONLY, lambda cast: {"pk": circle(cast)["post"].pk}),
    "circle:react": Entry(
        {**everyone(405), "anonymous": LOGIN, "platform_admin": 302},
        lambda cast: {"pk": circle(cast)["post"].pk},
    ),
    "circle:image": Entry(OWN_ORG, lambda cast: {"pk": circle(cast)["post"].pk}, page=False),
    "circle:post-moderate": Entry(
        only({"cdo": 405, "outsider": 405}), lambda cast: {"pk": circle(cast)["post"].pk}
    ),
}

API_MATRIX = {
    ("get", "/api/v1/circle/categories"): API_STAFF,
    ("get", "/api/v1/circle/threads"): API_STAFF,
    ("get", "/api/v1/circle/notifications"): API_STAFF,
}
