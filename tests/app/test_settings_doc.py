"""Every setting is documented in the README's configuration table."""

from __future__ import annotations

from conftest import ROOT

from assistant.app.config import Settings


def env_name(name: str, field) -> str:  # type: ignore[no-untyped-def]
    alias = field.validation_alias
    return alias if isinstance(alias, str) else f"ASSISTANT_{name.upper()}"


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    missing = [env_name(n, f) for n, f in Settings.model_fields.items()
               if not any(f"`{env_name(n, f)}`" in row for row in rows)]
    assert not missing, f"settings missing from the README table: {missing}"


def test_every_setting_has_a_description() -> None:
    assert all(f.description for f in Settings.model_fields.values())


def test_env_example_names_only_real_settings() -> None:
    names = {env_name(n, f) for n, f in Settings.model_fields.items()}
    lines = (ROOT / ".env.example").read_text().splitlines()
    used = {line.lstrip("# ").split("=")[0] for line in lines if "=" in line}
    assert used and used <= names
