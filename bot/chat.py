"""The interactive terminal chat: works typed at a prompt or with text piped in."""
from __future__ import annotations

import sys

from .service import Advisor
from .terminal import render
from .types import UserInput

PROMPT = "you> "
SUMMARY_COMMAND = "/summary"


def run_chat(advisor: Advisor, session: str, *, resume: bool = False) -> int:
    interactive = sys.stdin.isatty()
    messages = advisor.engine.kb.messages
    color = sys.stdout.isatty()
    if not (resume and advisor.state(session)):
        _show(advisor.handle(session, UserInput(option="meta.greeting")), color)
    elif interactive:
        print(messages["chat_resuming"].format(session=session))
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
            print(advisor.summary(session) or messages["no_summary"], end="\n\n")
            continue
        _show(advisor.handle(session, UserInput(text=line)), color)


def _show(turn, color: bool) -> None:
    print(render(turn, color=color))
    print()
