"""The submission file: the report, the assessment and its evidence in one signed PDF; export and verify."""

from dtdesktop.exchange.errors import ExchangeError

__all__ = ["ExchangeError"]
