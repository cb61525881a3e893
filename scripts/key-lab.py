#!/usr/bin/env python3
"""Key lab (issue 16): a NumPy re-implementation of the key method of `PitchHistogram`,
`ChordEvidence` and `KeyEstimator`, to try variants on several sets at once before building them
in Swift. It follows the Swift code: 4096-point Hann frames every 2048 samples at 12 kHz, peaks
from 60 Hz to 1.5 kHz within 60 dB of the frame's strongest bin (parabolic interpolation of the
log magnitude, magnitude weights), harmonic votes (1, 0.6, 0.36) for the profile's histogram,
fundamentals for the chord frames less K times the 5th partial a lower peak's own 2nd and 3rd
partials predict, 10-cent bins, tuning by circular mean, cos² fold, Temperley + 2 × chord
correlation. The gate for unpitched sound and the confidence are not modelled.

    python3 scripts/key-lab.py                 # K = 0 and 2 on the three sets
    python3 scripts/key-lab.py --k 0 1 2 3     # other K
    python3 scripts/key-lab.py --windows 10    # also every 10 s window (hop 3 s) of the long clips

Needs numpy and ffmpeg. Decoded features are cached in /tmp/key-lab-cache.
"""
import argparse, csv, os, subprocess
import numpy as np

FS, N, HOP = 12000, 4096, 2048
SETS = {"long": "../shared/eval/dev.csv", "loops": "../shared/eval/short.csv", "demo": "scripts/demo-loops.csv"}
NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
FLATS = {"Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#"}
TMAJ = [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400]
TMIN = [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330]
PROFILES = np.array([np.roll(TMAJ, t) for t in range(12)] + [np.roll(TMIN, t) for t in range(12)])
MAJOR_CHORDS = [(0, 0, 2.66), (2, 1, .71), (4, 1, .60), (5, 0, 1.13), (7, 0, 1.66), (9, 1, 1.25)]
MINOR_CHORDS = [(0, 1, 1.30), (3, 0, .36), (5, 1, 1.00), (7, 0, .64), (8, 0, .73), (10, 0, .02)]
CHORD_WEIGHTS = np.zeros((24, 24))
for t in range(12):
    for d, m, w in MAJOR_CHORDS: CHORD_WEIGHTS[t, (t + d) % 12 + 12 * m] = w
    for d, m, w in MINOR_CHORDS: CHORD_WEIGHTS[12 + t, (t + d) % 12 + 12 * m] = w
TRIADS = np.array([[i % 12, (i % 12 + (4 if i < 12 else 3)) % 12, (i % 12 + 7) % 12] for i in range(24)])


def decode(path):
    raw = subprocess.run(["ffmpeg", "-v", "quiet", "-i", path, "-vn", "-ac", "1", "-ar", str(FS), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.float32).astype(np.float64)


def peaks(x):
    """Per voiced frame: (pitches ascending, magnitudes)."""
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N) / N)
    lo, hi = int(60 * N / FS), int(1500 * N / FS)
    frames = []
    for s in range(0, len(x) - N + 1, HOP):
        X = np.fft.rfft(x[s:s + N] * window)
        p = X.real ** 2 + X.imag ** 2
        strongest = np.sqrt(p.max())
        if strongest < 1e-4 * N / 4: continue
        k = np.arange(max(lo, 1), hi + 1)
        k = k[(p[k] > (strongest * 1e-3) ** 2) & (p[k] > p[k - 1]) & (p[k] >= p[k + 1])]
        if len(k) == 0: continue
        a, b, c = (0.5 * np.log2(np.maximum(p[k + o], 1e-30)) for o in (-1, 0, 1))
        den = a - 2 * b + c
        d = np.clip(np.where(den != 0, 0.5 * (a - c) / np.where(den != 0, den, 1), 0), -.5, .5)
        frames.append((12 * (np.log2((k + d) * FS / N) - np.log2(440)) + 69, 2 ** (b - 0.25 * (a - c) * d)))
    return frames


def nearest(p, target, tol=0.3):
    i = np.argmin(np.abs(p - target))
    return i if abs(p[i] - target) < tol else -1


def fundamentals(p, w, k):
    """Magnitudes less k times the 5th partial a lower peak's own partials predict."""
    out = w.copy()
    if k == 0: return out
    for i in range(len(p)):
        j = nearest(p, p[i] - 12 * np.log2(5))
        if j < 0: continue
        w2 = w[nearest(p, p[j] + 12)] if nearest(p, p[j] + 12) >= 0 else 0
        w3 = w[nearest(p, p[j] + 12 * np.log2(3))] if nearest(p, p[j] + 12 * np.log2(3)) >= 0 else 0
        rho = min(1.0, max(w2 / w[j], np.sqrt(w3 / w[j])))
        out[i] = max(0.0, w[i] - k * w[j] * rho ** 4)
    return out


def bins(p, w):
    h = np.zeros(120)
    pos = np.mod(p * 10, 120); l = np.floor(pos).astype(int); f = pos - l
    np.add.at(h, l, w * (1 - f)); np.add.at(h, (l + 1) % 120, w * f)
    return h


def features(frames, ks):
    H = np.array([(lambda h: h / h.sum())(sum(bins(p - s, w * hw) for s, hw in ((0, 1), (12, .6), (12 * np.log2(3), .36))))
                  for p, w in frames])
    R = {k: np.array([bins(p, fundamentals(p, w, k)) for p, w in frames]) for k in ks}
    return H, R


def fold_matrix(offset):
    M = np.zeros((120, 12))
    for i in range(120):
        s = (i - offset) / 10; n = np.round(s); d = abs(s - n)
        if d < 0.5: M[i, int(n) % 12] = np.cos(np.pi * d) ** 2
    return M


def pearson(x, P):
    x = x - x.mean(); P = P - P.mean(1, keepdims=True)
    d = np.sqrt((x * x).sum() * (P * P).sum(1))
    return np.where(d > 0, (P @ x) / np.where(d > 0, d, 1), 0)


def key(H, R, chord_weight=2.0):
    h = H.sum(0)
    phase = 2 * np.pi * (np.arange(120) % 10) / 10
    M = fold_matrix(np.arctan2((h * np.sin(phase)).sum(), (h * np.cos(phase)).sum()) / (2 * np.pi) * 10)
    chroma = h @ M; chroma /= chroma.sum()
    C = R @ M; total = C.sum(1, keepdims=True); C = (C / np.where(total > 0, total, 1))[total[:, 0] > 0]
    on = C[:, TRIADS].sum(2)
    hist = np.bincount((on / 3 - (1 - on) / 9).argmax(1), minlength=24).astype(float)
    combined = (pearson(chroma, PROFILES) + chord_weight * pearson(hist, CHORD_WEIGHTS)) / (1 + chord_weight)
    return int(np.argmax(combined))


def mirex(e, t):
    if e == t: return 1.0
    et, em, tt, tm = e % 12, e >= 12, t % 12, t >= 12
    if em == tm and (et - tt) % 12 in (5, 7): return 0.5
    if em != tm and ((not tm and em and et == (tt + 9) % 12) or (tm and not em and et == (tt + 3) % 12)): return 0.3
    if em != tm and et == tt: return 0.2
    return 0.0


def load(set_csv, ks):
    base, name = os.path.dirname(set_csv), os.path.splitext(os.path.basename(set_csv))[0]
    os.makedirs("/tmp/key-lab-cache", exist_ok=True)
    out = []
    for row in csv.DictReader(open(set_csv)):
        path = os.path.join(base, name, row["file"])
        if not os.path.exists(path): path = os.path.normpath(os.path.join(base, row["file"]))
        cache = f"/tmp/key-lab-cache/{name}_{os.path.basename(path)}_" + "_".join(map(str, ks)) + ".npz"
        if os.path.exists(cache):
            z = np.load(cache); H = z["H"]; R = {k: z[f"R{k}"] for k in ks}
        else:
            H, R = features(peaks(decode(path)), ks)
            np.savez(cache, H=H, **{f"R{k}": R[k] for k in ks})
        truth = NAMES.index(FLATS.get(row["key"], row["key"])) + (12 if row["mode"] == "minor" else 0)
        out.append((row, truth, H, R))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=float, nargs="+", default=[0.0, 2.0])
    ap.add_argument("--windows", type=float, nargs="*", default=[])
    args = ap.parse_args()
    data = {name: load(path, args.k) for name, path in SETS.items()}
    for k in args.k:
        cells = []
        for name, rows in data.items():
            scores = [(mirex(key(H, R[k]), t), key(H, R[k]) == t) for _, t, H, R in rows]
            cells.append(f"{name} {np.mean([s for s, _ in scores]):.3f}/{np.mean([e for _, e in scores]):.3f}")
            for row, t, H, R_ in rows:
                e = key(H, R_[k])
                if e != t: print(f"   k={k} {name} {row['file']}: {NAMES[t % 12]} {'minor' if t >= 12 else 'major'} read "
                                 f"{NAMES[e % 12]} {'minor' if e >= 12 else 'major'}")
        for secs in args.windows:
            width, hop = int(secs * FS / HOP), int(3 * FS / HOP)
            scores = [(mirex(e, t), e == t) for _, t, H, R in data["long"]
                      for a in range(0, max(1, len(H) - width + 1), hop) for e in [key(H[a:a + width], R[k][a:a + width])]]
            cells.append(f"{secs:g} s windows of long ({len(scores)}) {np.mean([s for s, _ in scores]):.3f}/"
                         f"{np.mean([e for _, e in scores]):.3f}")
        print(f"k={k}: " + "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
