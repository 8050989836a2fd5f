"""`advisor serve`: one process (or N workers) hosting every configured channel.

The web widget and API are always on; Slack mounts /slack/events (or opens a
Socket Mode connection) when its tokens are set; Telegram mounts /telegram/webhook
or polls, by TELEGRAM_* settings. Each worker builds the same app from the same
environment, so workers share nothing but the session store.
"""
from __future__ import annotations

import logging
import os
import signal
import tempfile

from starlette.applications import Starlette

from bot import Advisor, ConfigError, Settings, build_advisor
from bot.logs import configure as configure_logs

from .channels import ChannelMount
from .web import Metrics, build_app

log = logging.getLogger("advisor.serve")
GRACE_SECONDS = 10


def create_app(settings: Settings | None = None) -> Starlette:
    """The app factory uvicorn calls in each worker."""
    settings = settings or Settings.from_env()
    metrics = Metrics()
    advisor = build_advisor(settings, observer=metrics)
    advisor.warm()
    return build_app(advisor, settings, metrics=metrics, channels=channel_mounts(advisor, settings))


def worker_app() -> Starlette:
    """The factory each of N worker processes calls. A worker is a fresh process that never
    ran the command line, so it sets up logging the way the command line does first."""
    settings = Settings.from_env()
    configure_logs(settings.log_level, settings.log_format)
    return create_app(settings)


def channel_mounts(advisor: Advisor, settings: Settings) -> list[ChannelMount]:
    mounts: list[ChannelMount] = []
    if settings.slack.enabled:
        from .slack import mount as slack_mount

        mounts.append(slack_mount(advisor, settings))
    if settings.telegram.enabled:
        from .telegram import mount as telegram_mount

        mounts.append(telegram_mount(advisor, settings))
    return mounts


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> int:
    import uvicorn

    if workers < 1:
        raise ConfigError(f"--workers {workers}: use 1 or more")
    if workers > 1 and settings.telegram.polling:
        raise ConfigError("Telegram polling can run in one process only: use --workers 1, "
                          "or set TELEGRAM_WEBHOOK_URL to take updates by webhook")
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="advisor-metrics-")
    _announce(settings, host, port)
    # uvicorn re-raises SIGTERM/SIGINT once its graceful shutdown is done; with a no-op handler
    # in place that re-raise returns, and a finished shutdown exits 0 as process managers expect.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    # log_config=None: uvicorn's lines go through the logging the command line set up
    # (text or JSON lines, with request ids), not a format of its own.
    config = dict(host=host, port=port, log_level=settings.log_level.lower(), log_config=None, access_log=False,
                  timeout_graceful_shutdown=GRACE_SECONDS, server_header=False)
    if workers == 1:
        uvicorn.run(create_app(settings), **config)  # type: ignore[arg-type]
    else:
        uvicorn.run("adapters.serve:worker_app", factory=True, workers=workers, **config)  # type: ignore[arg-type]
    return 0


def _announce(settings: Settings, host: str, port: int) -> None:
    if not settings.human_contact:
        log.warning("ADVISOR_HUMAN_CONTACT is not set: users who ask for a person will be told the "
                    "advisor cannot put them through. Set it to how people reach your team.")
    channels = ["web"] + [name for name, on in (("slack", settings.slack.enabled),
                                                ("telegram", settings.telegram.enabled)) if on]
    print(f"IT Support Advisor on http://{host}:{port}/ (channels: {', '.join(channels)}); Ctrl-C to stop",
          flush=True)
