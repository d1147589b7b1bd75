from __future__ import annotations

from apporteur_desktop.infra.resources import resource_file, resource_path, resource_root


def test_the_resources_are_found_through_the_package() -> None:
    assert resource_root().joinpath("locale").is_dir()
    assert resource_path("locale", "apporteur.pot").is_file()


def test_a_resource_can_be_read() -> None:
    compiled = resource_path("locale", "fr", "LC_MESSAGES", "apporteur.mo")
    assert compiled.read_bytes()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


def test_a_resource_is_available_as_a_real_file() -> None:
    with resource_file("locale", "fr", "LC_MESSAGES", "apporteur.po") as path:
        assert path.is_file()
        assert 'msgid ""' in path.read_text(encoding="utf-8")
