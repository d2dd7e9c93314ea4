"""The error of building a submission file."""


class ExchangeError(Exception):
    """A submission cannot be written; the message says why and what to do."""
