"""Printed reports: the commune's assessment report in the administrative document layout (ReportLab)."""

from dtdesktop.reports.errors import ReportError

__all__ = ["ReportError"]
