"""Which vehicles drive through the clip: plates, looks, lanes and start times."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))   # plategen lives in models/
from plategen import formats, render  # noqa: E402

from traffic import LANES, Vehicle, fit_track, speed_for  # noqa: E402
from vehicles import BODY_COLOURS, make_sprite  # noqa: E402

FORMAT_WEIGHTS = {"sa-private": 3, "sa-transport": 1, "sa-commercial": 1, "kw-private": 2, "mr-private": 2}
KINDS_BY_FORMAT = {"sa-commercial": ["truck"], "sa-transport": ["sedan", "suv"]}
TAXI_COLOURS = ["#f1f1ef", "#f2c418"]     # judgement: white / yellow taxis
PLATE_PX_PER_MM = 2                        # plate raster before it is scaled onto the 1 px/mm sprite
GAP_S = (0.6, 1.6)                         # brief: >= ~0.5 s between a vehicle leaving and the next entering its lane
MAX_TILT_DEG, LANE_SHEAR, SHEAR_JITTER = 2.5, 0.04, 0.03   # brief: a few degrees of skew/rotation


def _vehicle(vid, lane, name, fmt, t0, rng, wrong_way=False):
    spec = render.random_plate(fmt, rng)
    plate = render.render_plate(spec, int(fmt.size_mm[0] * PLATE_PX_PER_MM), fmt)
    kind = rng.choice(KINDS_BY_FORMAT.get(name, ["sedan", "sedan", "suv"]))
    colour = rng.choice(TAXI_COLOURS if name == "sa-transport" else BODY_COLOURS)
    shear = (-LANE_SHEAR if LANES[lane]["x_mm"] < 0 else LANE_SHEAR) + rng.uniform(-SHEAR_JITTER, SHEAR_JITTER)
    approaching = (LANES[lane]["direction"] == "approaching") != wrong_way
    sprite = make_sprite(plate, fmt.size_mm, kind, colour, approaching,
                         rng.uniform(-MAX_TILT_DEG, MAX_TILT_DEG), shear)
    v = Vehicle(id=vid, lane=lane, spec=spec, sprite=sprite, t0=t0, speed=speed_for(rng), wrong_way=wrong_way)
    v.kind, v.colour = kind, colour
    fit_track(v)
    return v


def build(rng, duration_s):
    """Vehicles in order of appearance. One vehicle per lane at a time, so at most two
    in frame; every format appears once before any repeats (given enough vehicles)."""
    fmts = formats.load_all()
    deck = sorted(FORMAT_WEIGHTS)
    rng.shuffle(deck)
    next_t = {1: rng.uniform(0.1, 0.5), 2: rng.uniform(1.2, 2.2)}
    vehicles = []
    while next_t:
        lane = min(next_t, key=lambda k: (next_t[k], k))
        name = deck.pop(0) if deck else rng.choices(list(FORMAT_WEIGHTS), list(FORMAT_WEIGHTS.values()))[0]
        v = _vehicle(len(vehicles) + 1, lane, name, fmts[name], next_t[lane], rng)
        if v.t0 + v.duration > duration_s:      # would not finish inside the clip: lane closes
            deck.insert(0, name)
            del next_t[lane]
            continue
        vehicles.append(v)
        next_t[lane] = v.t0 + v.duration + rng.uniform(*GAP_S)
    return vehicles


WRONG_WAY_LANE = 1          # judgement: the approaching lane, so the wrong-way car shows its rear plate going away
WRONG_WAY_FORMAT = "sa-private"


def add_wrong_way(vehicles, rng):
    """Appends one vehicle driving against lane 1's direction, entering once every scheduled vehicle has left the
    picture (so the others' boxes and timings stay as they were). Drawn from rng after the schedule: the scheduled
    vehicles do not change. Returns the clip length (s) that shows it leaving."""
    t0 = max(v.t0 + v.duration for v in vehicles) + GAP_S[0]
    fmts = formats.load_all()
    v = _vehicle(len(vehicles) + 1, WRONG_WAY_LANE, WRONG_WAY_FORMAT, fmts[WRONG_WAY_FORMAT], t0, rng, wrong_way=True)
    vehicles.append(v)
    return v.t0 + v.duration + GAP_S[0]

