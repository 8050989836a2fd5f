"""The python-telegram-bot Application, built the same way for polling and for webhooks.

Outgoing calls go through AIORateLimiter (Telegram's flood limits, and a retry
after a 429), updates through a processor that keeps each chat in order while
chats run side by side, and every failure reaches one error handler that logs it.
The token is part of every Bot API URL, so it is scrubbed from the HTTP client's
(and the library's) log lines before any handler can print them: a logger's
filter sees only its own records, hence the list of loggers.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes

from bot import Advisor, ConfigError, Settings

from .handlers import COMMANDS, TelegramChannel
from .ordering import PerChatProcessor

log = logging.getLogger("advisor.telegram")
DEFAULT_API_URL = "https://api.telegram.org/bot"
ALLOWED_UPDATES = ("message", "callback_query")
RETRIES = 3               # re-sends after a 429, each after Telegram's retry_after
CONCURRENT_UPDATES = 64
TEXT_KEYS = ("download_summary", "summary_caption", "summary_filename", "chosen", "pick_one",
             "not_yours", "group_hint", "fit_score", "fit_score_alone",
             *(f"command_{name}" for name in COMMANDS))
_SECRET_LABEL = b"it-support-advisor telegram webhook secret"


def build_application(advisor: Advisor, settings: Settings, *, polling: bool) -> Application:  # type: ignore[type-arg]
    token = settings.telegram.token
    if not token:
        raise ConfigError("the Telegram channel needs TELEGRAM_BOT_TOKEN (the token @BotFather gave you)")
    texts = wording(advisor)
    hide_token(token)
    base_url = settings.telegram.api_url or DEFAULT_API_URL
    builder = (Application.builder().token(token).base_url(base_url).base_file_url(file_url(base_url))
               .rate_limiter(AIORateLimiter(max_retries=RETRIES))
               .concurrent_updates(PerChatProcessor(CONCURRENT_UPDATES)))
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    application.add_handlers(TelegramChannel(advisor, texts).handlers())
    application.add_error_handler(_on_error)
    application.bot_data["texts"] = texts
    return application


def wording(advisor: Advisor) -> Mapping[str, str]:
    texts = advisor.wording("telegram")
    missing = [key for key in TEXT_KEYS if key not in texts]
    if missing:
        raise ConfigError(f"dialogs/channels/telegram.yaml lacks texts: {', '.join(missing)}")
    return texts


async def register_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The command menu users see; registered at each start so it follows the YAML."""
    texts: Mapping[str, str] = application.bot_data["texts"]
    commands = [BotCommand(name, texts[f"command_{name}"]) for name in COMMANDS]
    try:
        await application.bot.set_my_commands(commands)
    except TelegramError as exc:
        log.warning("could not register the Telegram command menu: %s", exc)


def file_url(base_url: str) -> str:
    """python-telegram-bot's base_file_url beside a base_url: .../bot -> .../file/bot."""
    base = base_url.rstrip("/")
    return (base[:-len("/bot")] if base.endswith("/bot") else base) + "/file/bot"


def webhook_secret(settings: Settings) -> str:
    """TELEGRAM_WEBHOOK_SECRET, or one derived from the token, so that every instance
    agrees on it without configuration and it changes when the token does."""
    if settings.telegram.secret_token:
        return settings.telegram.secret_token
    token = (settings.telegram.token or "").encode("utf-8")
    return hmac.new(token, _SECRET_LABEL, hashlib.sha256).hexdigest()


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    where = f"update {update.update_id}" if isinstance(update, Update) else "a background task"
    error = context.error
    if isinstance(error, TelegramError):
        log.warning("Telegram call for %s failed: %s", where, error)
    else:
        log.error("handling %s failed", where, exc_info=error)


class _TokenFilter(logging.Filter):
    """Replaces bot tokens in httpx's request lines ("POST .../bot<token>/sendMessage")."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(token in message for token in self.tokens):
            for token in self.tokens:
                message = message.replace(token, "<redacted>")
            record.msg, record.args = message, None
        return True


_FILTER = _TokenFilter()
_TOKEN_LOGGERS = ("httpx", "advisor.telegram", "telegram", "telegram.ext", "telegram.Bot", "telegram.ext.ExtBot",
                  "telegram.ext.Application", "telegram.ext.Updater", "telegram.ext.AIORateLimiter")


def hide_token(token: str) -> None:
    _FILTER.tokens.add(token)
    for name in _TOKEN_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
