"""Use cases of the steunpunt desk, one module per part."""
