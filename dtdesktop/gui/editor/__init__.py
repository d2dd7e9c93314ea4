"""The assessment editor: the criteria tree, the indicator panel, the live score."""
