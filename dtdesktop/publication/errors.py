"""A criteria decision that cannot be written or installed (no heavy import, for the command line)."""


class PublicationError(Exception):
    """Nothing was written or installed; `code` names the reason, the message says it and what to do."""

    def __init__(self, code: str, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.code = code
        self.problems = problems  # every problem of a catalog that does not validate, one sentence each
