"""Services: every state change is a keyword-only function ``<noun>_<verb>(*, actor, ...)`` that
validates, runs in a transaction, writes an audit entry and enqueues tasks on commit."""
