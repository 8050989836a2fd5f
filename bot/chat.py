"""The interactive terminal chat: works typed at a prompt or with text piped in."""
from __future__ import annotations

import sys

from .service import Advisor
from .terminal import render
from .types import UserInput

PROMPT = "you> "


def run_chat(advisor: Advisor, session: str, *, resume: bool = False) -> int:
    interactive = sys.stdin.isatty()
    color = sys.stdout.isatty()
    if not (resume and advisor.state(session)):
        _show(advisor.handle(session, UserInput(option="meta.greeting")), color)
    elif interactive:
        print(f"(resuming conversation '{session}')")
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
        _show(advisor.handle(session, UserInput(text=line)), color)


def _show(turn, color: bool) -> None:
    print(render(turn, color=color))
    print()
