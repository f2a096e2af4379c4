"""Random serials from a format's "serial" list and the text templates built on them.

Template syntax: "{field|filter|filter}" where filters are
  arabic_indic  Western digits -> Arabic-Indic digits (U+0660..U+0669)
  arabic        Latin letters -> Arabic twins via the format's letter_map
  reverse       reverse the characters
  spaced        put one space between characters
"""
import re

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_FIELD = re.compile(r"\{(\w+)((?:\|\w+)*)\}")


def random_fields(fmt, rng) -> dict:
    """Draw every serial field in order; only rng is consumed (deterministic)."""
    out = {}
    for spec in fmt.get("serial"):
        if "range" in spec:
            lo, hi = spec["range"]
            out[spec["name"]] = str(rng.randint(lo, hi)).zfill(spec.get("width", 1))
            continue
        charset = spec["charset"]
        if charset == "@letter_map":
            charset = "".join(fmt.get("letter_map"))
        if "length_weights" in spec:
            lens = [int(k) for k in spec["length_weights"]]
            n = rng.choices(lens, weights=list(spec["length_weights"].values()))[0]
        else:
            length = spec["length"]
            n = rng.randint(*length) if isinstance(length, list) else length
        out[spec["name"]] = "".join(rng.choice(charset) for _ in range(n))
    return out


def _apply(value: str, filters, fmt) -> str:
    for name in filters:
        if name == "arabic_indic":
            value = value.translate(ARABIC_INDIC)
        elif name == "arabic":
            value = "".join(fmt.get("letter_map")[c] for c in value)
        elif name == "reverse":
            value = value[::-1]
        elif name == "spaced":
            value = " ".join(value)
        else:
            raise ValueError(f"unknown filter {name!r} in format {fmt.name}")
    return value


def fill_template(template: str, fields: dict, fmt) -> str:
    def sub(m):
        filters = [f for f in m.group(2).split("|") if f]
        return _apply(fields[m.group(1)], filters, fmt)
    return _FIELD.sub(sub, template)
