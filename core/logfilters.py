"""Log lines never keep a 身份证号 or a mobile in clear: the server's request lines hold the query
string, and with it whatever was typed in a search box."""

from __future__ import annotations

import logging

from core.masking import mask_text


class MaskPersonalData(logging.Filter):
    """Masks the formatted message of every record a handler writes (its arguments included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
