"""Response headers the site adds to what Django's SecurityMiddleware and django-csp send.

- Permissions-Policy: the browser features the intranet never uses are switched off for it and
  anything it might embed.
- Cache-Control on downloads: a PDF or a spreadsheet holds names, posts and amounts; no proxy or
  shared browser cache may keep a copy (private, no-store), whichever view sent it (the report,
  the published editions, the desks' exports and blank templates, the admin's exports).
"""
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "usb",
    "xr-spatial-tracking",
))
DOWNLOAD_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",  # xlsx
    "application/vnd.ms-excel",                                           # xls
    "text/csv",
)
NO_STORE = "private, no-store"


def is_download(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in DOWNLOAD_TYPES or response.get("Content-Disposition", "").startswith("attachment")


class SiteHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_download(response):
            response["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
        return response
