"""Use cases of attendance, one module per part."""
