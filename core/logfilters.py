"""Log lines never keep a 身份证号 or a mobile in clear: the server's request lines hold the query
string, and with it whatever was typed in a search box."""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import unquote_plus

from core.masking import mask_text


class MaskPersonalData(logging.Filter):
    """Masks the formatted message of every record a handler writes (its arguments included).

    A request line carries the query percent-encoded, and a number may be typed in full-width
    digits (a Chinese input method): a line that holds personal data once decoded is written
    decoded and masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        decoded = unicodedata.normalize("NFKC", unquote_plus(message)) if "%" in message or "+" in message else message
        if decoded != message and mask_text(decoded) != decoded:
            masked = mask_text(decoded)
        if masked != message:
            record.msg, record.args = masked, None
        # a traceback is formatted after the filters ran; a database error's text may quote a
        # number ("Key (id_number)=(…) already exists"), so it is formatted and masked here
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True
