"""Settings from the environment, read once, with precise errors.

Takes the environment as an argument (like Starlette's Config(environ=...)) so
tests pass a dict instead of patching os.environ. Each channel reads only its own
section; secrets are kept out of every repr, so a logged Settings shows none.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

_DURATION = re.compile(r"^\s*(\d{1,12})\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_TTL = 7 * 86400
MIN_TTL, MAX_TTL = 60, 365 * 86400
_RATE = re.compile(r"^\s*(\d{1,6})\s*/\s*(second|minute|hour|day)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class WebSettings:
    allowed_origins: tuple[str, ...] = ()      # sites that may embed the widget (CORS)
    rate_limit: str | None = "30/minute"       # per client address and per session; None = off
    max_text: int = 2000                       # longer text is refused with 413


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)   # xapp-...: Socket Mode
    api_url: str | None = None                 # Web API base URL (tests, GovSlack)
    command: str = "/advisor"
    handoff_channel: str | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.bot_token and (self.signing_secret or self.app_token))

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


@dataclass(frozen=True)
class TelegramSettings:
    token: str | None = field(default=None, repr=False)
    mode: str = "auto"                         # auto | polling | webhook
    webhook_url: str | None = None
    secret_token: str | None = field(default=None, repr=False)
    api_url: str | None = None                 # base_url as python-telegram-bot takes it

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def polling(self) -> bool:
        return self.enabled and (self.mode == "polling" or (self.mode == "auto" and not self.webhook_url))


@dataclass(frozen=True)
class Settings:
    store: str = "sqlite://"
    session_ttl: int = DEFAULT_TTL
    content: Path | None = None
    human_contact: str | None = None
    log_level: str = "WARNING"
    log_format: str = "text"                   # text | json (one JSON object per line)
    log_text: bool = False                     # put users' message text in INFO logs
    reload: bool = True                        # `serve` picks up edits to the content
    cache: bool = True                         # keep the compiled content in the user cache folder
    web: WebSettings = WebSettings()
    slack: SlackSettings = SlackSettings()
    telegram: TelegramSettings = TelegramSettings()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        content = env.get("ADVISOR_CONTENT")
        return cls(
            store=env.get("ADVISOR_STORE", "sqlite://").strip() or "sqlite://",
            session_ttl=_ttl(env.get("ADVISOR_SESSION_TTL")),
            content=Path(content) if content else None,
            human_contact=_opt(env, "ADVISOR_HUMAN_CONTACT"),
            log_level=_level(env.get("ADVISOR_LOG_LEVEL", "WARNING")),
            log_format=_choice("ADVISOR_LOG_FORMAT", env.get("ADVISOR_LOG_FORMAT"), ("text", "json")),
            log_text=_choice("ADVISOR_LOG_TEXT", env.get("ADVISOR_LOG_TEXT"), ("off", "on")) == "on",
            reload=_choice("ADVISOR_RELOAD", env.get("ADVISOR_RELOAD"), ("on", "off")) == "on",
            cache=_choice("ADVISOR_CACHE", env.get("ADVISOR_CACHE"), ("on", "off")) == "on",
            web=_web(env),
            slack=_slack(env),
            telegram=_telegram(env),
        )


def _opt(env: Mapping[str, str], name: str) -> str | None:
    return (env.get(name) or "").strip() or None


def _web(env: Mapping[str, str]) -> WebSettings:
    return WebSettings(
        allowed_origins=_origins(env.get("ADVISOR_ALLOWED_ORIGINS", "")),
        rate_limit=_rate(env.get("ADVISOR_RATE_LIMIT")),
        max_text=_int("ADVISOR_MAX_TEXT", env.get("ADVISOR_MAX_TEXT"), 2000, 1, 100_000),
    )


def _slack(env: Mapping[str, str]) -> SlackSettings:
    command = _opt(env, "ADVISOR_SLACK_COMMAND") or "/advisor"
    if not re.fullmatch(r"/[a-z0-9_-]{1,31}", command):
        raise ConfigError(f"ADVISOR_SLACK_COMMAND '{command}' is not a slash command; use e.g. /advisor")
    return SlackSettings(
        bot_token=_opt(env, "SLACK_BOT_TOKEN"),
        signing_secret=_opt(env, "SLACK_SIGNING_SECRET"),
        app_token=_opt(env, "SLACK_APP_TOKEN"),
        api_url=_url("SLACK_API_URL", _opt(env, "SLACK_API_URL")),
        command=command,
        handoff_channel=_opt(env, "ADVISOR_SLACK_HANDOFF_CHANNEL"),
    )


def _telegram(env: Mapping[str, str]) -> TelegramSettings:
    mode = (_opt(env, "TELEGRAM_MODE") or "auto").lower()
    if mode not in ("auto", "polling", "webhook"):
        raise ConfigError(f"TELEGRAM_MODE '{mode}' is not a mode; use polling or webhook")
    webhook = _url("TELEGRAM_WEBHOOK_URL", _opt(env, "TELEGRAM_WEBHOOK_URL"))
    if mode == "webhook" and not webhook:
        raise ConfigError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (the public https URL)")
    secret = _opt(env, "TELEGRAM_WEBHOOK_SECRET")
    if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256 characters)")
    return TelegramSettings(
        token=_opt(env, "TELEGRAM_BOT_TOKEN"),
        mode=mode,
        webhook_url=webhook,
        secret_token=secret,
        api_url=_url("TELEGRAM_API_URL", _opt(env, "TELEGRAM_API_URL")),
    )


def _ttl(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_TTL
    m = _DURATION.match(raw)
    seconds = int(m.group(1)) * _UNIT[m.group(2)] if m else 0
    if not MIN_TTL <= seconds <= MAX_TTL:
        raise ConfigError(f"ADVISOR_SESSION_TTL '{raw.strip()[:40]}' is not a duration between a minute "
                          "and a year; use seconds or a number with s, m, h or d (e.g. 604800 or 7d)")
    return seconds


def _choice(name: str, raw: str | None, allowed: tuple[str, ...]) -> str:
    """One of `allowed` (the first is the default when unset)."""
    value = (raw or "").strip().lower() or allowed[0]
    if value not in allowed:
        raise ConfigError(f"{name} '{raw}' is not one of: {', '.join(allowed)}")
    return value


def _level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"ADVISOR_LOG_LEVEL '{raw}' is not a level; use DEBUG, INFO, WARNING or ERROR")
    return level


def _origins(raw: str) -> tuple[str, ...]:
    origins = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    for origin in origins:
        if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?", origin):
            raise ConfigError(f"ADVISOR_ALLOWED_ORIGINS entry '{origin}' is not an origin; "
                              "use scheme://host[:port], e.g. https://www.example.com ('*' is not allowed)")
    return origins


def _rate(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return "30/minute"
    if raw.strip().lower() == "off":
        return None
    m = _RATE.match(raw)
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"ADVISOR_RATE_LIMIT '{raw}' is not a rate; use e.g. 30/minute, 5/second or off")
    return f"{int(m.group(1))}/{m.group(2).lower()}"


def _int(name: str, raw: str | None, default: int, low: int, high: int) -> int:
    if raw is None or not raw.strip():
        return default
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise ConfigError(f"{name} '{raw}' must be a whole number from {low} to {high}")
    return int(raw)


def _url(name: str, raw: str | None) -> str | None:
    if raw is not None and not re.fullmatch(r"https?://\S+", raw):
        raise ConfigError(f"{name} '{raw}' is not an http(s) URL")
    return raw
