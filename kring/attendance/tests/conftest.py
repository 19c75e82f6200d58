from kring.attendance.tests.helpers_import import import_world

__all__ = ["import_world"]
