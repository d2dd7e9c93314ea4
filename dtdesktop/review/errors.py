"""The reviewer's errors: one sentence saying what is wrong and what to do (no heavy import here)."""


class ReviewError(Exception):
    """A review step that cannot be taken; the message says why and what to do."""
