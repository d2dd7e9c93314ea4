"""The error of everything about keys, certificates and tokens."""


class IdentityError(Exception):
    """A key, certificate or token that cannot be used; the message says why and what to do."""
