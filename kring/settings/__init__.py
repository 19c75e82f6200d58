"""Settings as a package: base holds what is shared, dev/test/production what differs.

Pick one with DJANGO_SETTINGS_MODULE; the `kring` command defaults to kring.settings.dev.
"""
