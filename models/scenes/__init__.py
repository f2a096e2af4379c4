"""scenes: deterministic synthetic training data for the plate detector and recogniser.

Plates come from plategen (the project's one renderer) plus generic non-regional plates
(country "other"); they are warped in perspective onto vehicle-like fronts/rears in road-like
scenes and degraded like a roadside camera (blur, noise, JPEG, glare, dirt, occlusion, day/dusk/IR).

    from scenes import compose, crops
    img, plates = compose.make_scene(seed=7, frame=(1920, 1080))    # PIL RGB + list of Plate
    gray, label = crops.make_crop(seed=7)                           # 64x160 uint8 + CropLabel
"""
