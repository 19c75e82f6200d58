from typing import Any

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    return {"kring_demo": getattr(settings, "KRING_DEMO", False), "kring_require_2fa": settings.KRING_REQUIRE_2FA}
