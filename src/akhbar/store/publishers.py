"""Publisher keys of the search store: the forms under which ``--publisher`` finds an outlet.

An outlet is found by its name (search form: ``الشرق الأوسط`` -> ``الشرق الاوسط``), by a dataset's source
id (``akhbar.page.metadata.SNN_PUBLISHERS``: ``okaz`` for عكاظ) and by its web host, without a
``www.``/``m.``-style first label (``http://www.okaz.com.sa/x`` -> ``okaz``, ``okaz com sa``).
:func:`publisher_keys` gives the keys stored for an article, :func:`query_publisher_keys` those a query
is looked up under.
"""

from __future__ import annotations

import functools

from akhbar.store.text import publisher_key

__all__ = ["publisher_keys", "query_publisher_keys"]


def _host_keys(url: str | None) -> set[str]:
    """Publisher keys from a URL's host: ``http://www.okaz.com.sa/x`` -> ``okaz``, ``okaz com sa``.
    An ``http(s)://`` URL is looked up by its scheme and authority alone (all its host depends on, in
    ``urlsplit``), so a site's URLs are split once."""
    u = url or ""
    if u.startswith(("http://", "https://")):
        start = u.index("//") + 2
        ends = [j for j in (u.find("/", start), u.find("?", start), u.find("#", start)) if j != -1]
        head = u[: min(ends)] if ends else u
        if head.isprintable() and " " not in head:  # no character urlsplit strips or removes
            return set(_url_host_keys(head))
    return set(_url_host_keys.__wrapped__(u))


@functools.lru_cache(maxsize=65536)
def _url_host_keys(url: str) -> frozenset[str]:
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return frozenset()
    return _hostname_keys(host)


@functools.lru_cache(maxsize=65536)
def _hostname_keys(host: str) -> frozenset[str]:
    from akhbar.page.metadata import HOST_PREFIXES  # the refine stages strip the same labels

    labels = [x for x in host.split(".") if x]
    while labels and labels[0] in HOST_PREFIXES:
        labels = labels[1:]
    if not labels:
        return frozenset()
    return frozenset({publisher_key(labels[0]), publisher_key(".".join(labels))} - {""})


def query_publisher_keys(publisher: str) -> list[str]:
    """Keys to look ``--publisher`` up under (sorted list of str): its own search form, and, when it is
    written as a web address (``www.okaz.com.sa``, ``https://m.okaz.com.sa/x``), the host's keys without
    its ``www.``/``m.``-style label (the keys :func:`publisher_keys` stores for the outlet's URLs)."""
    keys = {publisher_key(publisher)}
    p = publisher.strip()
    if "." in p and not any(c.isspace() for c in p):
        keys |= _host_keys(p if p.startswith(("http://", "https://")) else "http://" + p)
    return sorted(keys - {""})


@functools.lru_cache(maxsize=4096)
def _name_keys(publisher: str) -> frozenset[str]:
    from akhbar.page.metadata import SNN_PUBLISHERS

    keys = {publisher_key(publisher)}
    keys.update(publisher_key(k) for k, v in SNN_PUBLISHERS.items() if v == publisher)
    if publisher in SNN_PUBLISHERS:  # an outlet stored by its id (alyaum, from its site) by its name too (اليوم)
        keys.add(publisher_key(SNN_PUBLISHERS[publisher]))
    return frozenset(keys)


def publisher_keys(publisher: str, url: str | None = None) -> set[str]:
    """Keys under which ``--publisher`` finds an outlet: its name (search form), its dataset
    source ids (``akhbar.page.metadata.SNN_PUBLISHERS``: ``okaz`` for عكاظ) and its URL host
    (the keys of a name and of a host are computed once per process: the store calls this per article)."""
    return set(_name_keys(publisher) | _host_keys(url)) - {""}
