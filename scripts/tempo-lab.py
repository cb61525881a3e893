#!/usr/bin/env python3
"""Tempo lab: a NumPy re-implementation of SampleTok's tempo estimator for trying variants.

It reproduces `TempoEstimator` (log-magnitude spectral flux at 12 kHz, 1024/256 frames; accents =
envelope minus its 0.5 s moving mean, half-wave rectified; biased autocorrelation; 4-level
metrical comb; log-Gaussian prior at 120 BPM, 1 octave; 800 log-spaced candidates 40-240 BPM;
then the metrical level among the winner, its half and its double with the kick/snare backbeat
added to the comb) and makes the same decisions as `sampletok bench analysis` on the dev set
(35 of 37, the same two misses), so variants can be compared without a Swift build. The method
before the backbeat (34 of 37) is the variant "without backbeat".

Every variant is scored three ways on the rows with tempo_reliable=1:
  full  - the whole clip (what the bench measures);
  w10   - every 10 s window of every clip, hop 3 s (250 windows);
  w15   - every 15 s window, hop 3 s (191 windows).
The windowed scores are a robustness check: a change that only flips a near-tie on one whole clip
but loses on the windows of the same material is fitting, not a better method.

Usage: scripts/tempo-lab.py [--grid] [--quick] [path/to/dev.csv]   (needs ffmpeg and numpy; caches decoded
audio in $TMPDIR/tempo-lab). --grid adds the prior grid: biased/unbiased autocorrelation x centre
110/120/130 BPM x width 0.6-1.0 octave; --quick runs only the current method, its backbeat weights
and the method without backbeat.
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

GRID = "--grid" in sys.argv
QUICK = "--quick" in sys.argv
ARGS = [a for a in sys.argv[1:] if a not in ("--grid", "--quick")]
CSV = ARGS[0] if ARGS else os.path.join(os.path.dirname(__file__), "../../shared/eval/dev.csv")
CLIPS = os.path.join(os.path.dirname(CSV), os.path.splitext(os.path.basename(CSV))[0])
CACHE = os.path.join(tempfile.gettempdir(), "tempo-lab")
RATE, N, HOP = 12000, 1024, 256
FR = RATE / HOP
BPMS = np.exp(np.linspace(np.log(40), np.log(240), 800))
MAXLAG = int(np.ceil(4 * 60 / 40 * FR)) + 2
EDGES = [(30, 150), (150, 500), (500, 1500), (1500, 5001)]
KICK, SNARE = (30, 150), (1200, 5001)


def decode(path):
    os.makedirs(CACHE, exist_ok=True)
    cached = os.path.join(CACHE, os.path.basename(path) + ".f32")
    if not os.path.exists(cached):
        raw = subprocess.run(["ffmpeg", "-v", "quiet", "-i", path, "-vn", "-ac", "1", "-ar", str(RATE),
                              "-f", "f32le", "-"], capture_output=True, check=True).stdout
        with open(cached, "wb") as f:
            f.write(raw)
    return np.fromfile(cached, dtype=np.float32)


def flux(x):
    """Per-bin rise of log(1 + 100|X|) (|X| = 1 for a full-scale sine) and the bin frequencies."""
    w = np.hanning(N + 1)[:-1].astype(np.float32)
    frames = 1 + (len(x) - N) // HOP
    idx = np.arange(N)[None, :] + HOP * np.arange(frames)[:, None]
    mag = np.abs(np.fft.rfft(x[idx] * w, axis=1)) * 4 / N
    logmag = np.log2(1 + 100 * mag)
    rise = np.vstack([np.zeros((1, logmag.shape[1])), np.maximum(0, np.diff(logmag, axis=0))])
    return rise, np.arange(logmag.shape[1]) * RATE / N


def accent(env, width_s=0.5):
    n = len(env)
    w = int(round(FR * width_s)) | 1
    h = w // 2
    p = np.concatenate([[0], np.cumsum(env)])
    i = np.arange(n)
    lo, hi = np.maximum(0, i - h), np.minimum(n, i + h + 1)
    a = np.maximum(0, env - (p[hi] - p[lo]) / w)
    return a - a.mean()


def acf(a, unbiased=False):
    n = len(a)
    spectrum = np.fft.rfft(a, 2 * n)
    r = np.fft.irfft(spectrum * np.conj(spectrum))[:MAXLAG + 1]
    if len(r) < MAXLAG + 1:
        r = np.concatenate([r, np.zeros(MAXLAG + 1 - len(r))])
    if unbiased:
        r = r / np.maximum(1, n - np.arange(MAXLAG + 1))
    return r / r[0] if r[0] > 0 else r


def at(r, lag):
    lag = np.asarray(lag, float)
    i = lag.astype(int)
    f = lag - i
    ok = i + 1 < len(r)
    i = np.where(ok, i, 0)
    return np.where(ok, r[i] * (1 - f) + r[np.minimum(i + 1, len(r) - 1)] * f, 0)


def levels(r, count=4):
    period = 60 * FR / BPMS
    return np.array([at(r, period * k) for k in range(1, count + 1)])


def prior(bpm, centre=120, octaves=1.0):
    o = np.log2(bpm / centre) / octaves
    return np.exp(-0.5 * o * o)


def rayleigh(bpm, mode=120):
    """Davies & Plumbley's Rayleigh weighting of the beat period, mode at `mode` BPM (max 1)."""
    tau, b = 60 / bpm, 60 / mode
    return (tau / b) * np.exp(0.5 - tau * tau / (2 * b * b))


def pick(score):
    return BPMS[int(np.argmax(score))]


def cross(a, b):
    """Normalised cross-correlation of two accent signals: (b after a, a after b) for lags 0..MAXLAG."""
    n = len(a)
    full = np.fft.irfft(np.conj(np.fft.rfft(a, 2 * n)) * np.fft.rfft(b, 2 * n))
    norm = np.sqrt((a * a).sum() * (b * b).sum())
    if norm <= 0:
        return np.zeros(MAXLAG + 1), np.zeros(MAXLAG + 1)
    after = full[:MAXLAG + 1]
    before = np.concatenate([[full[0]], full[:-MAXLAG - 1:-1]])[:MAXLAG + 1]
    pad = lambda c: np.concatenate([c, np.zeros(MAXLAG + 1 - len(c))]) / norm
    return pad(after), pad(before)


def backbeat(kick, snare):
    """`Backbeat.strength` for every candidate: kick/snare alternation at odd beats against their
    coincidence (lag 0) and the even beats, clipped at 0."""
    after, before = cross(accent(kick), accent(snare))
    period = 60 * FR / BPMS
    both = lambda k: (at(after, period * k) + at(before, period * k)) / 2
    odd = (both(1) + both(3)) / 2
    even = (both(2) + both(4)) / 2
    return np.maximum(0, odd - (after[0] + even) / 2)


def octave_choice(comb, base, extra):
    """The winner of `base`, its half or its double (best of `base` within 3 %), by (comb + extra) x prior."""
    best = int(np.argmax(base))
    candidates = [best]
    for ratio in (0.5, 2.0):
        target = BPMS[best] * ratio
        near = np.where(np.abs(np.log(BPMS / target)) < 0.03)[0]
        if 40 <= target <= 240 and len(near):
            candidates.append(near[np.argmax(base[near])])
    full = np.maximum(0, comb + extra) * prior(BPMS)
    return BPMS[max(candidates, key=lambda i: full[i])]


# ---- the current method and the variants tried -------------------------------------------------

def current(env, bands, weight=1.0):
    r = acf(accent(env))
    comb = levels(r).mean(0)
    return octave_choice(comb, np.maximum(0, comb) * prior(BPMS), weight * backbeat(bands[-2], bands[-1]))


def confidence(env, bands):
    """The current method's estimate and `bpm_confidence` (strength x sqrt(1 - rho^2)), on the grid."""
    r = acf(accent(env))
    comb = levels(r).mean(0)
    extra = backbeat(bands[-2], bands[-1])
    bpm = octave_choice(comb, np.maximum(0, comb) * prior(BPMS), extra)
    i = int(np.argmin(np.abs(BPMS - bpm)))

    def evidence(b):
        c = np.mean([at(r, 60 * FR / b * k) for k in range(1, 5)])
        return max(0.0, c + np.interp(np.log(b), np.log(BPMS), extra)) * prior(b)

    rivals = [evidence(bpm * q * (1 + 0.005 * step)) for q in (2, 0.5, 1.5, 2 / 3) for step in range(-3, 4)
              if 40 <= bpm * q * (1 + 0.005 * step) <= 240]
    rho = min(1.0, max(rivals) / evidence(bpm))
    strength = min(1.0, max(0.0, (comb[i] * np.sqrt(len(env)) - 2) / 4))
    return bpm, strength * np.sqrt(1 - rho * rho)


def without_backbeat(env, bands, centre=120, octaves=1.0, count=4, width=0.5):
    r = acf(accent(env, width))
    return pick(np.maximum(0, levels(r, count).mean(0)) * prior(BPMS, centre, octaves))


def unbiased(env, bands, centre=120, octaves=1.0):
    r = acf(accent(env), unbiased=True)
    return pick(np.maximum(0, levels(r).mean(0)) * prior(BPMS, centre, octaves))


def comb_mean(kind):
    def method(env, bands):
        t = levels(acf(accent(env)))
        if kind == "harmonic":
            c = len(t) / (1 / np.maximum(t, 1e-3)).sum(0)
        elif kind == "geometric":
            c = np.exp(np.log(np.maximum(t, 1e-3)).mean(0))
        else:  # min of the odd-level and even-level means
            c = np.minimum((t[0] + t[2]) / 2, (t[1] + t[3]) / 2)
        return pick(np.maximum(0, c) * prior(BPMS))
    return method


def horizon(seconds, significance):
    def method(env, bands):
        r = acf(accent(env))
        out = []
        for bpm in BPMS:
            period = 60 * FR / bpm
            k = max(1, int(seconds * FR / period))
            v = at(r, period * np.arange(1, k + 1))
            out.append(v.sum() / np.sqrt(k) if significance else v.mean())
        return pick(np.maximum(0, np.array(out)) * prior(BPMS))
    return method


def band_acf(env, bands):
    rs = [acf(accent(b)) for b in bands[:4] if np.any(b)]
    return pick(np.maximum(0, np.mean([levels(r).mean(0) for r in rs], 0)) * prior(BPMS))


def band_accents(env, bands):
    a = sum(accent(b) / (np.std(accent(b)) + 1e-9) for b in bands[:4])
    return pick(np.maximum(0, levels(acf(a)).mean(0)) * prior(BPMS))


def with_rayleigh(env, bands):
    return pick(np.maximum(0, levels(acf(accent(env))).mean(0)) * rayleigh(BPMS))


def ellis_tps(env, bands, octaves=1.4):
    """Ellis (2007): prior-weighted ACF plus half of it at twice (or a third at three times) the lag."""
    r = acf(accent(env))
    lag = np.arange(len(r))
    w = np.where(lag > 0, prior(60 * FR / np.maximum(lag, 1e-9), 120, octaves), 0)
    tps = w * r
    period = 60 * FR / BPMS
    one = at(tps, period)
    two = one + 0.5 * np.max([at(tps, 2 * period + d) for d in (-1, 0, 1)], axis=0)
    three = one + 0.33 * np.max([at(tps, 3 * period + d) for d in (-1, 0, 1)], axis=0)
    return pick(np.maximum(two, three))


def dft_times_acf(env, bands):
    a = accent(env)
    t = np.arange(len(a)) / FR
    spectrum = np.abs(np.exp(-2j * np.pi * np.outer(BPMS / 60, t)) @ (a * np.hanning(len(a))))
    spectrum /= spectrum.max()
    return pick(np.maximum(0, levels(acf(a)).mean(0)) * np.sqrt(spectrum) * prior(BPMS))


def local_acf(seconds):
    """librosa-style: the mean of the autocorrelations of `seconds`-long windows (hop 1 s)."""
    def method(env, bands):
        a = accent(env)
        w = int(round(seconds * FR))
        total = np.zeros(MAXLAG + 1)
        for s in range(0, max(1, len(a) - w + 1), int(FR)):
            seg = a[s:s + w] - a[s:s + w].mean()
            r = acf(seg)
            total += r
        total = total / total[0] if total[0] > 0 else total
        return pick(np.maximum(0, levels(total).mean(0)) * prior(BPMS))
    return method


VARIANTS = [
    ("current (comb x prior, then octave by comb + backbeat)", current),
    ("backbeat weight 0.5", lambda e, b: current(e, b, weight=0.5)),
    ("backbeat weight 2", lambda e, b: current(e, b, weight=2.0)),
    ("backbeat weight 4", lambda e, b: current(e, b, weight=4.0)),
    ("without backbeat (biased ACF, comb of 4, prior 120/1.0)", without_backbeat),
    ("prior 120 BPM, 0.8 octave", lambda e, b: without_backbeat(e, b, 120, 0.8)),
    ("prior 120 BPM, 1.2 octave", lambda e, b: without_backbeat(e, b, 120, 1.2)),
    ("prior 110 BPM, 1.0 octave", lambda e, b: without_backbeat(e, b, 110, 1.0)),
    ("prior 130 BPM, 1.0 octave", lambda e, b: without_backbeat(e, b, 130, 1.0)),
    ("Rayleigh period weighting (mode 120)", with_rayleigh),
    ("comb of 3 levels", lambda e, b: without_backbeat(e, b, count=3)),
    ("comb of 5 levels", lambda e, b: without_backbeat(e, b, count=5)),
    ("comb of 8 levels", lambda e, b: without_backbeat(e, b, count=8)),
    ("comb: harmonic mean of 4 levels", comb_mean("harmonic")),
    ("comb: geometric mean of 4 levels", comb_mean("geometric")),
    ("comb: min(odd, even) levels", comb_mean("min")),
    ("comb: mean of all multiples <= 4 s", horizon(4, False)),
    ("comb: sum/sqrt(K) of multiples <= 4 s", horizon(4, True)),
    ("accent window 1.0 s", lambda e, b: without_backbeat(e, b, width=1.0)),
    ("accent window 2.0 s", lambda e, b: without_backbeat(e, b, width=2.0)),
    ("unbiased ACF, prior 120/1.0", unbiased),
    ("unbiased ACF, prior 120/0.7", lambda e, b: unbiased(e, b, 120, 0.7)),
    ("unbiased ACF, prior 120/0.8", lambda e, b: unbiased(e, b, 120, 0.8)),
    ("unbiased ACF, prior 120/0.9", lambda e, b: unbiased(e, b, 120, 0.9)),
    ("4-band ACFs averaged", band_acf),
    ("4-band accents summed", band_accents),
    ("Ellis TPS2/TPS3 (1.4 octave)", ellis_tps),
    ("comb x sqrt(DFT tempogram)", dft_times_acf),
    ("mean of 8.9 s local ACFs", local_acf(8.9)),
]


if GRID:
    for _unbiased in (False, True):
        for _centre in (110, 120, 130):
            for _octaves in (0.6, 0.7, 0.8, 0.9, 1.0):
                VARIANTS.append((f"{'unbiased' if _unbiased else 'biased'} ACF, prior {_centre}/{_octaves}",
                                 (lambda e, b, u=_unbiased, c=_centre, o=_octaves:
                                  unbiased(e, b, c, o) if u else without_backbeat(e, b, c, o))))


def within(estimate, truth, factors=(1,)):
    return any(abs(estimate - truth * f) <= 0.04 * truth * f for f in factors)


def main():
    rows = [r for r in csv.DictReader(open(CSV)) if r.get("tempo_reliable", "1") == "1"]
    clips = []
    for r in rows:
        rise, freqs = flux(decode(os.path.join(CLIPS, r["file"])))
        lo, hi = int(np.ceil(30 * N / RATE)), int(5000 * N / RATE)
        env = rise[:, lo:hi + 1].sum(1)
        bands = [rise[:, (freqs >= a) & (freqs < b)].sum(1) for a, b in EDGES + [KICK, SNARE]]
        clips.append((r, env, bands))
    print(f"{'variant':52s} {'full A1/A2':12s} {'w10 A1':7s} {'w15 A1':7s}  misses (full clips)")
    for name, method in (VARIANTS[:5] if QUICK else VARIANTS):
        full, misses = [], []
        for r, env, bands in clips:
            truth = float(r["tempo_bpm"])
            est = method(env, bands)
            full.append((within(est, truth), within(est, truth, (1 / 3, 0.5, 1, 2, 3))))
            if not full[-1][0]:
                misses.append(f"{r['file'][3:6]}:{truth:g}->{est:.0f}")
        windowed = []
        for seconds in (10, 15):
            hits = []
            w = int(seconds * FR)
            for r, env, bands in clips:
                truth = float(r["tempo_bpm"])
                for s in range(0, max(1, len(env) - w + 1), int(3 * FR)):
                    hits.append(within(method(env[s:s + w], [b[s:s + w] for b in bands]), truth))
            windowed.append(np.mean(hits))
        a1, a2 = np.mean([f[0] for f in full]), np.mean([f[1] for f in full])
        print(f"{name:52s} {a1:.3f}/{a2:.3f}  {windowed[0]:.3f}   {windowed[1]:.3f}   {' '.join(misses)}", flush=True)
    # Does the current method's confidence mean something? Acc1 above and below 0.5, on the
    # whole clips and on the windows (many more cases than the 37 clips).
    for seconds in (None, 10, 15):
        split = {True: [], False: []}
        for r, env, bands in clips:
            truth = float(r["tempo_bpm"])
            w = len(env) if seconds is None else int(seconds * FR)
            for s in range(0, max(1, len(env) - w + 1), int(3 * FR)):
                bpm, conf = confidence(env[s:s + w], [b[s:s + w] for b in bands])
                split[conf > 0.5].append(within(bpm, truth))
        label = "whole clips" if seconds is None else f"{seconds} s windows"
        print(f"confidence, {label:12s}: > 0.5 n={len(split[True])} Acc1 {np.mean(split[True]):.3f}; "
              f"<= 0.5 n={len(split[False])} Acc1 {np.mean(split[False]):.3f}")


if __name__ == "__main__":
    main()
