"""Telegram updates -> (session, UserInput) -> the advisor -> messages back.

A private chat is one conversation. In a group each person has their own, and the
bot speaks only when spoken to (a command, an @mention, a reply to it), answering
as a reply to the message that asked: that reply is also how a pressed button
knows whose conversation it belongs to, so nobody can drive someone else's.
The update id is the idempotency key, so an update Telegram delivers twice
changes nothing the second time and is not answered again.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from telegram import Bot, CallbackQuery, Message, MessageEntity, Update, User
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot import Advisor, UserInput, session_id

from . import send
from .render import DONE, SUMMARY, Outgoing, chosen, to_html
from .send import Target

log = logging.getLogger("advisor.telegram")
CHANNEL = "telegram"
GREETING = "meta.greeting"
COMMANDS = {   # command -> the option it sends (contract node ids); "summary" is the document
    "start": GREETING,
    "help": "meta.help",
    "advise": "flow.advisor",
    "calculator": "flow.downtime_calculator",
    "summary": None,
    "restart": "meta.restart",
}
Context = ContextTypes.DEFAULT_TYPE


class TelegramChannel:
    def __init__(self, advisor: Advisor, texts: Mapping[str, str]):
        self.advisor = advisor
        self.texts = texts

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        fresh = filters.UpdateType.MESSAGE
        return [
            CommandHandler(list(COMMANDS), self.on_command, filters=fresh),
            MessageHandler(fresh & filters.TEXT & filters.ChatType.PRIVATE, self.on_text),
            MessageHandler(fresh & filters.TEXT & ~filters.COMMAND & filters.ChatType.GROUPS, self.on_text),
            CallbackQueryHandler(self.on_button),
        ]

    async def on_command(self, update: Update, context: Context) -> None:
        message, user = update.message, update.effective_user
        if message is None or message.text is None or user is None:
            return
        command = message.text.split()[0].split("@")[0].lstrip("/").lower()
        target = _target(message, user)
        option = COMMANDS.get(command)
        if option is None:
            await self.send_summary(context.bot, target)
            return
        answered = await self._turn(context.bot, target, UserInput(option=option, id=str(update.update_id)))
        if answered and command in ("start", "help") and target.reply_to is not None:
            hint = self.texts["group_hint"].format(mention="@" + (context.bot.username or ""))
            await send.send(context.bot, target, Outgoing(to_html(hint)))

    async def on_text(self, update: Update, context: Context) -> None:
        message, user = update.message, update.effective_user
        if message is None or message.text is None or user is None:
            return
        text = message.text
        if message.chat.type != ChatType.PRIVATE:
            addressed = _addressed(message, context.bot)
            if addressed is None:
                return
            text = addressed
        inp = UserInput(text=text, id=str(update.update_id)) if text else \
            UserInput(option=GREETING, id=str(update.update_id))
        await self._turn(context.bot, _target(message, user), inp)

    async def on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None or query.message is None:
            return
        owner = _owner(query)
        if owner is not None and owner.user_id != query.from_user.id:
            await send.answer(query, self.texts["not_yours"])
            return
        await send.answer(query)
        data = query.data or ""
        if data == DONE:
            return
        chat = query.message.chat
        target = Target(chat.id, _session(chat.id, query.from_user.id, chat.type),
                        owner.message_id if owner else None)
        if data == SUMMARY:
            await self.send_summary(context.bot, target)
            return
        await send.replace_keyboard(query, chosen(_label_of(query, data), self.texts))
        await self._turn(context.bot, target, UserInput(option=data, id=str(update.update_id)))

    async def send_summary(self, bot: Bot, target: Target) -> None:
        result = await self.advisor.aresult(target.session)
        if result.markdown is None:
            await send.send(bot, target, Outgoing(to_html(result.instead)))
            return
        await send.send_document(bot, target, result.markdown, self.texts["summary_filename"],
                                 self.texts["summary_caption"])

    async def _turn(self, bot: Bot, target: Target, inp: UserInput) -> bool:
        """Whether the turn was new (and so sent); a redelivered update's turn is not."""
        turn = await self.advisor.ahandle(target.session, inp, channel=CHANNEL)
        if turn.replayed:
            return False
        await send.send_turn(bot, target, turn, self.texts)
        return True


@dataclass(frozen=True)
class _Owner:
    """Whose conversation a group message's buttons belong to: the author of the
    message the bot was answering (None when that message is gone: nobody may press)."""

    user_id: int | None
    message_id: int


def _owner(query: CallbackQuery) -> _Owner | None:
    message = query.message
    if message is None or message.chat.type == ChatType.PRIVATE:
        return None
    asked = message.reply_to_message if isinstance(message, Message) else None
    if asked is None or asked.from_user is None:
        return _Owner(None, 0)
    return _Owner(asked.from_user.id, asked.message_id)


def _session(chat_id: int, user_id: int, chat_type: str) -> str:
    if chat_type == ChatType.PRIVATE:
        return session_id(CHANNEL, chat_id)
    return session_id(CHANNEL, chat_id, user_id)


def _target(message: Message, user: User) -> Target:
    chat = message.chat
    group = chat.type != ChatType.PRIVATE
    return Target(chat.id, _session(chat.id, user.id, chat.type), message.message_id if group else None)


def _addressed(message: Message, bot: Bot) -> str | None:
    """The text meant for the bot (mentions taken out), or None when the bot isn't addressed."""
    text = message.text or ""
    handle = "@" + (bot.username or "").lower()
    mentions = [value for entity, value in message.parse_entities(
                    [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items()
                if (entity.type == MessageEntity.MENTION and value.lower() == handle)
                or (entity.user is not None and entity.user.id == bot.id)]
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None \
        and message.reply_to_message.from_user.id == bot.id
    if not mentions and not replied:
        return None
    for value in mentions:
        text = text.replace(value, " ")
    return " ".join(text.split())


def _label_of(query: CallbackQuery, data: str) -> str:
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return data
