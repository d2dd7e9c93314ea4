"""Sorting as a Vietnamese reader expects (Đ after D, tones after the bare letter), through QCollator."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale, QSortFilterProxyModel

T = TypeVar("T")


def collator(locale: QLocale | None = None) -> QCollator:
    """A collator for the current language (or *locale*): Vietnamese rules, numbers compared as numbers."""
    c = QCollator(locale if locale is not None else QLocale())
    c.setNumericMode(True)
    c.setCaseSensitivity(c.caseSensitivity().CaseInsensitive)
    return c


def sorted_by(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    c = collator()
    return sorted(items, key=lambda item: c.sortKey(key(item)))


class CollatingProxy(QSortFilterProxyModel):
    """A sort proxy that compares text with QCollator and numbers (the sort role) as numbers."""

    def lessThan(self, left, right) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return collator().compare(str(a or ""), str(b or "")) < 0
