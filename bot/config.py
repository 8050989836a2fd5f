"""Settings from the environment, read once, with precise errors.

Takes the environment as an argument (like Starlette's Config(environ=...)) so
tests pass a dict instead of patching os.environ.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_TTL = 7 * 86400


@dataclass(frozen=True)
class Settings:
    store: str = "sqlite://"
    session_ttl: int = DEFAULT_TTL
    content: Path | None = None
    human_contact: str | None = None
    log_level: str = "WARNING"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        content = env.get("ADVISOR_CONTENT")
        return cls(
            store=env.get("ADVISOR_STORE", "sqlite://").strip() or "sqlite://",
            session_ttl=_duration("ADVISOR_SESSION_TTL", env.get("ADVISOR_SESSION_TTL")),
            content=Path(content) if content else None,
            human_contact=env.get("ADVISOR_HUMAN_CONTACT") or None,
            log_level=_level(env.get("ADVISOR_LOG_LEVEL", "WARNING")),
        )


def _duration(name: str, raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_TTL
    m = _DURATION.match(raw)
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"{name} '{raw}' is not a duration; use seconds or a number "
                          "with s, m, h or d (e.g. 604800 or 7d)")
    return int(m.group(1)) * _UNIT[m.group(2)]


def _level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"ADVISOR_LOG_LEVEL '{raw}' is not a level; use DEBUG, INFO, WARNING or ERROR")
    return level
