from django.urls import include, path

urlpatterns = [
    path("v1/", include(("kring.api.v1", "v1"), namespace="v1")),
]
