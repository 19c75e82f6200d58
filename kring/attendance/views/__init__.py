"""The pages of attendance, one module per part (see urls.py)."""
