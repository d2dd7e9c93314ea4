"""dtdesktop: assess a commune's digital transformation offline, against its province's criteria."""

__version__ = "0.1.0"
