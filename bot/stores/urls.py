"""Reading ADVISOR_STORE: which store a URL names, and how to log it without its password."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bot.errors import ConfigError

USAGE = "use memory, sqlite:///PATH or redis://HOST:PORT/DB"

_USERINFO = re.compile(r"^((?:[A-Za-z][A-Za-z0-9+.-]*://)?)(.*)@")
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL with any password replaced by ***, safe for log lines and error messages.

    Everything up to the last '@' counts as credentials, so an unescaped '@' in a
    password hides too much rather than too little.
    """
    hidden = _USERINFO.sub(_hide_userinfo, url, count=1)
    return _PASSWORD_PARAM.sub(r"\1***", hidden)


def _hide_userinfo(match: re.Match[str]) -> str:
    user, colon, _ = match.group(2).partition(":")
    return f"{match.group(1)}{user}:***@" if colon else f"{match.group(1)}***@"


def bad_url(url: str, why: str = "is not a store URL") -> ConfigError:
    return ConfigError(f"ADVISOR_STORE {redact(url)!r} {why}; {USAGE}")


def sqlite_path(url: str) -> Path | None:
    """The file a sqlite URL names, None for the default file.

    As in SQLAlchemy: sqlite:///rel/s.db is relative, sqlite:////abs/s.db absolute.
    """
    rest = url[len("sqlite://"):] if url.startswith("sqlite://") else None
    if rest is None or (rest and not rest.startswith("/")):
        raise bad_url(url, "is not a sqlite URL (a sqlite URL has no host)")
    path = rest[1:]
    return Path(path).expanduser() if path else None


def check_redis_url(url: str) -> None:
    """Fail at start-up on a URL redis-py would misread or reject at the first turn."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise bad_url(url, "has a bad port (want a number 1-65535)") from None
    if not parts.hostname:
        raise bad_url(url, "names no host")
    if port == 0:
        raise bad_url(url, "has a bad port (want a number 1-65535)")
    db = parts.path.strip("/")
    if db and not db.isdigit():
        raise bad_url(url, f"has database {db!r} (want a number such as 0)")
