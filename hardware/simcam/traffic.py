"""Camera geometry, vehicle schedule and per-frame placement / plate boxes.

Screen model (a telephoto ANPR view from a pole, not a calibrated camera):
  s = 1/z  is the scale in px per mm at the vehicle's depth (sprites are 1 px/mm),
  ground point of a vehicle:  x = CX + lane_x_mm * s,  y = Y_VP + G * s
  beyond a road crest (z > Z_CREST) the vehicle sinks behind it and is clipped at Y_CREST;
  near the camera (s > S_PASS) it sweeps down faster, as under a tilted pole camera.
"""
import math
from dataclasses import dataclass, field

W, H, FPS = 1920, 1080, 25        # brief: 1920x1080 at 25 fps
CX, Y_VP = 960, 150               # vanishing point of the road lines (px)
G = 1312                          # px*mm: puts a Saudi plate's bottom on the frame edge at ~300 px width
S_CREST = 0.27                    # crest depth: Saudi plate 335 mm -> ~90 px when it rises into view
Z_CREST = 1 / S_CREST
Y_CREST = Y_VP + G * S_CREST      # screen row of the crest line (~504)
RISE_Z = 0.8                      # z-units behind the crest where a vehicle is fully hidden
DROP = 700                        # px per z-unit a vehicle sinks behind the crest (hides a 2.15 m truck)
S_PASS, Q_PASS = 0.95, 12000      # passing sweep: extra y = Q_PASS * (s - S_PASS)^2 beyond S_PASS
S_MAX = 1.8                       # vehicles are dropped once this close (sprite ~3 k px wide)
S_PLATE_END = 0.92                # scale where a Saudi plate reaches ~300 px; sets the speed
SHUTTER = 0.05                    # exposure / frame interval (1/500 s at 25 fps): mild motion blur
LANES = {  # +-800 mm keeps 1.75 m bodies off the other lane's plate (2 lanes, right-hand traffic)
    1: {"x_mm": -800, "direction": "approaching"},
    2: {"x_mm": 800, "direction": "departing"},
}


@dataclass
class Vehicle:
    id: int
    lane: int
    spec: object            # plategen PlateSpec
    sprite: object          # vehicles.Sprite
    t0: float               # seconds: enters (approaching: rises at crest; departing: enters from bottom)
    speed: float            # z-units per second
    z_near: float = 0.0     # nearest z on the track (set by fit_track)
    boxes: list = field(default_factory=list)
    wrong_way: bool = False  # drives against its lane's direction (the wrong-way rule's case)

    @property
    def direction(self):
        lawful = LANES[self.lane]["direction"]
        if not self.wrong_way:
            return lawful
        return "departing" if lawful == "approaching" else "approaching"

    @property
    def z_far(self):
        return Z_CREST + RISE_Z

    @property
    def duration(self):
        return (self.z_far - self.z_near) / self.speed

    def z_at(self, t):
        """Depth at clip time t, or None when not on its track."""
        u = t - self.t0
        if u < 0 or u > self.duration:
            return None
        if self.direction == "approaching":
            return self.z_far - self.speed * u
        return self.z_near + self.speed * u


def ground_point(z, lane):
    """(s, x, y, clip_y): scale, ground contact point, and row below which the vehicle is hidden."""
    s = 1 / z
    x = CX + LANES[lane]["x_mm"] * s
    if z > Z_CREST:
        return s, x, Y_CREST + DROP * (z - Z_CREST), Y_CREST
    y = Y_VP + G * s + (Q_PASS * (s - S_PASS) ** 2 if s > S_PASS else 0.0)
    return s, x, y, None


def placement(v, z):
    """Sprite origin, scale, clip row and the plate's axis-aligned box (x0, y0, x1, y1) in frame px."""
    s, gx, gy, clip = ground_point(z, v.lane)
    ox, oy = gx - s * v.sprite.anchor[0], gy - s * v.sprite.anchor[1]
    xs = [ox + s * px for px, _ in v.sprite.plate_quad]
    ys = [oy + s * py for _, py in v.sprite.plate_quad]
    return dict(s=s, ox=ox, oy=oy, clip=clip, plate=(min(xs), min(ys), max(xs), max(ys)),
                rect=(ox, oy, ox + s * v.sprite.image.width, oy + s * v.sprite.image.height))


def fit_track(v):
    """Nearest z: the vehicle has swept out of the bottom of the frame (or is at S_MAX)."""
    z = Z_CREST
    while 1 / z < S_MAX and placement(v, z)["oy"] < H:
        z -= 0.01
    v.z_near = z


def speed_for(rng):
    """z-units/s so that a plate grows from crest size to ~300 px in 2.2-3.4 s (brief: 2-4 s)."""
    return (Z_CREST - 1 / S_PLATE_END) / rng.uniform(2.2, 3.4)


def plate_visible(p):
    """Plate fully inside the frame and above the crest clip line."""
    x0, y0, x1, y1 = p["plate"]
    if x0 < 0 or y0 < 0 or x1 > W or y1 > H:
        return False
    return p["clip"] is None or y1 <= p["clip"]


def _covers(v, p, box):
    """True if v's opaque pixels (alpha > 200, so not its shadow) cover any part of box."""
    s, ox, oy = p["s"], p["ox"], p["oy"]
    opaque = v.sprite.opaque
    x0, x1 = max(0, math.floor((box[0] - ox) / s)), min(opaque.shape[1], math.ceil((box[2] - ox) / s))
    y0, y1 = max(0, math.floor((box[1] - oy) / s)), min(opaque.shape[0], math.ceil((box[3] - oy) / s))
    return x0 < x1 and y0 < y1 and bool(opaque[y0:y1, x0:x1].any())


def compute_boxes(vehicles, n_frames):
    """Fill v.boxes with {"frame", "x", "y", "w", "h"} for every frame where the plate is
    fully visible and not covered by an opaque pixel of a nearer vehicle."""
    for f in range(n_frames):
        t = f / FPS
        live = [(v, placement(v, z)) for v in vehicles if (z := v.z_at(t)) is not None]
        for v, p in live:
            if not plate_visible(p):
                continue
            if any(o is not v and q["s"] > p["s"] and _covers(o, q, p["plate"]) for o, q in live):
                continue
            x0, y0, x1, y1 = p["plate"]
            x, y = math.floor(x0), math.floor(y0)
            v.boxes.append({"frame": f, "x": x, "y": y, "w": math.ceil(x1) - x, "h": math.ceil(y1) - y})
