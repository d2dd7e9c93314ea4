"""The one error a report can raise: the shipped fonts are missing or unreadable."""


class ReportError(Exception):
    """A report cannot be made; the message says why and what to do."""
