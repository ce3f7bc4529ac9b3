"""The site's own small views, outside any app."""
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page names: the site's icon (its hashed static
    URL, resolved per request as the manifest is only there after collectstatic), not a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
