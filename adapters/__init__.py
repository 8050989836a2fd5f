"""Channels: thin bridges between a platform and the core's one entry point (`bot.Advisor`).

Every adapter does the same three things, in the same order: turn the platform's
event into a `UserInput` and a session id, call `advisor.handle` / `ahandle`, and
turn the `Turn` into the platform's messages. Wording, access rules and dialog
logic stay in the core and in dialogs/.
"""
