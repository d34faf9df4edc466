"""The shape of the code: imports run one way (processteps core ← documents ← tools, a tool
reading only earlier tools), and no core template or module names a tool.

Imports are read from the source with ``ast`` (also imports inside functions), so a lazy import
against the direction fails too.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from processteps.registry import tools

ROOT = Path(settings.BASE_DIR)
CORE = ROOT / "processteps"
TOOL_DIRS = sorted(path.parent for path in CORE.glob("*/apps.py"))
TOOL_PACKAGES = {f"processteps.{path.name}" for path in TOOL_DIRS}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def python_files(root: Path, *, exclude=()) -> list[Path]:
    return [
        path
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts and not any(path.is_relative_to(e) for e in exclude)
    ]


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_there_are_tool_apps_and_they_are_registered():
    assert "processteps.consultation" in TOOL_PACKAGES
    registered = {tool.name for tool in tools()}
    for path in TOOL_DIRS:
        assert path.name in registered, f"{path.name} has an app but registers no step tool"


@pytest.mark.parametrize("path", python_files(CORE, exclude=TOOL_DIRS), ids=str)
def test_the_core_imports_neither_documents_nor_a_tool(path):
    wrong = {
        m
        for m in imports_of(path)
        if is_within(m, "documents") or any(is_within(m, t) for t in TOOL_PACKAGES)
    }
    assert not wrong, f"{path.relative_to(ROOT)} imports against the direction: {sorted(wrong)}"


@pytest.mark.parametrize("path", python_files(ROOT / "documents"), ids=str)
def test_documents_imports_no_tool(path):
    wrong = {m for m in imports_of(path) if any(is_within(m, t) for t in TOOL_PACKAGES)}
    assert not wrong, f"{path.relative_to(ROOT)} imports a tool: {sorted(wrong)}"


def _tool_order() -> dict[str, int]:
    return {f"processteps.{tool.name}": index for index, tool in enumerate(tools())}


@pytest.mark.parametrize("path", [p for tool in TOOL_DIRS for p in python_files(tool)], ids=str)
def test_a_tool_reads_only_earlier_tools(path):
    order = _tool_order()
    own = next(t for t in TOOL_PACKAGES if is_within(module_name(path), t))
    later = {
        m
        for m in imports_of(path)
        for other in TOOL_PACKAGES
        if other != own and is_within(m, other) and order[other] > order[own]
    }
    assert not later, f"{path.relative_to(ROOT)} imports a later tool: {sorted(later)}"


# The site's templates (the core's and the documents app's); a tool keeps its own in its app.
CENTRAL_TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", CENTRAL_TEMPLATES, ids=str)
def test_no_central_template_names_a_tool(path):
    text = path.read_text()
    for tool in tools():
        if tool.name == "documents":
            continue
        assert not re.search(rf"['\"]{tool.name}[:.]", text), (
            f"{path.relative_to(ROOT)} names the tool {tool.name!r}"
        )
        assert f"{tool.name}/" not in text, f"{path.relative_to(ROOT)} includes {tool.name!r}"


@pytest.mark.parametrize("path", python_files(CORE, exclude=TOOL_DIRS), ids=str)
def test_no_central_module_names_a_tool(path):
    # A step's catalogue key may equal a tool's label (step 10 "actions"): that names the step.
    text = re.sub(r"\"key\": \"\w+\"", "", path.read_text())
    for package in TOOL_PACKAGES:
        label = package.rsplit(".", 1)[1]
        assert not re.search(rf"['\"]{label}[:.\"']", text), (
            f"{path.relative_to(ROOT)} names the tool {label!r}"
        )
