"""A closed pipe ends quietly: `docket list | head -1` prints the first line and nothing on stderr
(exit 0, or 141 as other Unix tools report a closed pipe)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import DOCKET, env

QUIET = (0, 141)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if DOCKET is None:
        pytest.fail("the console script `docket` is not installed (pip install -e .)")
    db = tmp_path_factory.mktemp("pipes") / "demo.db"
    done = subprocess.run([DOCKET, "--db", str(db), "demo", "--no-tui"], capture_output=True, text=True,
                          env=env(db), timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return db


def test_list_into_head(demo: Path) -> None:
    assert shutil.which("head")
    producer = subprocess.Popen([DOCKET, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, env=env(demo))
    head = subprocess.Popen(["head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # head alone holds the read end, as in a shell pipeline
    first, _ = head.communicate(timeout=60)
    err = producer.stderr.read()
    producer.stderr.close()
    assert producer.wait(timeout=60) in QUIET
    assert err == b""
    assert first.decode("utf-8").startswith("编号  标题")


@pytest.mark.parametrize("args", [
    ["list"], ["list", "--json"], ["show", "1"], ["history", "--json"], ["unit", "list"], ["config", "list"],
    ["report"], ["remind", "--dry-run"], ["calendar", "show", "--year", "2026"], ["--help"], ["audit", "verify", "--json"],
])
def test_a_reader_that_went_away(demo: Path, args: list[str]) -> None:
    """The reader closes before docket writes a byte: deterministic, whatever the output's size
    (large output fails at a write, small output at the flush on the way out)."""
    producer = subprocess.Popen([DOCKET, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, env=env(demo))
    producer.stdout.close()
    err = producer.stderr.read()
    producer.stderr.close()
    assert (producer.wait(timeout=60), err.decode("utf-8")) in [(code, "") for code in QUIET]
