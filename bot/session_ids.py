"""Session ids: what a valid one looks like, how channels derive theirs, how new ones are made.

Every conversation is keyed by one id. The web mints unguessable ones; Slack and
Telegram derive theirs from their own keys (team, channel, thread; chat, user) so
the same thread always reaches the same conversation on any server instance. A
channel's ids carry its name before the first ':' so that no other channel's
client can name them (the HTTP API refuses a session in another namespace).
"""
from __future__ import annotations

import hashlib
import re
import secrets

from .errors import InvalidSession

MAX_LENGTH = 128
_VALID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}")
_PART = re.compile(r"[A-Za-z0-9._@+-]+")
_CHANNEL = re.compile(r"[a-z][a-z0-9_-]{0,15}")
_HASHED = 40   # hex digits of sha256 kept when keys are too long or unusual: 160 bits


def new_session_id() -> str:
    """An unguessable id for a conversation that has none yet (128 random bits)."""
    return "s-" + secrets.token_hex(16)


def is_valid(session: object) -> bool:
    return isinstance(session, str) and _VALID.fullmatch(session) is not None


def check(session: object) -> str:
    """The id itself, or InvalidSession saying what is wrong with it."""
    if not is_valid(session):
        raise InvalidSession(
            f"{session!r:.60} is not a session id: use 1-{MAX_LENGTH} letters, digits or . _ : @ + -"
            " starting with a letter or digit (session_id() makes one from a channel's keys)"
        )
    return str(session)


def session_id(channel: str, *keys: object) -> str:
    """A stable id for a channel's conversation, e.g. session_id("slack", team, channel, thread).

    Keys that are short and plain are kept readable ("slack:T1:C2:1700.01"); others
    (too long, or holding characters an id cannot) are hashed, still stably.
    """
    if not _CHANNEL.fullmatch(channel):
        raise InvalidSession(f"channel name {channel!r} must be lower-case letters, digits, _ or -")
    if not keys:
        raise InvalidSession("session_id() needs at least one key besides the channel")
    parts = [str(k) for k in keys]
    plain = ":".join([channel, *parts])
    if all(_PART.fullmatch(p) for p in parts) and len(plain) <= MAX_LENGTH:
        return plain
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{channel}:h-{digest[:_HASHED]}"


def namespace(session: str) -> str | None:
    """The channel a derived id belongs to ("slack"), or None for a plain id."""
    head, colon, _ = session.partition(":")
    return head if colon else None


def session_hash(session: str) -> str:
    """A session id as logs and the unanswered log name it: a web session's id is all a
    caller needs to continue that conversation, so it is never written out."""
    return hashlib.sha256(session.encode("utf-8")).hexdigest()[:12]
