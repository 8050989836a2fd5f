"""Starting and stopping the bot: inside `advisor serve` (webhook or polling) or alone.

Start-up asks Telegram who the bot is (getMe: its @username, for mentions),
registers the command menu, then either registers the webhook with its secret or
removes any webhook and polls. In `advisor serve` an unreachable Telegram is logged
and leaves the other channels running; a token Telegram refuses is a configuration
error everywhere.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from starlette.routing import Route
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot import Advisor, ConfigError, Settings, build_advisor
from bot.service import sweep_interval

from ..channels import ChannelMount
from .app import ALLOWED_UPDATES, build_application, register_commands, webhook_secret
from .webhook import PATH, WebhookEndpoint

log = logging.getLogger("advisor.telegram")
POLL_SECONDS = 10   # long-poll length of one getUpdates


class Runner:
    """`strict`: an unreachable Telegram is an error (the bot alone) rather than a logged
    outage that leaves the process serving its other channels."""

    def __init__(self, application: Application, settings: Settings, *,  # type: ignore[type-arg]
                 polling: bool, strict: bool):
        self.application = application
        self.settings = settings
        self.polling = polling
        self.strict = strict

    async def start(self) -> None:
        try:
            await self._start()
        except InvalidToken:
            raise ConfigError("Telegram refused TELEGRAM_BOT_TOKEN: copy the token @BotFather gave you "
                              "(/mybots -> API Token)") from None
        except TelegramError as exc:
            if self.strict:
                raise ConfigError(f"the Telegram Bot API failed at start-up ({exc}); check the network "
                                  "or TELEGRAM_API_URL") from None
            log.error("Telegram channel is off until restart: the Bot API failed at start-up (%s)", exc)

    async def _start(self) -> None:
        app = self.application
        await app.initialize()
        await register_commands(app)
        if self.polling:
            assert app.updater is not None
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=POLL_SECONDS,
                                            bootstrap_retries=3, error_callback=_polling_failed)
        else:
            await self._register_webhook()
        await app.start()

    async def stop(self) -> None:
        app = self.application
        try:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
        except Exception as exc:   # a server's shutdown hook must not raise (see ChannelMount)
            log.warning("stopping the Telegram bot: %s", exc)

    async def _register_webhook(self) -> None:
        url = self.settings.telegram.webhook_url
        if url and not url.rstrip("/").endswith(PATH):
            log.warning("TELEGRAM_WEBHOOK_URL should reach this server's %s (a proxy may map it)", PATH)
        try:
            await self.application.bot.set_webhook(url=url or "", secret_token=webhook_secret(self.settings),
                                                   allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
        except TelegramError as exc:
            log.error("could not register the Telegram webhook: %s", exc)


def mount(advisor: Advisor, settings: Settings) -> ChannelMount:
    """The Telegram channel for `advisor serve`: POST /telegram/webhook, or a polling loop."""
    polling = settings.telegram.polling
    application = build_application(advisor, settings, polling=polling)
    runner = Runner(application, settings, polling=polling, strict=False)
    routes = [] if polling else \
        [Route(PATH, WebhookEndpoint(application, webhook_secret(settings)).handle, methods=["POST"])]
    return ChannelMount("telegram", routes, runner.start, runner.stop)


def run_polling(settings: Settings) -> int:
    """`advisor telegram`: the bot alone, by long polling, until SIGINT or SIGTERM."""
    if not settings.telegram.enabled:
        raise ConfigError("`advisor telegram` needs TELEGRAM_BOT_TOKEN (the token @BotFather gave you)")
    if not settings.telegram.polling:
        raise ConfigError("TELEGRAM_WEBHOOK_URL is set, so Telegram delivers updates by webhook: run "
                          "`advisor serve`, or set TELEGRAM_MODE=polling to poll instead")
    advisor = build_advisor(settings)
    try:
        asyncio.run(_poll_until_stopped(advisor, settings))
    finally:
        advisor.close()
    return 0


async def _poll_until_stopped(advisor: Advisor, settings: Settings) -> None:
    runner = Runner(build_application(advisor, settings, polling=True), settings, polling=True, strict=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await runner.start()
    print("IT Support Advisor on Telegram (polling); Ctrl-C to stop", flush=True)
    sweeper = asyncio.create_task(advisor.sweep_forever(sweep_interval(settings.session_ttl)))
    try:
        await stop.wait()
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        await runner.stop()


def _polling_failed(exc: TelegramError) -> None:
    log.warning("polling Telegram failed, retrying: %s", exc)
