"""The area's summary: every unit of a province for a period, against the catalog's targets, as a
spreadsheet, a CSV file or a consolidated report."""
