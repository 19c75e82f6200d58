from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "kring.children"
    label = "children"
