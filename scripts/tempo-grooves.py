#!/usr/bin/env python3
"""Randomised synthetic grooves for the tempo estimator: material the dev set does not hold.

Each trial renders 12 s at 12 kHz of a drum pattern with its snare on 2 and 4 (rock, syncopated
rock, funk, dance four-on-the-floor, hip-hop, pop), at a tempo drawn uniformly from 60-200 BPM,
with or without eighth or sixteenth hi-hats (swung in 30 % of trials), chords on every beat and a
bass on the kicks. The truth is the rendered quarter note. It prints Acc1 of the estimator of
`tempo-lab.py` with and without the backbeat, every trial where the two differ, and the misses
left by tempo band.

Usage: scripts/tempo-grooves.py [TRIALS] [SEED]   (default 150 trials, seed 11; needs numpy)
"""
import collections
import importlib.util
import os
import sys

import numpy as np

TRIALS = int(sys.argv[1]) if len(sys.argv) > 1 else 150
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 11
_spec = importlib.util.spec_from_file_location("lab", os.path.join(os.path.dirname(__file__), "tempo-lab.py"))
sys.argv = sys.argv[:1]
lab = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lab)

RATE = lab.RATE
rng = np.random.default_rng(SEED)
# (kicks, snares) in beats of a 4/4 bar
PATTERNS = {
    "rock": ([0, 2], [1, 3]),
    "rock-synco": ([0, 1.5, 2], [1, 3]),
    "funk": ([0, 0.75, 2.5], [1, 3]),
    "dance": ([0, 1, 2, 3], [1, 3]),
    "hiphop": ([0, 0.75, 2.25], [1, 3]),
    "pop": ([0, 2, 2.5], [1, 3]),
}


def add(out, seconds, sound):
    start = int(seconds * RATE)
    if start < len(out):
        n = min(len(sound), len(out) - start)
        out[start:start + n] += sound[:n]


def kick():
    x = np.arange(int(0.25 * RATE)) / RATE
    return 0.9 * np.exp(-x / 0.12) * np.sin(np.cumsum(2 * np.pi * (50 + 60 * np.exp(-x / 0.03)) / RATE))


def snare():
    x = np.arange(int(0.2 * RATE)) / RATE
    return 0.3 * np.sin(2 * np.pi * 185 * x) * np.exp(-x / 0.05) + 0.5 * np.exp(-x / 0.06) * rng.uniform(-1, 1, len(x))


def hat():
    x = np.arange(int(0.05 * RATE)) / RATE
    return 0.25 * np.exp(-x / 0.012) * np.diff(rng.uniform(-1, 1, len(x) + 1))


def tone(frequency, seconds, gain):
    x = np.arange(int(seconds * RATE)) / RATE
    envelope = np.minimum(1, np.minimum(x / 0.01, (seconds - x) / 0.01))
    return gain * envelope * sum(np.sin(2 * np.pi * frequency * h * x) / h for h in (1, 2, 3))


def groove(bpm, seconds, pattern, hats, swing, chords, bass):
    out = np.zeros(int(seconds * RATE))
    beat = 60 / bpm
    kicks, snares = PATTERNS[pattern]
    root = int(rng.choice([0, 2, 5, 7, 9]))
    bar = 0.0
    while bar < seconds:
        for k in kicks:
            add(out, bar + k * beat, kick())
        for s in snares:
            add(out, bar + s * beat, snare())
        if hats:
            step = 0.5 if hats == "8" else 0.25
            for i in range(int(4 / step)):
                add(out, bar + (i * step + (step / 3 if swing and i % 2 else 0)) * beat, hat())
        if chords:
            for b in range(4):
                for interval in (0, 4, 7):
                    add(out, bar + b * beat, tone(220 * 2 ** ((root + interval) / 12), 0.9 * beat, 0.05))
        if bass:
            for k in kicks:
                add(out, bar + k * beat, tone(55 * 2 ** (root / 12), 0.45 * beat, 0.2))
        bar += 4 * beat
        root = (root + 5) % 12
    return out.astype(np.float32)


def main():
    hits = {"without": [], "with": []}
    changed, misses = [], []
    lo, hi = int(np.ceil(30 * lab.N / RATE)), int(5000 * lab.N / RATE)
    for _ in range(TRIALS):
        bpm = float(rng.uniform(60, 200))
        pattern = str(rng.choice(list(PATTERNS)))
        hats = rng.choice([None, "8", "16"])
        swing, chords, bass = bool(rng.random() < 0.3), bool(rng.random() < 0.6), bool(rng.random() < 0.6)
        rise, freqs = lab.flux(groove(bpm, 12, pattern, hats, swing, chords, bass))
        env = rise[:, lo:hi + 1].sum(1)
        bands = [rise[:, (freqs >= a) & (freqs < b)].sum(1) for a, b in lab.EDGES + [lab.KICK, lab.SNARE]]
        old, new = lab.without_backbeat(env, bands), lab.current(env, bands)
        hits["without"].append(lab.within(old, bpm))
        hits["with"].append(lab.within(new, bpm))
        if hits["without"][-1] != hits["with"][-1]:
            changed.append(f"  {pattern:10s} {bpm:5.1f} hats={hats} swing={swing} chords={chords} bass={bass}: "
                           f"{old:.1f} -> {new:.1f}")
        if not hits["with"][-1]:
            misses.append((bpm, new / bpm))
    print(f"{TRIALS} grooves: Acc1 without backbeat {np.mean(hits['without']):.3f}, with {np.mean(hits['with']):.3f}")
    print("changed:")
    print("\n".join(changed))
    print("misses left, by tempo:")
    for a, b in ((60, 90), (90, 120), (120, 150), (150, 200.1)):
        ratios = collections.Counter(f"{q:.1f}" for t, q in misses if a <= t < b)
        print(f"  {a}-{b:.0f} BPM: {sum(ratios.values())} (estimate/truth: {dict(ratios)})")


if __name__ == "__main__":
    main()
