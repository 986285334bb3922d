"""Every theme of the referential has its pictogram, shipped with its licence."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from spie_desktop.domain.pictograms import pictogram_files, pictogram_path, pictogram_svg
from spie_desktop.domain.referential import themes
from spie_desktop.resources import resource_path


def test_every_theme_has_a_pictogram_file() -> None:
    missing = [name for name in themes() if pictogram_path(name) is None]
    assert missing == [], f"themes without a pictogram: {missing}"
    for name in themes():
        path = pictogram_path(name)
        assert path is not None and path.is_file(), (name, path)


def test_the_table_names_only_known_themes_and_distinct_files() -> None:
    files = pictogram_files()
    assert set(files) <= set(themes()), set(files) - set(themes())
    assert len(set(files.values())) == len(files), "two themes share one picture"


def test_pictograms_are_plain_svg_without_text_or_filters() -> None:
    for name in themes():
        data = pictogram_svg(name)
        assert data is not None
        root = ET.fromstring(data)
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert tags <= {"svg", "g", "path", "circle", "ellipse", "rect", "line"}, (name, tags)


def test_no_pictogram_for_an_unknown_or_hidden_theme() -> None:
    assert pictogram_path("") is None
    assert pictogram_svg("not-a-theme") is None


def test_the_licence_ships_beside_them() -> None:
    licence = resource_path("pictograms", "LICENCE").read_text("utf-8")
    assert "CC0" in licence
