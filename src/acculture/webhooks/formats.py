"""What each chat service expects: the body (and headers) of one delivery.

Every function takes the same facts (event, title, absolute link, data) and returns the
JSON body; only the generic JSON format adds headers: a timestamp and an HMAC-SHA256
signature over "<timestamp>.<body>", so a receiver can check the message comes from
Acculture and is fresh (docs/webhooks.md has the verification recipe).
"""

import hashlib
import hmac
import json
import time

LINK_TEXT = {"fr": "Ouvrir dans Acculture", "en": "Open in Acculture"}


def _slack_escape(text: str) -> str:
    # Slack's mrkdwn reads <…> as links and & as an entity.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discord(*, title: str, link: str, **_) -> dict:
    return {
        "content": f"{title}\n{link}"[:2000],
        "embeds": [{"title": title[:256], "url": link, "color": 0x0B5FA5}],
        "allowed_mentions": {"parse": []},  # a title with @everyone pings no one
    }


def slack(*, title: str, link: str, link_text: str, **_) -> dict:
    text = _slack_escape(title)
    return {
        "text": f"{text} <{link}|{link_text}>",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*{text}*\n<{link}|{link_text}>"}},
        ],
    }


def mattermost(*, title: str, link: str, link_text: str, **_) -> dict:
    return {"text": f"**{title}**\n[{link_text}]({link})"}


def teams(*, title: str, link: str, link_text: str, **_) -> dict:
    """A Teams Workflows ("Post to a channel when a webhook request is received") message:
    one attachment holding an Adaptive Card."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [{"type": "TextBlock", "text": title, "wrap": True, "weight": "Bolder", "size": "Medium"}],
        "actions": [{"type": "Action.OpenUrl", "title": link_text, "url": link}],
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def generic(
    *, event: str, title: str, link: str, data: dict, delivery_id: str, organisation: str, **_
) -> dict:
    return {
        "id": delivery_id, "event": event, "organisation": organisation, "title": title, "url": link,
        "data": data,
    }  # fmt: skip


BUILDERS = {"discord": discord, "slack": slack, "mattermost": mattermost, "teams": teams, "json": generic}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def build(*, format: str, secret: str, language: str = "fr", **facts) -> tuple[bytes, dict[str, str]]:
    """The body and the headers of one request to an endpoint of `format`."""
    payload = BUILDERS[format](link_text=LINK_TEXT.get(language, LINK_TEXT["en"]), **facts)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Acculture-Webhooks/1"}
    if format == "json":
        timestamp = str(int(time.time()))
        headers.update({
            "X-Acculture-Event": facts["event"],
            "X-Acculture-Delivery": facts["delivery_id"],
            "X-Acculture-Timestamp": timestamp,
            "X-Acculture-Signature": signature(secret, timestamp, body),
        })  # fmt: skip
    return body, headers
