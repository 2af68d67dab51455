"""Printed handouts (ReportLab only: no Qt, no SQL)."""
