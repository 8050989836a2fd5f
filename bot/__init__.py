"""IT Support Advisor's core, and the one entry point every channel uses.

    from bot import Settings, build_advisor, UserInput, session_id

    advisor = build_advisor(Settings.from_env())
    turn = advisor.handle(session_id("slack", team, channel, thread), UserInput(text="what is an MSP?"))
    turn = await advisor.ahandle(None, UserInput(option="flow.advisor"))   # None starts a conversation
    advisor.start(session)      # the greeting (/start, a widget opening, an App Home)
    advisor.summary(session)    # the guided advisor's result as Markdown, or None

Channels read inputs with `parse_input` / `parse_json` (one parser for the JSON-lines
terminal and the HTTP API) and render `Turn`s; they never touch the engine or the
knowledge. Names are imported on first use, so `import bot` stays cheap.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Advisor": "service", "Summary": "service", "TurnObserver": "service",
    "Settings": "config",
    "build_advisor": "wiring",
    "Turn": "types", "Reply": "types", "Option": "types", "UserInput": "types", "short_option_id": "types",
    "Inbound": "contract", "parse_input": "contract", "parse_json": "contract", "parse_line": "contract",
    "session_id": "session_ids", "new_session_id": "session_ids",
    "AdvisorError": "errors", "ConfigError": "errors", "InputError": "errors", "InvalidSession": "errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:   # "X as X": explicit re-exports, so strict type checkers see the names
    from .config import Settings as Settings
    from .contract import Inbound as Inbound
    from .contract import parse_input as parse_input
    from .contract import parse_json as parse_json
    from .contract import parse_line as parse_line
    from .errors import AdvisorError as AdvisorError
    from .errors import ConfigError as ConfigError
    from .errors import InputError as InputError
    from .errors import InvalidSession as InvalidSession
    from .service import Advisor as Advisor
    from .service import Summary as Summary
    from .service import TurnObserver as TurnObserver
    from .session_ids import new_session_id as new_session_id
    from .session_ids import session_id as session_id
    from .types import Option as Option
    from .types import Reply as Reply
    from .types import Turn as Turn
    from .types import UserInput as UserInput
    from .types import short_option_id as short_option_id
    from .wiring import build_advisor as build_advisor


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'bot' has no attribute {name!r}")
    return getattr(import_module(f"bot.{_EXPORTS[name]}"), name)
