"""Mail errors, as the tasks that send mail need them: worth another try, or final?

Every ``smtplib`` error is an ``OSError``, so "retry on OSError" also retries an address the
server has refused for good. What decides is the server's answer: a 4xx reply (busy, greylisted,
try later) is transient, a 5xx reply (no such user, relaying denied, bad credentials) is final.
A lost or refused connection, a timeout or a DNS failure is transient; anything else (a message
that cannot be built) is final.
"""

import smtplib

from django.conf import settings


def mail_error_is_transient(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, smtplib.SMTPException):
        return False
    return isinstance(exc, (OSError, TimeoutError))


def _reply(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def mail_error_text(exc: BaseException) -> str:
    """The error as the mail log shows it, with the server's own answer."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address}: {code} {_reply(reply)}"
            for address, (code, reply) in exc.recipients.items()
        )
        return f"{type(exc).__name__}: {refused}"[:2000]
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {exc.smtp_code} {_reply(exc.smtp_error)}"[:2000]
    return f"{type(exc).__name__}: {exc}"[:2000]


def mail_can_retry(task) -> bool:
    """Whether ``task`` may try again later. Not when it runs in-process (eager, or called
    directly): nobody would run it later."""
    request = task.request
    return (
        not request.is_eager
        and request.id is not None
        and request.retries < settings.MAIL_MAX_RETRIES
    )


def mail_retry(task, exc: BaseException):
    """``task``'s retry, after 30 s, 60 s, 120 s … (raise it)."""
    return task.retry(
        exc=exc,
        countdown=settings.MAIL_RETRY_DELAY * 2**task.request.retries,
        max_retries=settings.MAIL_MAX_RETRIES,
    )


def mail_retry_if_transient(task, exc: BaseException) -> None:
    """Raise ``task``'s retry for a transient error while it has retries left; otherwise
    return, and the caller marks the mail failed with the error."""
    if mail_error_is_transient(exc) and mail_can_retry(task):
        raise mail_retry(task, exc)
