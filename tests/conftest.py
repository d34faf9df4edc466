"""Shared fixtures. Under CI=true a test that needs a missing service fails instead of skipping."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, why: str) -> None:
    """Skip locally, fail in CI, when a service or program a test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{why} (required in CI)", pytrace=False)
    pytest.skip(why)
