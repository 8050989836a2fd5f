"""The interactive terminal chat: works typed at a prompt (with line editing and history)
or with text piped in."""
from __future__ import annotations

import sys

from bot import Advisor, Turn, UserInput

from .render import render

PROMPT = "you> "
SUMMARY_COMMAND = "/summary"


def run_chat(advisor: Advisor, session: str, *, resume: bool = False) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        import readline  # noqa: F401  (imported for its side effect: arrow keys and history in input())
    color = sys.stdout.isatty()
    if resume and interactive:
        print(advisor.message("chat_resuming", session=session))
    _show(advisor.start(session), color)
    while True:
        try:
            line = input(PROMPT) if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not interactive and line == "":
            return 0
        if not interactive:
            print(PROMPT + line.rstrip("\n"))
        if line.strip() == SUMMARY_COMMAND:
            result = advisor.result(session)
            print(result.markdown or result.instead, end="\n\n")
            continue
        _show(advisor.handle(session, UserInput(text=line)), color)


def _show(turn: Turn, color: bool) -> None:
    print(render(turn, color=color))
    print()
