"""environment.yml (conda) must list exactly the packages and bounds of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from mics_budget.config import PROJECT_ROOT


def _normalise(spec: str) -> tuple[str, str]:
    spec = spec.replace(" ", "")
    name, bounds = re.match(r"^([A-Za-z0-9_.\-\[\]]+)(.*)$", spec).groups()
    name = re.sub(r"\[.*\]", "", name).lower().replace("_", "-")
    return name, ",".join(sorted(bounds.split(","))) if bounds else ""


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str) and d != "pip"]
    python = [d for d in conda if d.startswith("python") and _normalise(d)[0] == "python"]
    assert python == [f"python{project['requires-python']}"]
    conda = [d for d in conda if d not in python]
    assert dict(map(_normalise, conda)) == dict(map(_normalise, wanted))
    assert len(conda) == len(wanted)


def test_every_dependency_has_both_bounds():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        assert ">=" in spec and "<" in spec.replace("<=", ""), spec
