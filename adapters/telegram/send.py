"""Everything the bot posts goes through here, so a Telegram refusal is logged, never raised.

A user who blocked the bot (403), a chat that no longer exists (400) or a flood
limit outlasting the rate limiter's retries (429) must not stop the bot: the
cause is logged and the rest of that turn is dropped (sending more to a chat that
refused one message would only fail again, or arrive out of order).
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, InputFile, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot import Turn

from .render import Outgoing, render_turn

log = logging.getLogger("advisor.telegram")
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class Target:
    """Where a conversation's answers go: its chat, and in a group the message they answer
    (so the thread shows whose conversation it is, and its buttons know their owner)."""

    chat_id: int
    session: str
    reply_to: int | None = None

    @property
    def reply(self) -> ReplyParameters | None:
        if self.reply_to is None:
            return None
        return ReplyParameters(self.reply_to, allow_sending_without_reply=True)


async def send_turn(bot: Bot, target: Target, turn: Turn, texts: Mapping[str, str]) -> None:
    for message in render_turn(turn, texts):
        if not await send(bot, target, message):
            return


async def send(bot: Bot, target: Target, message: Outgoing) -> bool:
    return await _guard(f"sendMessage to chat {target.chat_id}", bot.send_message(
        chat_id=target.chat_id, text=message.html, parse_mode=ParseMode.HTML,
        reply_markup=message.keyboard, reply_parameters=target.reply, link_preview_options=_NO_PREVIEW))


async def send_document(bot: Bot, target: Target, content: str, filename: str, caption: str) -> bool:
    document = InputFile(content.encode("utf-8"), filename=filename)
    return await _guard(f"sendDocument to chat {target.chat_id}", bot.send_document(
        chat_id=target.chat_id, document=document, caption=caption, reply_parameters=target.reply))


async def answer(query: CallbackQuery, text: str | None = None) -> bool:
    """Stops the button's spinner; a query already answered or too old is not worth more."""
    return await _guard(f"answerCallbackQuery {query.id}", query.answer(text=text))


async def replace_keyboard(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> bool:
    return await _guard(f"editMessageReplyMarkup in chat {_chat_of(query)}",
                        query.edit_message_reply_markup(reply_markup=markup))


async def _guard(what: str, call: Awaitable[object]) -> bool:
    try:
        await call
    except Forbidden as exc:
        log.info("%s refused (the user blocked the bot or left the chat): %s", what, exc.message)
    except RetryAfter as exc:
        log.warning("%s dropped after the rate limiter's retries: %s", what, exc)
    except BadRequest as exc:
        quiet = "not modified" in exc.message or "query is too old" in exc.message
        log.log(logging.DEBUG if quiet else logging.WARNING, "%s refused: %s", what, exc.message)
    except TelegramError as exc:
        log.warning("%s failed: %s", what, exc)
    else:
        return True
    return False


def _chat_of(query: CallbackQuery) -> int | None:
    return query.message.chat.id if query.message else None
