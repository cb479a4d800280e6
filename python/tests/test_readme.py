"""Every Python example of the README runs (each asserts its own values)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from events import ROOT

BLOCKS = re.findall(r"^```python (\w+)\n(.*?)^```$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


def test_the_readme_has_the_one_machine_and_the_spark_examples():
    assert [kind for kind, _ in BLOCKS] == ["replay", "spark"]


@pytest.mark.parametrize("kind, code", BLOCKS, ids=[k for k, _ in BLOCKS])
def test_a_readme_example_runs(kind, code, tmp_path):
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    if kind == "replay":
        assert "'change': Decimal('18.000000')" in done.stdout and "'change_pct': Decimal('10.340000')" in done.stdout
