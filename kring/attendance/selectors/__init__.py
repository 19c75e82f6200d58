"""Reads of attendance, one module per part."""
