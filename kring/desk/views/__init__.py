"""The pages of the steunpunt desk, one module per part (see urls.py)."""
