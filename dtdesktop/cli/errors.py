"""Errors that the command line reports as one sentence, with the contract's exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A mistake the user can correct: printed as one sentence, never as a traceback."""

    def __init__(self, message: str, code: int = EXIT_CHECK_FAILED):
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(UserError):
    def __init__(self, message: str):
        super().__init__(message, EXIT_USAGE)
