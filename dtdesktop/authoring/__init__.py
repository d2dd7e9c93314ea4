"""Writing a criteria catalog as a spreadsheet and reading it back: for authors who work in Excel."""

from dtdesktop.authoring.read import XlsxError, read_xlsx, yaml_text
from dtdesktop.authoring.write import write_xlsx

__all__ = ["XlsxError", "read_xlsx", "write_xlsx", "yaml_text"]
