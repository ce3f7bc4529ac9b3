"""The client's real address, for the lockout (django-axes) and the request log.

Behind the TLS proxy every request comes from the proxy's address (REMOTE_ADDR). The proxy names
the client in X-Forwarded-For, but anyone can send that header: it is believed only when the
request comes from one of TRUSTED_PROXIES, and then read from the right, skipping our own
proxies, so that addresses a client wrote in front of it are never taken for the client.
"""
import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """REMOTE_ADDR, or, when that is a trusted proxy, the right-most X-Forwarded-For hop that is not."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or not is_trusted(parse(remote), networks):
        return remote
    for hop in reversed(forwarded.split(",")):
        address = parse(hop)
        if address is None:
            return remote  # a hop our proxy did not write sensibly: believe nothing of the header
        if not is_trusted(address, networks):
            return str(address)
    return remote
