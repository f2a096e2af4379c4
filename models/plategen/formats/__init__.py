"""Plate formats are data: one JSON file per format in this folder.

A Format is a thin wrapper around the parsed JSON; the renderer interprets
its "serial", "letter_map", "canonical", "arabic_text" and "elements" keys.
See ../README.md for the schema.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

FORMAT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Format:
    name: str
    country: str
    size_mm: tuple          # (width, height) of the plate in millimetres
    data: dict = field(repr=False, compare=False)

    def get(self, key, default=None):
        return self.data.get(key, default)

    def sizes(self) -> list:
        """Other plate sizes of this format (its "sizes" key), e.g. ["long"]."""
        return sorted(self.data.get("sizes", {}))

    def sized(self, size: str) -> "Format":
        """The same format drawn at another size: that size's "size_mm" and "elements" replace the format's; vars,
        fonts, serial and letters stay (so a variant that "extends" this one gets its sizes in its own colours)."""
        other = self.data["sizes"][size]
        return Format(name=self.name, country=self.country, size_mm=tuple(other["size_mm"]),
                      data={**self.data, **other})


def _read(path: Path) -> dict:
    """Parse one file; "extends": "<name>" merges it over a sibling file
    (top-level keys replaced, "vars" merged key by key)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    base = _read(path.with_name(base_name + ".json"))
    merged = {**base, **data}
    merged["vars"] = {**base.get("vars", {}), **data.get("vars", {})}
    return merged


def load(path) -> Format:
    path = Path(path)
    data = _read(path)
    name = data.get("name", path.stem)
    if name != path.stem:
        raise ValueError(f"{path}: name {name!r} must match the file name")
    return Format(name=name, country=data["country"],
                  size_mm=tuple(data["size_mm"]), data=data)


def load_all(directory=FORMAT_DIR) -> dict:
    """Every *.json in the folder, keyed by format name, sorted by name."""
    return {p.stem: load(p) for p in sorted(Path(directory).glob("*.json"))}
