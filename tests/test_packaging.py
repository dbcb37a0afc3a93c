"""The wheel holds every package and its data files (issue 11): pyproject's explicit package list
must name every folder that holds an __init__.py, apart from the tests and the benchmarks, and its
package-data must cover every file in them that is not Python."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import docket

ROOT = Path(docket.__file__).parent
NOT_SHIPPED = {"tests", "bench"}


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_folders() -> dict[str, Path]:
    found = {}
    for init in ROOT.rglob("__init__.py"):
        rel = init.parent.relative_to(ROOT)
        if rel.parts and (rel.parts[0] in NOT_SHIPPED or rel.parts[0].startswith(".")):
            continue
        if not all((ROOT.joinpath(*rel.parts[:i]) / "__init__.py").is_file() for i in range(len(rel.parts))):
            continue  # not importable as docket.… (build/lib/…, a stray copy)
        found[".".join(("docket", *rel.parts))] = init.parent
    return found


def test_every_package_is_in_the_wheel() -> None:
    config = _config()
    assert config["package-dir"] == {"docket": "."}
    assert sorted(config["packages"]) == sorted(_package_folders())


def test_every_data_file_is_in_the_wheel() -> None:
    patterns = _config()["package-data"]
    missing = []
    for name, folder in _package_folders().items():
        if folder == ROOT:
            continue  # the repository's own files (README, pyproject) beside the root package
        for f in folder.iterdir():
            if f.is_file() and not f.name.startswith(".") and f.suffix not in (".py", ".pyc") and not any(
                    fnmatch.fnmatch(f.name, pat) for pat in patterns.get(name, [])):
                missing.append(f"{name}: {f.name}")
    assert missing == []
    assert (ROOT / "tui" / "app.tcss").is_file() and "*.tcss" in patterns["docket.tui"]
