"""A province's criteria decision: the signed PDF that publishes a catalog, and its installation."""
