"""Every error the advisor raises, in one place.

    AdvisorError
    ├── ContentError          author errors: knowledge/ or dialogs/ is wrong (file, line, fix hint)
    ├── ConfigError           a setting in the environment is wrong (says which and what to use)
    ├── InputError            a contract input object is unusable; carries the message key the
    │                         channel answers with (bad JSON, wrong types, a foreign session id)
    ├── InvalidSession        an adapter handed the core a session id it cannot hold: an adapter
    │                         bug, raised at once rather than silently starting a new conversation
    └── StoreError            the session store failed; the shell apologises and logs the cause
        ├── StoreUnavailable  for now: cannot be reached, timed out, locked (a retry may work)
        ├── StoreBroken       until someone fixes it: read-only, corrupt, full, refused
        │                     credentials (a retry will not help; the apology says so)
        └── StoreBusy         compare-and-set kept losing after the bounded retries

    VersionConflict is not an error the user ever sees: a store's put raises it when the
    expected version is stale, and the session runner re-runs the turn on fresh state.

User text is never an exception: bad input is answered with a reply. InputError is
the one exception to that, and only between the contract parser and its channel,
which turns it into a reply (or an HTTP 400) at once.
"""
from __future__ import annotations

from dataclasses import dataclass


class AdvisorError(Exception):
    """Base of everything raised on purpose by the advisor."""


@dataclass
class ContentProblem:
    """One problem found in the content, with enough to fix it."""

    file: str
    line: int | None
    rule: str
    message: str
    hint: str = ""
    node: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" [{self.node}]" if self.node else ""
        hint = f" (fix: {self.hint})" if self.hint else ""
        return f"{where}: {self.rule}{node}: {self.message}{hint}"


class ContentError(AdvisorError):
    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConfigError(AdvisorError):
    pass


class InputError(AdvisorError):
    """`key` names a message in dialogs/messages.yaml; `detail` fills its {detail}."""

    def __init__(self, key: str, detail: str = "", *, session: str | None = None):
        self.key = key
        self.detail = detail
        self.session = session
        super().__init__(f"{key}: {detail}" if detail else key)


class InvalidSession(AdvisorError, ValueError):
    pass


class StoreError(AdvisorError):
    pass


class StoreUnavailable(StoreError):
    pass


class StoreBroken(StoreError):
    pass


class StoreBusy(StoreError):
    pass


class VersionConflict(AdvisorError):
    """A put's expected version did not match the stored one."""
