"""A decision that is not applied (no heavy import here, so that the command line catches it cheaply)."""


class DecisionRefused(Exception):
    """The decision is not applied; `code` names the reason, the message says it and what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
