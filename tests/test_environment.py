"""environment.yml (conda) must list exactly the packages and bounds of pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import pytest
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


@pytest.mark.slow
def test_make_lab_starts_jupyterlab_without_the_news_question(monkeypatch):
    """`make lab` points JupyterLab at a page config that turns the announcements plugin
    (the "Would you like to get notified about official Jupyter news?" popup) off, and never
    checks for updates (no internet)."""
    from jupyter_core.paths import jupyter_path
    from jupyterlab_server.config import get_page_config

    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    lab = makefile[makefile.index("\nlab:"):].split("\n\n")[0]
    folder = re.search(r"^LAB_CONFIG := \$\(CURDIR\)/(\S+)$", makefile, re.M).group(1)
    assert "JUPYTER_CONFIG_PATH=$(LAB_CONFIG)" in lab
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in lab
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(PROJECT_ROOT / folder))
    disabled = get_page_config(jupyter_path("labextensions")).get("disabledExtensions")
    assert "@jupyterlab/apputils-extension:announcements" in disabled
