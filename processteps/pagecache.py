"""The page cache: the heavy pages of a project, rendered once per change of the project.

A project carries a ``revision`` that goes up after every change to it; a cached page is stored
under that revision (with the user, the language, the hour and the full path), so a change makes
every older copy unreachable and nothing is ever invalidated by hand. What raises the revision
is where writes come from, not what they write (bulk updates and deletes, which pass no model
signals, included):

- every request to a URL of a project that changed a row, whatever its method and its view
  (RevisionMiddleware watches the statements);
- every request to the admin site that changed a row raises every project's;
- every Celery task that wrote to the database raises every project's when it ends (a render
  that finished, a mail marked sent): tasks take ids, not projects, and are rare next to
  page views. No other writes happen outside requests except ``load_demo``, which makes new
  projects, and migrations.

The revision is in the database, so the cache may be per process (the default, ``locmem``)
or shared: it is never asked whether a copy is still good.

A page is cached per user (it shows the user's tasks and what the user's role may do); its
CSRF tokens are taken out before it is stored and the request's own put back when it is served.
A page that shows a message (after a redirect) is rendered and not stored; so is any answer
but 200. Only GET and HEAD are served from the cache.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

CACHE_ALIAS = "pages"
# A masked CSRF token (django.middleware.csrf: 64 characters of letters and digits) where the
# templates print one: the hidden input of a form and the hx-headers of the body.
_TOKEN = re.compile(
    r'(?P<before>name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}(?=")'
)
_PLACEHOLDER = "\x00csrf\x00"
# Each process keys its copies apart: a process runs one version of the code and templates, and
# a shared cache that outlives a deploy never serves the old version's pages.
_GENERATION = secrets.token_hex(6)


# -- raising the revision ------------------------------------------------------------------------


def revision_raise(project_pk: int) -> None:
    """The project's pages are rendered afresh from now on. Called after the writes committed
    (ATOMIC_REQUESTS is off: a view's transactions have ended when its response exists)."""
    from processteps.models import Project

    Project.objects.filter(pk=project_pk).update(revision=F("revision") + 1)


def revision_raise_all() -> None:
    from processteps.models import Project

    Project.objects.update(revision=F("revision") + 1)


class RevisionMiddleware:
    """Raises the project's revision after a request to one of its URLs (the URL pattern's
    ``project`` argument) that changed a row, whatever its method and its view; every
    project's after a request to the admin site that did. A refused request changed nothing and
    leaves the project's row as it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        watch = WriteWatch()
        with connection.execute_wrapper(watch):
            response = self.get_response(request)
        if watch.wrote:
            match = getattr(request, "resolver_match", None)
            if match is not None and match.kwargs.get("project") is not None:
                revision_raise(match.kwargs["project"])
            elif request.path.startswith(_admin_prefix()):
                revision_raise_all()
        return response


class WriteWatch:
    """A database execute wrapper that notes whether a statement changed a row (the sessions'
    table aside: signing in changes no project)."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.wrote and "django_session" not in sql:
            verb = sql.lstrip()[:6].upper()
            if verb == "INSERT":  # its rowcount says nothing before RETURNING rows are read
                self.wrote = True
            elif verb in ("UPDATE", "DELETE"):  # an UPDATE that matched nothing changed nothing
                cursor = context.get("cursor")
                self.wrote = cursor is None or cursor.rowcount != 0
        return result


@functools.cache
def _admin_prefix() -> str:
    from django.urls import reverse

    return reverse("admin:index")


_tasks = threading.local()


def task_started(**_kwargs) -> None:
    """Celery's task_prerun: watch the task's statements (a nested eager task shares them)."""
    depth = getattr(_tasks, "depth", 0)
    if depth == 0:
        _tasks.watch = WriteWatch()
        connection.execute_wrappers.append(_tasks.watch)
    _tasks.depth = depth + 1


def task_ended(**_kwargs) -> None:
    """Celery's task_postrun: a task that changed a row raises every project's revision."""
    _tasks.depth = getattr(_tasks, "depth", 1) - 1
    watch = getattr(_tasks, "watch", None)
    if _tasks.depth > 0 or watch is None:
        return
    _tasks.watch = None
    if watch in connection.execute_wrappers:
        connection.execute_wrappers.remove(watch)
    if watch.wrote:
        revision_raise_all()


# -- serving from the cache ----------------------------------------------------------------------


def cached_page(view):
    """Serve the view's 200 answers to GET from the cache, per (project revision, user, language,
    hour, full path, htmx target). The view keeps every check it has: a miss runs it whole, and a
    copy is only ever stored after the view answered 200 to that same user at that revision."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_ENABLED:
            return view(request, *args, **kwargs)
        revision = _revision(kwargs)
        if revision is None or _messages_waiting(request):
            return view(request, *args, **kwargs)
        key = _key(request, view, revision, kwargs)
        cache = caches[CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None:
            headers, body = stored
            response = HttpResponse(_restore(body, request))
            for name, value in headers:  # the view's own (Content-Type, htmx's HX-* …)
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not _messages_shown(request)
            and not response.cookies
        ):
            body = response.content.decode(response.charset)
            headers = [(n, v) for n, v in response.items() if n.lower() != "content-length"]
            cache.set(key, (headers, _TOKEN.sub(_strip, body)))
        return response

    wrapper.page_cached = True
    return wrapper


def _revision(kwargs) -> int | None:
    from processteps.models import Project

    if "project" in kwargs:
        lookup = {"pk": kwargs["project"]}
    elif "slug" in kwargs:
        lookup = {"slug": kwargs["slug"]}
    else:
        return None
    # the URL patterns' converters made them an int and a slug
    return Project.objects.filter(**lookup).values_list("revision", flat=True).first()


def _key(request, view, revision, kwargs) -> str:
    user = request.user
    parts = (
        _GENERATION,
        f"{view.__module__}.{view.__qualname__}",
        kwargs.get("project", kwargs.get("slug")),
        revision,
        user.pk if user.is_authenticated else "-",
        translation.get_language(),
        # what a page says of the time ("te laat", the next meeting) holds for the hour
        timezone.localtime().strftime("%Y-%m-%dT%H"),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"page:{digest}"


def _strip(match) -> str:
    return match.group("before") + _PLACEHOLDER


def _restore(body: str, request) -> str:
    if _PLACEHOLDER not in body:
        return body
    return body.replace(_PLACEHOLDER, get_token(request))


def _messages_waiting(request) -> bool:
    """A message from the previous request is waiting to be shown: the page is not the same.
    (Reading them this way does not mark them shown.)"""
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(storage._loaded_messages)


def _messages_shown(request) -> bool:
    """The view added a message of its own: the page shows it, once."""
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(storage._queued_messages)
