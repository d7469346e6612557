"""The chat history as the browser sends it back: only the recent, well-formed text messages are read.

The history is client data: a forged one may hold thousands of turns or anything at all. Gradio
validates it before the chat function runs and, on a bad entry, prints every error with its input
(megabytes on stderr). `History` replaces the Chatbot's data model so that the last MAX_MESSAGES
text messages are kept, everything else is dropped, and one short line is logged.
"""

from __future__ import annotations

import logging
from typing import Any

from gradio.components.chatbot import ChatbotDataMessages, Message, TextMessage
from pydantic import ValidationError, model_validator

MAX_MESSAGES = 100  # 50 questions and answers: far more than a follow-up needs
ROLES = {"user", "assistant"}
log = logging.getLogger(__name__)


class History(ChatbotDataMessages):
    """Chatbot messages, at most MAX_MESSAGES, text only (the chat has no files)."""

    @model_validator(mode="before")
    @classmethod
    def _recent_text(cls, data: Any) -> list[Message]:
        entries = data if isinstance(data, list) else [data]
        kept = [m for m in map(text_message, entries[-MAX_MESSAGES:]) if m is not None]
        if len(kept) < len(entries):  # one line, never the payload
            log.warning("chat history: read %d of %d messages; older or malformed ones ignored",
                        len(kept), len(entries))
        return kept


def text_message(entry: Any) -> Message | None:
    """The entry as a text message of the user or the assistant, or None if it is not one."""
    if not isinstance(entry, dict) or entry.get("role") not in ROLES:
        return None
    content = entry.get("content")
    if isinstance(content, str):  # the older {"role", "content": "text"} form
        content = [{"type": "text", "text": content}]
    try:
        message = Message.model_validate({"role": entry["role"], "content": content})
    except ValidationError:
        return None
    return message if all(isinstance(p, TextMessage) for p in message.content) else None
