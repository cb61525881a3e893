#!/usr/bin/env python3
"""Does `bpm_confidence` mean something? The confidence of `TempoEstimator`, before and after the
stability / weaker-prior / pulse-presence terms, on material the 37 whole dev clips cannot judge alone.

Estimates come from `tempo-lab.py` (the same decisions as the bench, on the candidate grid). For
every case it computes the confidence forms below and prints, per material, Acc1 of the cases
above and at or below 0.5 and the AUC (the chance that a right reading has a higher confidence
than a wrong one; 0.5 = meaningless):
  full   - the 37 whole dev clips with tempo_reliable=1 (what the bench measures);
  w10    - every 10 s window of them, hop 3 s; w15 - every 15 s window;
  groove - randomised synthetic grooves of `tempo-grooves.py` (12, 20 or 30 s; seeds 5 and 11,
           120 trials each): material the dev set does not hold.
Forms:
  before      strength x sqrt(1 - rho^2), rho under the 1-octave prior (the method until now);
  stability   x the share of 8 s windows (hop 4 s) whose own choice is the same tempo;
  weak prior  rho = max(rho under 1 octave, rho under Ellis's 1.4 octaves), with stability;
  adopted     weak prior x presence (0 for a spectrum that hardly changes; 1 on all of this
              material, it matters for the tones);
  weak 1.2, weak 2.0   the weak prior at 1.2 and 2 octaves, to see how much the width matters.
Then a few synthetic cases a user would notice (steady, smeared, tempo change, noise, tones).

Usage: scripts/tempo-confidence.py [path/to/dev.csv]   (needs ffmpeg and numpy; a few minutes)
"""
import csv
import importlib.util
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = sys.argv[1:]
sys.argv = sys.argv[:1]


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lab = load("lab", "tempo-lab.py")
grooves = load("grooves", "tempo-grooves.py")
CSV = ARGS[0] if ARGS else os.path.join(HERE, "../../shared/eval/dev.csv")
CLIPS = os.path.join(os.path.dirname(CSV), os.path.splitext(os.path.basename(CSV))[0])
FR, BPMS, at, prior = lab.FR, lab.BPMS, lab.at, lab.prior
WEAK = 1.4
FORMS = ("before", "stability", "weak prior", "adopted", "weak 1.2", "weak 2.0")


def features(x):
    """Onset envelope, kick and snare envelopes and novelty of 12 kHz audio."""
    w = np.hanning(lab.N + 1)[:-1].astype(np.float32)
    x = x.astype(np.float32)
    frames = 1 + (len(x) - lab.N) // lab.HOP
    idx = np.arange(lab.N)[None, :] + lab.HOP * np.arange(frames)[:, None]
    logmag = np.log2(1 + 100 * np.abs(np.fft.rfft(x[idx] * w, axis=1)) * 4 / lab.N)
    rise = np.vstack([np.zeros((1, logmag.shape[1])), np.maximum(0, np.diff(logmag, axis=0))])
    freqs = np.arange(logmag.shape[1]) * lab.RATE / lab.N
    band = lambda a, b: (freqs >= a) & (freqs < b)
    env = rise[:, band(30, 5001)].sum(1)
    level = logmag[1:, band(30, 5001)].sum()
    novelty = env.sum() / level if level > 0 else 0
    return env, rise[:, band(*lab.KICK)].sum(1), rise[:, band(*lab.SNARE)].sum(1), novelty


def choose(env, kick, snare):
    """The metrical choice of a stretch: (bpm on the grid, r, comb, backbeat) or None."""
    if len(env) < 2 * FR:
        return None
    r = lab.acf(lab.accent(env))
    if not np.any(r):
        return None
    comb = lab.levels(r).mean(0)
    base = np.maximum(0, comb) * prior(BPMS)
    if base.max() <= 0:
        return None
    extra = lab.backbeat(kick, snare)
    return lab.octave_choice(comb, base, extra), r, comb, extra


def stability(env, kick, snare, bpm, seconds=8.0, hop=4.0):
    n, length, step = len(env), int(seconds * FR), int(hop * FR)
    if n <= length + step // 2:
        return 1.0
    starts = list(range(0, n - length + 1, step))
    if starts[-1] != n - length:
        starts.append(n - length)
    agree = 0
    for s in starts:
        c = choose(env[s:s + length], kick[s:s + length], snare[s:s + length])
        agree += bool(c) and lab.within(c[0], bpm)
    return agree / len(starts)


def confidences(env, kick, snare, novelty):
    """(bpm, {form: confidence})."""
    c = choose(env, kick, snare)
    if c is None:
        return 0.0, {form: 0.0 for form in FORMS}
    bpm, r, comb, extra = c
    i = int(np.argmin(np.abs(BPMS - bpm)))

    def evidence(b, octaves=1.0):
        e = np.mean([at(r, 60 * FR / b * k) for k in range(1, 5)]) + np.interp(np.log(b), np.log(BPMS), extra)
        return max(0.0, e) * prior(b, 120, octaves)

    others = [bpm * q * (1 + 0.005 * s) for q in (2, 0.5, 1.5, 2 / 3) for s in range(-3, 4)]
    others = [o for o in others if 40 <= o <= 240]
    rho = lambda octaves: min(1.0, max(evidence(o, octaves) for o in others) / max(1e-12, evidence(bpm, octaves)))
    strength = min(1.0, max(0.0, (comb[i] * np.sqrt(len(env)) - 2) / 4))
    stable = stability(env, kick, snare, bpm)
    presence = min(1.0, max(0.0, (novelty - 0.005) / 0.015))
    before = strength * np.sqrt(1 - rho(1.0) ** 2)
    weak = lambda octaves: strength * np.sqrt(1 - max(rho(1.0), rho(octaves)) ** 2) * stable
    return bpm, {"before": before, "stability": before * stable, "weak prior": weak(WEAK),
                 "adopted": weak(WEAK) * presence, "weak 1.2": weak(1.2), "weak 2.0": weak(2.0)}


def auc(conf, ok):
    conf, ok = np.array(conf), np.array(ok, bool)
    right, wrong = conf[ok], conf[~ok]
    if len(right) == 0 or len(wrong) == 0:
        return float("nan")
    return float(np.mean([(c > wrong).mean() + 0.5 * (c == wrong).mean() for c in right]))


def main():
    cases = {"full": [], "w10": [], "w15": [], "groove": []}
    for row in csv.DictReader(open(CSV)):
        if row.get("tempo_reliable", "1") != "1":
            continue
        truth = float(row["tempo_bpm"])
        x = lab.decode(os.path.join(CLIPS, row["file"]))
        env, kick, snare, novelty = features(x)
        cases["full"].append((truth, *confidences(env, kick, snare, novelty)))
        for seconds in (10, 15):
            w = int(seconds * FR)
            for s in range(0, max(1, len(env) - w + 1), int(3 * FR)):
                cut = slice(s, s + w)
                cases[f"w{seconds}"].append((truth, *confidences(env[cut], kick[cut], snare[cut], novelty)))
    for seed in (5, 11):
        rng = grooves.rng = np.random.default_rng(seed)
        for _ in range(120):
            bpm = float(rng.uniform(60, 200))
            pattern = str(rng.choice(list(grooves.PATTERNS)))
            hats = rng.choice([None, "8", "16"])
            swing, chords, bass = bool(rng.random() < 0.3), bool(rng.random() < 0.6), bool(rng.random() < 0.6)
            seconds = float(rng.choice([12, 20, 30]))
            x = grooves.groove(bpm, seconds, pattern, hats, swing, chords, bass)
            cases["groove"].append((bpm, *confidences(*features(x))))
    print(f"{'form':12s}" + "".join(f"{g:>32s}" for g in cases))
    print(f"{'':12s}" + "".join(f"{'n>0.5 Acc1  n<=0.5 Acc1  AUC':>32s}" for _ in cases))
    for form in FORMS:
        cells = []
        for rows in cases.values():
            conf = [c[form] for _, _, c in rows]
            ok = [lab.within(b, t) for t, b, _ in rows]
            hi = [o for c, o in zip(conf, ok) if c > 0.5]
            lo = [o for c, o in zip(conf, ok) if c <= 0.5]
            cells.append(f"{len(hi):4d} {np.mean(hi) if hi else 0:.3f}  {len(lo):4d} {np.mean(lo) if lo else 0:.3f}"
                         f"  {auc(conf, ok):.2f}")
        print(f"{form:12s}" + "".join(f"{c:>32s}" for c in cells))

    print("\nsynthetic (20 s rock pattern with eighth hats):")
    rate = lab.RATE
    place = grooves.add

    def kit(bpm, seconds=20, smear=0.0, seed=1):
        grooves.rng = np.random.default_rng(seed)
        timing = np.random.default_rng(seed + 1)
        grooves.add = lambda out, t, sound: place(out, max(0.0, t + smear * timing.uniform(-1, 1)), sound)
        x = grooves.groove(bpm, seconds, "rock", "8", False, False, False)
        grooves.add = place
        return x

    t = np.arange(10 * rate) / rate
    tone = lambda f: 0.3 * sum(np.sin(2 * np.pi * f * h * t) / h for h in (1, 2, 3))
    material = {
        "steady 120": kit(120), "smeared ±70 ms": kit(120, smear=0.07),
        "120 then 150": np.concatenate([kit(120, 10), kit(150, 10)]),
        "noise": 0.3 * np.random.default_rng(3).uniform(-1, 1, 20 * rate),
        "tone 196 Hz": tone(196), "tone 261.6 Hz": tone(261.6), "tone 440 Hz": tone(440),
    }
    for name, x in material.items():
        bpm, conf = confidences(*features(x))
        print(f"  {name:16s} {bpm:6.1f} BPM  " + "  ".join(f"{k} {conf[k]:.2f}" for k in FORMS[:4]))


if __name__ == "__main__":
    main()
