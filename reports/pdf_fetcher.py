"""The URL fetcher WeasyPrint renders the report with: only our static files and data: URIs
(reports.safety says why and checks every URL). Apart from reports.safety because it is a WeasyPrint
class: reports.safety.static_only_url_fetcher imports it, and WeasyPrint with it, on first use."""
import mimetypes
from urllib.parse import urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.safety import RefusedURL, decode_data_uri, find_static_file, static_path_of


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
static_only_url_fetcher = StaticOnlyURLFetcher()
