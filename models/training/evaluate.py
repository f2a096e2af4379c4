"""Scoring in Python (the C# harness `edgecam eval` re-scores the exported ONNX files): detection P/R at
IoU ≥ 0.5, exact plate reads, CER, per-country / per-format breakdown, Arabic/Latin agreement."""
from collections import defaultdict

import numpy as np
from PIL import Image

from scenes.crops import cut
from . import detector as det, recogniser as rec


def iou(a, b):
    ax0, ay0, aw, ah = a
    bx0, by0, bw, bh = b
    ix = max(0.0, min(ax0 + aw, bx0 + bw) - max(ax0, bx0))
    iy = max(0.0, min(ay0 + ah, by0 + bh) - max(ay0, by0))
    inter = ix * iy
    return inter / max(1e-9, aw * ah + bw * bh - inter)


def edit_distance(a, b):
    d = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, d[0] = d[0], i
        for j, cb in enumerate(b, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (ca != cb))
    return d[len(b)]


def match(preds, gts, thr=0.5):
    """Greedy by score: pred index → gt index at IoU ≥ thr."""
    pairs, used = {}, set()
    for pi, p in enumerate(preds):
        best, bj = thr, None
        for gj, g in enumerate(gts):
            if gj not in used:
                v = iou(p[1:], g)
                if v >= best:
                    best, bj = v, gj
        if bj is not None:
            used.add(bj)
            pairs[pi] = bj
    return pairs


def detect(model, images, threshold, merge=True):
    """images: list of PIL → list of [(score, x, y, w, h)] in frame pixels. merge=False: raw peaks (for
    best_threshold, which merges after its threshold cut as the edge decoder does)."""
    out = []
    for i in range(0, len(images), 8):
        chunk = images[i:i + 8]
        boxes = [det.letterbox(im) for im in chunk]
        heat, box = det.infer(model, [b[0] for b in boxes])
        for k, (_, s) in enumerate(boxes):
            out.append(det.decode(heat[k], box[k], threshold, s, merge))
    return out


def best_threshold(preds_low, gts_list):
    """Threshold with the best F1, from raw peaks decoded at a low threshold (detect(..., merge=False))."""
    best = (0.0, 0.5)
    for thr in np.arange(0.1, 0.91, 0.05):
        tp = fp = fn = 0
        for preds, gts in zip(preds_low, gts_list):
            p = det.merge_peaks([q for q in preds if q[0] >= thr])
            m = match(p, gts)
            tp += len(m); fp += len(p) - len(m); fn += len(gts) - len(m)
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if f1 > best[0]:
            best = (f1, float(round(thr, 2)))
    return best


def score_end_to_end(det_model, rec_model, format_ids, items, threshold):
    """items: [(PIL image, [{box, text, country, format?, arabic?}])] → dict of scores."""
    images = [im for im, _ in items]
    preds = detect(det_model, images, threshold)
    tp = fp = fn = 0
    n_plates = n_exact = 0
    cer_num = cer_den = 0
    per = defaultdict(lambda: {"plates": 0, "detected": 0, "exact": 0})
    agree_ok = agree_n = 0
    for (img, labels), p in zip(items, preds):
        gts = [l["box"] for l in labels]
        m = match(p, gts)
        tp += len(m); fp += len(p) - len(m); fn += len(gts) - len(m)
        inv = {g: pi for pi, g in m.items()}
        crops, which = [], []
        for gj, l in enumerate(labels):
            if gj in inv:
                crops.append(np.asarray(cut(img, p[inv[gj]][1:]), dtype=np.uint8))
                which.append(gj)
        reads = {}
        if crops:
            lat, _, fmt, ara, _ = rec.predict(rec_model, np.stack(crops))
            for k, gj in enumerate(which):
                reads[gj] = (rec.decode(lat[k]), rec.decode(ara[k]))
        for gj, l in enumerate(labels):
            key = l.get("format") or l.get("country") or "?"
            per[key]["plates"] += 1
            if "?" in l["text"]:
                continue
            n_plates += 1
            got = reads.get(gj, ("", ""))[0]
            per[key]["detected"] += gj in reads
            ok = got == l["text"]
            n_exact += ok
            per[key]["exact"] += ok
            cer_num += min(len(l["text"]), edit_distance(got, l["text"]))
            cer_den += len(l["text"])
            if l.get("arabic") and gj in reads:
                truth_agree = l["arabic"] == l["text"]
                pred_agree = reads[gj][1] == reads[gj][0]
                agree_ok += truth_agree == pred_agree
                agree_n += 1
    return {"images": len(items), "plates": sum(v["plates"] for v in per.values()),
            "detection_precision": tp / max(1, tp + fp), "detection_recall": tp / max(1, tp + fn),
            "exact_match": n_exact / max(1, n_plates), "cer": cer_num / max(1, cer_den),
            "arabic_agreement_accuracy": (agree_ok / agree_n) if agree_n else None, "arabic_agreement_plates": agree_n,
            "per_format": {k: {"plates": v["plates"], "detected": v["detected"] / max(1, v["plates"]),
                               "exact": v["exact"] / max(1, v["plates"])} for k, v in sorted(per.items())}}


def score_crops(rec_model, arrs, labels, format_ids):
    """Recogniser alone on contract crops around (jittered) true boxes."""
    lat, conf, fmt, ara, _ = rec.predict(rec_model, arrs)
    per = defaultdict(lambda: [0, 0])
    exact = cer_n = cer_d = fmt_ok = agree_ok = agree_n = 0
    for i, l in enumerate(labels):
        got = rec.decode(lat[i])
        ok = got == l["text"]
        exact += ok
        per[l["format"] or l["country"]][0] += 1
        per[l["format"] or l["country"]][1] += ok
        cer_n += min(len(l["text"]), edit_distance(got, l["text"]))
        cer_d += len(l["text"])
        fmt_ok += l["format"] is not None and format_ids[fmt[i]] == l["format"]
        if l.get("arabic"):
            agree_n += 1
            agree_ok += (l["arabic"] == l["text"]) == (rec.decode(ara[i]) == got)
    n = max(1, len(labels))
    res = {"crops": len(labels), "exact_match": exact / n, "cer": cer_n / max(1, cer_d),
           "format_accuracy": fmt_ok / max(1, sum(1 for l in labels if l["format"])),
           "arabic_agreement_accuracy": agree_ok / max(1, agree_n), "arabic_agreement_plates": agree_n,
           "per_format": {k: v[1] / max(1, v[0]) for k, v in sorted(per.items())}}
    if all(l.get("conditions") for l in labels):
        res["by_condition"] = by_condition(labels, [rec.decode(lat[i]) == l["text"] for i, l in enumerate(labels)])
    return res


CLEAR = "clear (day, >= 80 px, sharp, unoccluded, no glare, whole)"
CONDITIONS = {
    "occluded": lambda c: c["occluded"],
    "glare": lambda c: c["glare"],
    "look day": lambda c: c["look"] == "day",
    "look dusk": lambda c: c["look"] == "dusk",
    "look ir": lambda c: c["look"] == "ir",
    "plate < 80 px wide": lambda c: c["plate_width_px"] < 80,
    "plate 80-150 px": lambda c: 80 <= c["plate_width_px"] < 150,
    "plate >= 150 px": lambda c: c["plate_width_px"] >= 150,
    "focus or motion blur": lambda c: c["blur_sigma"] > 0 or c["motion_px"] > 0,
    # a scene's plate partly outside the frame (up to 40 % of it; crops are never cut): a Saudi plate cut at the
    # bottom has lost its Latin row
    "cut by the frame edge": lambda c: c.get("cut_by_frame", False),
    # none of the above's hard cases: unoccluded, no glare, day, >= 80 px, sharp, whole
    CLEAR: lambda c: (not c["occluded"] and not c["glare"] and not c.get("cut_by_frame", False)
        and c["look"] == "day" and c["plate_width_px"] >= 80 and c["blur_sigma"] == 0 and c["motion_px"] == 0),
}


def by_condition(labels, ok):
    """Exact reads per crop condition (scenes/crops.py records them): {condition: [crops, exact share]}."""
    out = {}
    for name, test in CONDITIONS.items():
        hits = [o for l, o in zip(labels, ok) if test(l["conditions"])]
        out[name] = [len(hits), sum(hits) / max(1, len(hits))]
    return out


def real_items(items):
    """real_split() items → [(PIL, labels dicts)]."""
    out = []
    for path, plates in items:
        img = Image.open(path).convert("RGB")
        out.append((img, [{"box": b, "text": t, "country": c, "format": None,
                           "arabic": t if c == "SA" else None} for b, t, c in plates]))
    return out
