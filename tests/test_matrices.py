"""Every view of every app is in a permission matrix, and every matrix runs on tests/matrix.py
(so every GET cell proves that the row counts of all tables stay as they were, every refused
request that nothing changed, every success that something did)."""

import importlib
import pathlib

from django.urls import get_resolver

from processteps.registry import tools
from tests.matrix import PermissionMatrix

TESTS = pathlib.Path(__file__).parent


def matrices() -> list[type[PermissionMatrix]]:
    """Every PermissionMatrix class of the suite (the modules that name it, imported)."""
    for path in sorted(TESTS.rglob("test_*.py")):
        if path.name != "test_matrices.py" and "PermissionMatrix" in path.read_text():
            module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
            importlib.import_module(module)
    found, todo = [], list(PermissionMatrix.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def namespaces() -> set[str]:
    """The core's URL namespace and that of every registered tool with URLs."""
    names = {"processteps"}
    for tool in tools():
        if tool.urls:
            names.add(importlib.import_module(tool.urls).app_name)
    return names


def test_every_view_of_every_app_is_in_a_matrix():
    covered: dict[str, set] = {}
    for cls in matrices():
        covered.setdefault(cls.namespace, set()).update(cls.names())
    missing = {}
    for namespace in namespaces():
        patterns = get_resolver().namespace_dict[namespace][1].url_patterns
        names = {p.name for p in _flatten(patterns) if p.name}
        if names - covered.get(namespace, set()):
            missing[namespace] = sorted(names - covered.get(namespace, set()))
    assert missing == {}, f"views in no permission matrix: {missing}"


def test_every_matrix_runs_the_shared_cell():
    classes = matrices()
    assert {"consultation", "documents", "processteps", "goals", "meetings"} <= {
        cls.namespace for cls in classes
    }
    for cls in classes:
        assert cls.test_cell is PermissionMatrix.test_cell, f"{cls.__name__} runs its own cells"
        assert cls.expected, f"{cls.__name__} checks nothing"


def _flatten(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _flatten(pattern.url_patterns)
        else:
            yield pattern
