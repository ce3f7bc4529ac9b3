"""Keep the PDF renderer away from everything but the project's own static files.

WeasyPrint fetches every URL it meets in the HTML and CSS: images, stylesheets,
@import, fonts, attachments. Its default fetcher opens file:// and http(s)://
URLs, so one unescaped string (or a template bug) could make the server read
/etc/passwd into a PDF or call an internal host. The report therefore renders
with `static_only_fetcher()`, which answers only:

- URLs under STATIC_URL on REPORT_BASE_URL (pass it as WeasyPrint's base_url),
  served from disk through the staticfiles finders, never over the network;
- data: URIs of images, fonts and stylesheets (nested URLs in them come back
  through this same fetcher).

Everything else (file://, http(s):// to any host, ftp:, traversal out of the
static directories) raises `RefusedURL`; WeasyPrint logs it and skips the resource.
The fetcher is a WeasyPrint class, so it is made on first use (`static_only_fetcher`): this
module's checks do not import WeasyPrint.

User text reaches the templates as plain text and Django escapes it. If a field
ever becomes rich text, pass it through `sanitise_html` before marking it safe.
Bidi controls are dropped from the whole print document (`strip_bidi_controls`, applied by
reports.typesetting) so that a typed U+202E cannot reverse a line.
"""
import base64
import mimetypes
import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import nh3
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join

# A reserved top-level domain (RFC 2606): nothing can ever answer for it, and the
# fetcher never opens a socket anyway; it only names "our static files".
REPORT_BASE_URL = "https://report.invalid/"
DATA_URI_MEDIA_TYPES = ("image/", "font/", "application/font", "application/x-font", "text/css")
MAX_DATA_URI_BYTES = 5 * 1024 * 1024

RICH_TEXT_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li"}

# The explicit bidi controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069),
# and the three marks (LRM, RLM, ALM). One U+202E typed into a name reversed the rest of its
# contact line ("☎4642" printed "2464"). Korean text needs none of them.
BIDI_CONTROLS = (
    {code: None for code in range(0x202A, 0x202F)}
    | {code: None for code in range(0x2066, 0x206A)}
    | {0x200E: None, 0x200F: None, 0x061C: None}
)


class RefusedURL(ValueError):
    """The report may not load this URL."""


def static_path_of(url: str) -> str:
    """The path below STATIC_URL that `url` names on REPORT_BASE_URL, or RefusedURL."""
    base = urlsplit(REPORT_BASE_URL)
    parts = urlsplit(url)
    if (parts.scheme.lower(), parts.netloc.lower()) != (base.scheme, base.netloc):
        raise RefusedURL(f"보고서는 외부 주소를 불러오지 않습니다: {url}")
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(static_prefix):
        raise RefusedURL(f"정적 파일이 아닌 주소입니다: {url}")
    relative = path[len(static_prefix):]
    if "\\" in relative or "\x00" in relative or not relative:
        raise RefusedURL(f"허용되지 않는 정적 파일 경로입니다: {url}")
    segments = relative.split("/")
    if any(segment in ("..", ".") for segment in segments) or relative.startswith("/"):
        raise RefusedURL(f"정적 파일 밖을 가리키는 경로입니다: {url}")
    if posixpath.normpath(relative) != relative:
        raise RefusedURL(f"정적 파일 경로가 올바르지 않습니다: {url}")
    return relative


def find_static_file(relative: str) -> Path:
    """The file on disk for a static path: the finders first, then STATIC_ROOT (collected)."""
    try:
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT:
            candidate = safe_join(str(settings.STATIC_ROOT), relative)
            found = candidate if Path(candidate).is_file() else None
    except SuspiciousFileOperation as error:
        raise RefusedURL(f"정적 파일 밖을 가리키는 경로입니다: {relative}") from error
    if not found or not Path(found).is_file():
        raise RefusedURL(f"정적 파일이 없습니다: {relative}")
    return Path(found)


def decode_data_uri(url: str) -> tuple[str, bytes]:
    """Media type and bytes of a data: URI of an allowed type (images, fonts, CSS)."""
    header, comma, payload = url[len("data:"):].partition(",")
    if not comma:
        raise RefusedURL("data: 주소의 형식이 올바르지 않습니다.")
    params = header.split(";")
    media_type = (params[0] or "text/plain").strip().lower()
    if not media_type.startswith(DATA_URI_MEDIA_TYPES):
        raise RefusedURL(f"허용되지 않는 data: 형식입니다: {media_type}")
    if len(payload) > MAX_DATA_URI_BYTES * 2:
        raise RefusedURL("data: 주소가 너무 큽니다.")
    if "base64" in (p.strip().lower() for p in params[1:]):
        body = base64.b64decode(unquote(payload), validate=False)
    else:
        body = unquote_to_bytes(payload)
    return media_type, body


@cache
def static_only_fetcher():
    """The URL fetcher the report renders with, made on first use: it
    is a WeasyPrint class, and importing WeasyPrint (0.45 s) is for the processes that typeset,
    not for every one that checks or cleans text."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """A WeasyPrint 70 URL fetcher (a `URLFetcher` with `fetch`) that serves only our static files.

        `fetch` never calls the parent class, so no urllib handler ever opens a file or socket.
        """

        def __init__(self, **kwargs):
            kwargs.setdefault("fail_on_errors", False)
            super().__init__(**kwargs)

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                media_type, body = decode_data_uri(url)
                return URLFetcherResponse(url, body, {"Content-Type": media_type})
            if scheme not in ("http", "https"):
                raise RefusedURL(f"보고서는 이 주소 형식을 불러오지 않습니다: {scheme or url}")
            path = find_static_file(static_path_of(url))
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})

        def __call__(self, url, timeout=10, ssl_context=None):
            # timeout and ssl_context are accepted for the pre-v70 function signature; nothing goes out.
            return self.fetch(url)

    # One shared instance: fetch keeps no state between calls, so threads may share it.
    return StaticOnlyURLFetcher()


def strip_bidi_controls(text: str) -> str:
    """Text without bidi controls, so that nothing typed can reorder a printed line."""
    return text.translate(BIDI_CONTROLS)


def bidi_controls_in(text: str) -> list[str]:
    """The bidi controls a text holds, as U+XXXX names (for check_report)."""
    return sorted({f"U+{ord(char):04X}" for char in text or "" if ord(char) in BIDI_CONTROLS})


def sanitise_html(text: str) -> str:
    """Rich text reduced to a few formatting tags without attributes or links."""
    return nh3.clean(text or "", tags=RICH_TEXT_TAGS, attributes={}, url_schemes=set(),
                     clean_content_tags={"script", "style"}, link_rel=None)
