"""plategen: synthetic number-plate renderer driven by per-format JSON files.

    from plategen import formats, render
    fmts = formats.load_all()
    spec = render.random_plate(fmts["sa-private"], random.Random(1))
    img = render.render_plate(spec, width_px=600)   # PIL RGBA
"""
from . import formats, render  # noqa: F401
