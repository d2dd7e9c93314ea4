"""Answer values: what an officer can enter for each input type, parsed and checked at the boundary."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.i18n import _
from dtdesktop.text import nfc, parse_decimal

MAX_TEXT = 20_000
MAX_NUMBER = 1e12


@dataclass(frozen=True, slots=True)
class Ratio:
    """A percentage typed as numerator and denominator (e.g. 45 of 60 households)."""

    numerator: float
    denominator: float

    @property
    def percent(self) -> float:
        return self.numerator * 100.0 / self.denominator  # one rounding: 601/1000 gives exactly 60.1


AnswerValue = bool | float | str | Ratio


class AnswerError(ValueError):
    """A value that does not fit its indicator; the message ("CODE: what to enter instead") names the
    indicator, so that a list of problems (an answers file) says which one."""

    @property
    def sentence(self) -> str:
        """The message without the code in front, as a sentence, where the indicator is already in view
        (the window's answer field)."""
        text = str(self)
        _code, sep, rest = text.partition(": ")
        rest = rest if sep else text
        return rest[:1].upper() + rest[1:]


_TRUE = {"true", "yes", "y", "1", "có", "co", "đạt", "dat", "x"}
_FALSE = {"false", "no", "n", "0", "không", "khong", "chưa", "chua"}


def _number(raw: Any, ind: Indicator) -> float:
    if isinstance(raw, bool):
        raise AnswerError(_("{code}: expected a number, not yes/no.").format(code=ind.code))
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = parse_decimal(raw.rstrip("%").strip())
        except ValueError:
            if any(ch.isdigit() and not ch.isascii() for ch in raw):
                raise AnswerError(
                    _("{code}: type “{value}” with the digits 0 to 9.").format(code=ind.code, value=raw)
                ) from None
            raise AnswerError(
                _("{code}: “{value}” is not a number.").format(code=ind.code, value=raw)
            ) from None
    else:
        raise AnswerError(_("{code}: expected a number.").format(code=ind.code))
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise AnswerError(_("{code}: the number is out of range.").format(code=ind.code))
    if value < 0:
        raise AnswerError(_("{code}: the value cannot be negative.").format(code=ind.code))
    return value


_WHOLE = re.compile(r"[0-9]{1,3}(?:[., \u00a0][0-9]{3})+|[0-9]+")  # 12, 1234, 1.234, 1,234, 1 234


def _count(raw: Any, ind: Indicator) -> float:
    """A count is a whole number; thousands may be grouped (1.234 or 1,234), a fraction is refused."""
    if isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
        raw = int(re.sub(r"[^0-9]", "", raw))
    value = _number(raw, ind)
    if not value.is_integer():
        raise AnswerError(
            _("{code}: a count is a whole number, such as 12 or 1.234, not “{value}”.").format(
                code=ind.code, value=raw
            )
        )
    return value


def _percent(raw: Any, ind: Indicator) -> float | Ratio:
    if isinstance(raw, Ratio):
        raw = {"numerator": raw.numerator, "denominator": raw.denominator}
    if isinstance(raw, str) and "/" in raw:
        num, _sep, den = raw.partition("/")
        raw = {"numerator": num, "denominator": den}
    if isinstance(raw, Mapping):
        if set(raw) != {"numerator", "denominator"}:
            msg = _('{code}: a percentage is given as {{"numerator": n, "denominator": d}}.')
            raise AnswerError(msg.format(code=ind.code))
        num, den = _number(raw["numerator"], ind), _number(raw["denominator"], ind)
        if den == 0:
            raise AnswerError(_("{code}: the denominator cannot be 0.").format(code=ind.code))
        if num > den:
            msg = _("{code}: the numerator ({num}) cannot exceed the denominator ({den}).")
            raise AnswerError(msg.format(code=ind.code, num=raw["numerator"], den=raw["denominator"]))
        return Ratio(num, den)
    value = _number(raw, ind)
    if value > 100:
        raise AnswerError(_("{code}: a percentage cannot exceed 100.").format(code=ind.code))
    return value


def parse_value(ind: Indicator, raw: Any) -> AnswerValue:
    """Check *raw* (from JSON or typed text) against the indicator's input type; NFC for text."""
    if ind.type == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().casefold() in _TRUE:
            return True
        if isinstance(raw, str) and raw.strip().casefold() in _FALSE:
            return False
        raise AnswerError(_("{code}: answer yes or no (true/false, có/không).").format(code=ind.code))
    if ind.type == "percent":
        return _percent(raw, ind)
    if ind.type == "count":
        return _count(raw, ind)
    if ind.type == "choice":
        code = nfc(str(raw)).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else None
        if code is None or ind.choice(code) is None:
            options = ", ".join(c.code for c in ind.choices)
            msg = _("{code}: “{value}” is not one of the choices ({options}).")
            raise AnswerError(msg.format(code=ind.code, value=raw, options=options))
        return code
    if not isinstance(raw, str):
        raise AnswerError(_("{code}: expected a text.").format(code=ind.code))
    text = nfc(raw)
    if len(text) > MAX_TEXT:
        raise AnswerError(
            _("{code}: the text is too long (at most {limit} characters).").format(
                code=ind.code, limit=MAX_TEXT
            )
        )
    return text


def to_json(value: AnswerValue) -> Any:
    """The JSON form of a value, the same that `parse_value` reads back."""
    if isinstance(value, Ratio):
        return {"numerator": _plain(value.numerator), "denominator": _plain(value.denominator)}
    if isinstance(value, float):
        return _plain(value)
    return value


def _plain(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def parse_answers(catalog: Catalog, raw: Any) -> tuple[dict[str, AnswerValue], list[str]]:
    """Parse a whole answers object keyed by indicator code; return the values and every problem found.

    A `null` value means "not answered" and is skipped.
    """
    if not isinstance(raw, Mapping):
        return {}, [_("The answers must be a JSON object keyed by indicator code.")]
    values: dict[str, AnswerValue] = {}
    problems: list[str] = []
    for key, item in raw.items():
        code = nfc(str(key))
        ind = catalog.indicator(code)
        if ind is None:
            problems.append(
                _("“{code}” is not an indicator of the catalog {catalog}.").format(
                    code=code, catalog=catalog.id
                )
            )
            continue
        if item is None:
            continue
        try:
            values[code] = parse_value(ind, item)
        except AnswerError as exc:
            problems.append(str(exc))
    return values, problems
