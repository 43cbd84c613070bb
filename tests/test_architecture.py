"""The layers of ARCHITECTURE.md, checked from the source: no cycle, no arrow pointing up.

Only `ast` reads the imports, so the check costs milliseconds and runs nothing of the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

LAYERS: dict[str, int] = {
    "settings": 0,
    "conversation": 1,
    "events": 2,
    "journal": 2,
    "guides": 2,
    "audio": 2,
    "model": 2,
    "user_files": 3,
    "listening": 3,
    "speaking": 3,
    "frontends": 4,
    "cli": 5,
    "__main__": 6,
}
"""A part may import parts of a lower layer, and itself; nothing of its own layer or above."""

TOP_LEVEL_MODULES_AT_MOST = 6


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imported_parts(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "assistant":
                names.update(alias.name for alias in node.names)
            elif node.module.startswith("assistant."):
                names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("assistant.")
            )
    return names


def sources() -> list[Path]:
    top_init = PACKAGE / "__init__.py"
    return sorted(path for path in PACKAGE.rglob("*.py") if path != top_init)


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part_of(path) for path in sources()}
    assert parts <= set(LAYERS), f"parts without a layer: {sorted(parts - set(LAYERS))}"


def test_imports_only_point_down() -> None:
    wrong = []
    for path in sources():
        own = part_of(path)
        for target in imported_parts(path):
            if target != own and LAYERS[target] >= LAYERS[own]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {target}")
    assert wrong == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text("from assistant.frontends.session import Session\nimport assistant.cli.main")
    assert imported_parts(source) == {"frontends", "cli"}


def test_the_top_level_holds_packages_and_a_few_shared_modules() -> None:
    modules = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(modules) <= TOP_LEVEL_MODULES_AT_MOST, modules


def test_the_pure_core_does_no_input_or_output() -> None:
    forbidden = {"os", "sys", "time", "threading", "subprocess", "socket", "sounddevice", "vosk"}
    for path in (PACKAGE / "conversation").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not modules & forbidden, f"{path.name}: {sorted(modules & forbidden)}"
