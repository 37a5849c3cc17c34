"""The realtime catalogue (docs/realtime.md) names exactly the Socket.IO events the code uses.

Server -> client: the source of ``backend/`` and ``moderation/`` is read with ``ast``. Every call of a
Socket.IO ``emit`` is an emit site, and so is every call of a function or dataclass that hands its
event name on to one (``emit_after_commit``, ``PendingEmit``, ``_broadcast``, ``_to_author``,
``notify_leads``...: found by following the name back, not listed here). The name is followed
through parameters (and their defaults), local variables, ``"a" if x else "b"``, module constants
and dataclass fields to the string literals at the call sites. A name that cannot be followed to
literals fails the test: write it so it can be, or teach this test.

Client -> server: the handlers registered on the Flask-SocketIO object, read from the source and
checked against ``socketio.handlers`` of a created app.

The catalogue's event tables (a table whose first column is ``event``) sit under a heading that says
"client → server" or "server → client". Every event in the code must be in a table of its direction,
and every event in a table must exist in the code.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "realtime.md"
PACKAGES = ("backend", "moderation")
CLIENT, SERVER = "client → server", "server → client"
INSTALLER = "backend.core.sockets.on"

Function = ast.FunctionDef | ast.AsyncFunctionDef
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def source_files(root: Path = ROOT) -> dict[str, Path]:
    """Module name -> file, for every Python file of the backend and of moderation."""
    files = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            files[".".join(parts)] = path
    return files


@dataclass(frozen=True)
class Param:
    """Where a callable takes its event name: a position at call sites (None: keyword only), a
    keyword, and the default used when a call passes neither."""

    index: int | None
    keyword: str
    default: ast.expr | None = None
    owner: str = ""  # the callable's qualified name (its module resolves the default)


EMIT = Param(0, "event")  # Socket.IO's own emit(event, data, ...)


@dataclass
class Found:
    names: set[str] = field(default_factory=set)
    forwarded: list[tuple[str, Param]] = field(default_factory=list)  # callables that pass it on
    problems: list[str] = field(default_factory=list)

    def add(self, other: Found) -> None:
        self.names |= other.names
        self.forwarded += other.forwarded
        self.problems += other.problems


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    imports: dict[str, str]
    parents: dict[ast.AST, ast.AST]

    def where(self, node: ast.AST) -> str:
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{getattr(node, 'lineno', '?')}"


@dataclass
class Events:
    """What the analysis found: event name -> where it is sent, and what it could not follow."""

    sent: dict[str, set[str]]
    problems: list[str]


class Source:
    def __init__(self, files: dict[str, Path]) -> None:
        self.modules: dict[str, Module] = {}
        self.defs: dict[str, tuple[Module, Definition]] = {}
        self.qualnames: dict[ast.AST, str] = {}
        for name, path in files.items():
            tree = ast.parse(path.read_text(), filename=str(path))
            parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
            module = Module(name, path, tree, _imports(tree, name, path.name == "__init__.py"), parents)
            self.modules[name] = module
            self._collect_defs(module, tree, name)

    def _collect_defs(self, module: Module, node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, Definition):
                qualname = f"{prefix}.{child.name}"
                self.defs[qualname] = (module, child)
                self.qualnames[child] = qualname
                self._collect_defs(module, child, qualname)
            else:
                self._collect_defs(module, child, prefix)

    # --- names -----------------------------------------------------------------------------------

    def scopes(self, module: Module, node: ast.AST) -> list[Definition]:
        """The definitions around a node, innermost first."""
        out = []
        while node in module.parents:
            node = module.parents[node]
            if isinstance(node, Definition):
                out.append(node)
        return out

    def canonical(self, dotted: str) -> str:
        """Follow re-exports: ``moderation.api.X`` imported from elsewhere is that elsewhere."""
        for _ in range(20):
            if dotted in self.defs:
                return dotted
            parts = dotted.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                module = self.modules.get(".".join(parts[:cut]))
                if module is not None:
                    rest = parts[cut:]
                    if rest[0] in module.imports:
                        dotted = ".".join([module.imports[rest[0]], *rest[1:]])
                        break
                    return dotted
            else:
                return dotted
        return dotted

    def reference(self, module: Module, expr: ast.expr) -> str | None:
        """The qualified name an expression like ``realtime.emit_after_commit`` refers to."""
        parts = _dotted(expr)
        if parts is None:
            return None
        head, rest = parts[0], parts[1:]
        base = None
        for scope in self.scopes(module, expr):
            if isinstance(scope, Function) and f"{self.qualnames[scope]}.{head}" in self.defs:
                base = f"{self.qualnames[scope]}.{head}"
                break
        if base is None:
            if f"{module.name}.{head}" in self.defs:
                base = f"{module.name}.{head}"
            elif head in module.imports:
                base = module.imports[head]
            else:
                return None
        return self.canonical(".".join([base, *rest]))

    # --- event names ------------------------------------------------------------------------------

    def event_names(self, module: Module, expr: ast.expr, seen: frozenset[int] = frozenset()) -> Found:
        """The string literals an event-name expression can evaluate to."""
        if id(expr) in seen:
            return Found()
        seen = seen | {id(expr)}
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return Found(names={expr.value})
        if isinstance(expr, ast.IfExp):
            found = self.event_names(module, expr.body, seen)
            found.add(self.event_names(module, expr.orelse, seen))
            return found
        if isinstance(expr, ast.Name):
            return self._name(module, expr, seen)
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name) and expr.value.id == "self":
                return self._field(module, expr)
            target = self.reference(module, expr)
            constant = self._constant(target, seen) if target is not None else None
            if constant is not None:
                return constant
        return Found(problems=[f"{module.where(expr)}: cannot tell which event `{ast.unparse(expr)}` names"])

    def _name(self, module: Module, expr: ast.Name, seen: frozenset[int]) -> Found:
        for scope in self.scopes(module, expr):
            if not isinstance(scope, Function):
                continue
            param = _param(scope, expr.id, self.qualnames[scope], module.parents.get(scope))
            values = _assigned(scope, expr.id)
            if param is not None or values:
                # A parameter: the callers name the event. A local: each value it is given.
                found = Found(forwarded=[(self.qualnames[scope], param)] if param is not None else [])
                for value in values:
                    found.add(self.event_names(module, value, seen))
                return found
        values = _assigned(module.tree, expr.id)
        if values:
            found = Found()
            for value in values:
                found.add(self.event_names(module, value, seen))
            return found
        if expr.id in module.imports:
            imported = self._constant(self.canonical(module.imports[expr.id]), seen)
            if imported is not None:
                return imported
        return Found(problems=[f"{module.where(expr)}: cannot tell which event `{expr.id}` names"])

    def _constant(self, dotted: str, seen: frozenset[int]) -> Found | None:
        """A module-level constant such as ``moderation.realtime.NAMESPACE``."""
        owner, _, name = dotted.rpartition(".")
        module = self.modules.get(owner)
        if module is None:
            return None
        values = _assigned(module.tree, name)
        if not values:
            return None
        found = Found()
        for value in values:
            found.add(self.event_names(module, value, seen))
        return found

    def _field(self, module: Module, expr: ast.Attribute) -> Found:
        """``self.event`` in a method of a dataclass: the class is called with the event name."""
        for scope in self.scopes(module, expr):
            if isinstance(scope, ast.ClassDef):
                fields = [
                    s for s in scope.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
                for index, statement in enumerate(fields):
                    assert isinstance(statement.target, ast.Name)
                    if statement.target.id == expr.attr:
                        qualname = self.qualnames[scope]
                        return Found(
                            forwarded=[(qualname, Param(index, expr.attr, statement.value, qualname))]
                        )
                break
        return Found(problems=[f"{module.where(expr)}: cannot tell which event `{ast.unparse(expr)}` names"])

    # --- emit sites ---------------------------------------------------------------------------------

    def _emitter(self, module: Module, call: ast.Call, emitters: dict[str, Param]) -> Param | None:
        target = self.reference(module, call.func)
        if target is not None and target in emitters:
            return emitters[target]
        if target == "flask_socketio.emit":
            return EMIT
        if isinstance(call.func, ast.Attribute) and call.func.attr == "emit" and target not in self.defs:
            return EMIT  # socketio.emit, self.socketio.emit, server.emit: Socket.IO itself
        return None

    def server_events(self) -> Events:
        """Follow every emit site to its event names, until no new forwarding callable turns up."""
        emitters: dict[str, Param] = {}
        while True:
            sent: dict[str, set[str]] = defaultdict(set)
            problems: list[str] = []
            called: set[str] = set()
            new = False
            for module in self.modules.values():
                for call in (n for n in ast.walk(module.tree) if isinstance(n, ast.Call)):
                    param = self._emitter(module, call, emitters)
                    if param is None:
                        continue
                    target = self.reference(module, call.func)
                    if target is not None:
                        called.add(target)
                    found = self._call_site(module, call, param)
                    for name in found.names:
                        sent[name].add(module.where(call))
                    problems += found.problems
                    for qualname, forwarded in found.forwarded:
                        if qualname not in emitters:
                            emitters[qualname] = forwarded
                            new = True
            if not new:
                break
        for qualname in sorted(set(emitters) - called):
            module, node = self.defs[qualname]
            problems.append(
                f"{module.where(node)}: `{qualname}` passes an event name on, but no call of it was found"
            )
        return Events(dict(sent), problems)

    def _call_site(self, module: Module, call: ast.Call, param: Param) -> Found:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return Found(problems=[f"{module.where(call)}: *args or **kwargs hide the event name"])
        if param.index is not None and param.index < len(call.args):
            return self.event_names(module, call.args[param.index])
        for keyword in call.keywords:
            if keyword.arg == param.keyword:
                return self.event_names(module, keyword.value)
        if param.default is not None:
            return self.event_names(self.defs[param.owner][0], param.default)
        return Found(problems=[f"{module.where(call)}: no event name given"])

    # --- client -> server ---------------------------------------------------------------------------

    def client_events(self) -> set[tuple[str, str]]:
        """(namespace, event) of every ``socketio.on(...)`` / ``socketio.on_event(...)``, and of every
        ``sockets.on(...)`` (``backend/core/sockets.py``, which features' ``register(app)`` call)."""
        out = set()
        for module in self.modules.values():
            for call in (n for n in ast.walk(module.tree) if isinstance(n, ast.Call)):
                func = call.func
                if not (isinstance(func, ast.Attribute) and func.attr in ("on", "on_event")):
                    continue
                receiver = _dotted(func.value)
                if receiver is None or receiver[-1] not in ("socketio", "sockets") or not call.args:
                    continue
                events = self.event_names(module, call.args[0])
                if events.forwarded and {owner for owner, _param in events.forwarded} == {INSTALLER}:
                    continue  # the installer itself: its callers name the events
                assert not events.problems and not events.forwarded, events
                namespaces = {"/"}
                for keyword in call.keywords:
                    if keyword.arg == "namespace":
                        found = self.event_names(module, keyword.value)
                        assert not found.problems and not found.forwarded, found
                        namespaces = found.names
                out |= {(ns, event) for ns in namespaces for event in events.names}
        return out


def _imports(tree: ast.Module, name: str, is_package: bool) -> dict[str, str]:
    imports = {}
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    imports[top] = top
        elif isinstance(node, ast.ImportFrom):
            base_parts = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*base_parts, *([node.module] if node.module else [])])
            for alias in node.names:
                imports[alias.asname or alias.name] = f"{base}.{alias.name}"
    return imports


def _dotted(expr: ast.expr) -> list[str] | None:
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    return [expr.id, *reversed(parts)]


def _param(function: Function, name: str, qualname: str, parent: ast.AST | None) -> Param | None:
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    shift = (
        1 if isinstance(parent, ast.ClassDef) and positional and positional[0].arg in ("self", "cls") else 0
    )
    for index, arg in enumerate(positional):
        if arg.arg == name:
            return Param(index - shift, name, defaults[index], qualname)
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if arg.arg == name:
            return Param(None, name, default, qualname)
    return None


def _assigned(scope: ast.AST, name: str) -> list[ast.expr]:
    """The values assigned to a plain name directly in this scope (not in nested definitions)."""
    values: list[ast.expr] = []
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, Definition):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    values.append(node.value)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and node.value is not None
        ):
            values.append(node.value)
        stack.extend(ast.iter_child_nodes(node))
    return values


# --- the catalogue ----------------------------------------------------------------------------------


@dataclass
class Catalogue:
    tables: dict[str, set[str]]  # direction -> event names in its tables
    problems: list[str]


def read_catalogue(text: str) -> Catalogue:
    tables: dict[str, set[str]] = {CLIENT: set(), SERVER: set()}
    problems = []
    heading, direction = "", None
    sections: dict[int, str | None] = {}
    in_fence, in_table, event_table = False, False, False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if line.startswith("#"):
            # A heading names a direction, or inherits the direction of the section it is in.
            level, heading = len(line) - len(line.lstrip("#")), line.strip("# ")
            lower = heading.lower()
            named = CLIENT if CLIENT in lower else SERVER if SERVER in lower else None
            sections = {lvl: d for lvl, d in sections.items() if lvl < level}
            direction = named or next((sections[lvl] for lvl in sorted(sections, reverse=True)), None)
            sections[level] = direction
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not in_table:
            in_table, event_table = True, cells[0] == "event"
            if event_table and direction is None:
                problems.append(f"line {number}: an event table under {heading!r}, which names no direction")
            continue
        if event_table and direction is not None and not set(cells[0]) <= set("-: "):
            names = re.findall(r"`([^`]+)`", cells[0])
            if not names:
                problems.append(f"line {number}: no `event` in the first cell")
            tables[direction] |= set(names)
    return Catalogue(tables, problems)


def undocumented(events: Events, catalogue: Catalogue) -> list[str]:
    return [
        f"`{name}` is sent at {', '.join(sorted(where))} but is in no {SERVER} table of docs/realtime.md"
        for name, where in sorted(events.sent.items())
        if name not in catalogue.tables[SERVER]
    ]


# --- tests ------------------------------------------------------------------------------------------


def test_every_event_sent_is_in_the_catalogue_and_every_catalogued_event_is_sent() -> None:
    events = Source(source_files()).server_events()
    catalogue = read_catalogue(CATALOGUE.read_text())
    assert events.problems == []
    assert catalogue.problems == []
    # The analysis must still be seeing the emits (a guard against it silently finding nothing).
    assert {"message", "queue_item", "post_created", "deadline_breached"} <= set(events.sent)
    assert undocumented(events, catalogue) == []
    assert sorted(catalogue.tables[SERVER] - set(events.sent)) == [], "catalogued but never sent"


def test_every_handler_is_in_the_catalogue_and_every_catalogued_handler_exists(tmp_path: Any) -> None:
    from backend.extensions import socketio
    from tests.conftest import dispose, make_app

    static = Source(source_files()).client_events()
    app = make_app(tmp_path)
    try:
        registered = {(namespace or "/", event) for event, _handler, namespace in socketio.handlers}
    finally:
        dispose(app)
    assert static == registered  # the source scan sees exactly what the app registers
    catalogue = read_catalogue(CATALOGUE.read_text())
    handled = {event for _namespace, event in registered}
    assert sorted(handled - catalogue.tables[CLIENT]) == [], f"handled but not in a {CLIENT} table"
    assert sorted(catalogue.tables[CLIENT] - handled) == [], "catalogued but not handled"


def test_the_analysis_follows_event_names_to_their_literals(tmp_path: Any) -> None:
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "probe.py").write_text(
        "from dataclasses import dataclass\n"
        "from backend.extensions import socketio\n"
        "KIND = 'constant_event'\n"
        "@dataclass(frozen=True)\n"
        "class Pending:\n"
        "    room: str\n"
        "    event: str\n"
        "    def send(self):\n"
        "        socketio.emit(self.event, {}, to=self.room)\n"
        "def queue(event_name, data, *, room='r'):\n"
        "    Pending(room, event_name)\n"
        "def relay(session, kind='defaulted_event'):\n"
        "    queue(kind, {})\n"
        "def announce(flag, session):\n"
        "    event = 'updated_event' if flag else 'created_event'\n"
        "    queue(event, {})\n"
        "    relay(session)\n"
        "    relay(session, kind=KIND)\n"
        "    def later():\n"
        "        socketio.emit(event, {})\n"
        "    socketio.emit('literal_event', {})\n"
        "def computed(n):\n"
        "    socketio.emit(f'event_{n}', {})\n"
    )
    events = Source({"backend.probe": tmp_path / "backend" / "probe.py"}).server_events()
    assert set(events.sent) == {
        "constant_event",
        "defaulted_event",
        "updated_event",
        "created_event",
        "literal_event",
    }
    assert len(events.problems) == 1 and "event_{n}" in events.problems[0]


def test_an_undocumented_emit_fails_the_catalogue(tmp_path: Any) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from backend.core.realtime import emit_after_commit\n"
        "def announce():\n"
        "    emit_after_commit('undocumented_probe_event', {}, to='user:1')\n"
    )
    files = {**source_files(), "backend.catalogue_probe": probe}
    events = Source(files).server_events()
    missing = undocumented(events, read_catalogue(CATALOGUE.read_text()))
    assert len(missing) == 1 and "`undocumented_probe_event`" in missing[0]
