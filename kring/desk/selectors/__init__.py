"""Reads of the steunpunt desk, one module per part."""
