"""The step-tool registry: how a tool app plugs into the process without a central list.

A *step tool* is a Django app inside ``processteps/`` (the consultation round, the causal
complexes, …) that gives one or more method steps a structured tool. It registers itself from its
``AppConfig.ready()``, e.g. a tool app ``processteps/example``::

    from processteps.registry import NavEntry, StepTool, DerivedItem, register

    register(StepTool(
        name="example",                                   # the app label
        label=_("Voorbeeld"),
        steps=("key_figures", "harvest"),                 # catalogue keys, never numbers
        urls="processteps.example.urls",                  # with app_name = "example"
        nav=(NavEntry(_("Overzicht"), "example:overview", perm="example.view",
                      step="key_figures", dashboard=True),),
        panel="example/panel.html",                       # on the step page of its steps
        panel_context="processteps.example.selectors.panel_context",
        audit_actions={"thing.added": _("voegde %(target)s toe")},
        team_only_actions=frozenset({"thing.added"}),     # names people: not for clients
        derived=(DerivedItem("harvest", "Alle input verwerkt", "example_done",
                             "processteps.example.selectors.all_done"),),
        documents="processteps.example.documents",        # its document builders
        demo="processteps.example.demo.demo_load",        # its part of the demo
        public_home="example/public_home.html",           # on the home page for visitors
        public_home_context="processteps.example.selectors.public_home_context",
    ))

The step page, the dashboard, the project's URLs, the audit descriptions, the data-ticked
checklist items and ``load_demo`` loop over :func:`tools`; no core template or module names a
tool. Rules live in the tool's ``rules.py`` (found by django-rules' autodiscovery).

Imports run one way: the core (this package without its tool sub-packages) ← ``documents`` ←
tools. A tool may read the tools of earlier steps.
"""

from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module

from django.utils.module_loading import import_string

ALL_STEPS = "*"


@dataclass(frozen=True)
class NavEntry:
    """A link into a tool, shown to whoever holds ``perm`` on the project.

    ``step``: the catalogue key of the step whose page lists the link (None: only on the
    dashboard). ``dashboard``: whether the dashboard's project actions show it.
    """

    label: str
    url_name: str
    perm: str
    step: str | None = None
    dashboard: bool = False


@dataclass(frozen=True)
class DerivedItem:
    """A checklist item of the method that a tool ticks from the project's data.

    ``text`` is the item as the catalogue words it (matched without regard to case);
    ``key`` is stored on the project's checklist item (``ChecklistItem.derived_from``);
    ``check`` is the dotted path of a function ``(project) -> bool`` saying whether the data
    satisfies the item; ``explanation`` tells the user what ticks it.
    """

    step: str
    text: str
    key: str
    check: str
    explanation: str = ""

    def evaluate(self, project) -> bool:
        return bool(import_string(self.check)(project))


@dataclass(frozen=True)
class StepTool:
    name: str
    label: str
    steps: tuple[str, ...]
    urls: str = ""
    nav: tuple[NavEntry, ...] = ()
    # A template included in the step page of each of the tool's steps; it receives
    # ``project``, ``step``, ``tool``, ``links`` (the nav entries of that step the user may use)
    # and whatever ``panel_context`` (dotted path, ``(request, project, step) -> dict``) adds.
    panel: str = ""
    panel_context: str = ""
    audit_actions: dict = field(default_factory=dict)
    # Codes stored in an entry's data, shown with their label: {(noun, key): TextChoices}.
    audit_choices: dict = field(default_factory=dict)
    # Actions whose entries name people in the data (key figures, participants): never shown
    # to a client.
    team_only_actions: frozenset = frozenset()
    derived: tuple[DerivedItem, ...] = ()
    documents: str = ""
    demo: str = ""
    # A template included in the home page of a visitor without an account (what the public may
    # read), with what ``public_home_context`` (dotted path, ``(request) -> dict``) adds; a
    # context without anything to show (falsy ``items``) leaves the panel out.
    public_home: str = ""
    public_home_context: str = ""

    def covers(self, step_key: str) -> bool:
        return ALL_STEPS in self.steps or step_key in self.steps

    @cached_property
    def panel_context_function(self):
        return import_string(self.panel_context) if self.panel_context else None


_tools: dict[str, StepTool] = {}


def register(tool: StepTool) -> StepTool:
    """Add a tool (from its app's ``ready()``); registering the same name again replaces it."""
    from processteps.services.audit import register_actions

    _tools[tool.name] = tool
    register_actions(
        tool.audit_actions, choices=tool.audit_choices, team_only=tool.team_only_actions
    )
    if tool.documents:
        import_module(tool.documents)  # its builders register themselves with documents
    return tool


def tools() -> list[StepTool]:
    """The registered tools in the method's order (by the first step each one serves)."""
    from processteps.catalogue import STEP_KEYS

    def order(tool):
        if ALL_STEPS in tool.steps:
            return -1
        return min((STEP_KEYS.index(k) for k in tool.steps if k in STEP_KEYS), default=99)

    return sorted(_tools.values(), key=order)


def tool(name: str) -> StepTool | None:
    return _tools.get(name)


def tools_for_step(step_key: str) -> list[StepTool]:
    return [t for t in tools() if t.covers(step_key)]


def derived_items() -> list[DerivedItem]:
    return [item for t in tools() for item in t.derived]


def derived_item(key: str) -> DerivedItem | None:
    return next((item for item in derived_items() if item.key == key), None)


def derived_key_for(step_key: str, text: str) -> str:
    """The derived key of a catalogue checklist item, or "" when no tool ticks it."""
    wanted = text.strip().casefold()
    for item in derived_items():
        if item.step == step_key and item.text.strip().casefold() == wanted:
            return item.key
    return ""


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    tool: StepTool


def links_for(user, project, *, step_key: str | None = None, dashboard: bool = False):
    """The nav entries the user may follow, with their URLs, in the method's order: those of
    one step (``step_key``) or those the dashboard shows (``dashboard``)."""
    from django.urls import reverse

    result = []
    for t in tools():
        for entry in t.nav:
            if step_key is not None and entry.step != step_key:
                continue
            if dashboard and not entry.dashboard:
                continue
            if user.has_perm(entry.perm, project):
                url = reverse(entry.url_name, kwargs={"project": project.pk})
                result.append(Link(entry.label, url, t))
    return result


def step_panels(request, project, step) -> list[dict]:
    """The panels of the tools serving ``step``, for the step page: each a template with its
    context (``project``, ``step``, ``tool``, ``links`` and what the tool's ``panel_context``
    adds), rendered as ``html``."""
    from django.template.loader import render_to_string

    links = links_for(request.user, project, step_key=step.key)
    panels = []
    for t in tools_for_step(step.key):
        if not t.panel:
            continue
        context = {
            "project": project,
            "step": step,
            "tool": t,
            "links": [link for link in links if link.tool is t],
        }
        if t.panel_context_function is not None:
            context.update(t.panel_context_function(request, project, step))
        html = render_to_string(t.panel, context, request=request)
        panels.append({"template": t.panel, "html": html, **context})
    return panels


def public_home_panels(request) -> list[dict]:
    """The panels the tools add to the home page of a visitor without an account, rendered
    (``html``), in the method's order; a tool whose context says ``items`` is empty shows none."""
    from django.template.loader import render_to_string

    panels = []
    for t in tools():
        if not t.public_home:
            continue
        context = {"tool": t}
        if t.public_home_context:
            context.update(import_string(t.public_home_context)(request))
            if "items" in context and not context["items"]:
                continue
        html = render_to_string(t.public_home, context, request=request)
        panels.append({"template": t.public_home, "html": html, **context})
    return panels
