#!/usr/bin/env python3
"""Makes assets/demo/demo-loop.mp4: a 4-bar loop (100 BPM, A minor) synthesized here,
dedicated to the public domain (CC0). Needs numpy and ffmpeg. Run from the repository root:
    python3 scripts/make-demo-clip.py
"""
import subprocess, wave
import numpy as np

RATE, BPM, BARS = 44100, 100, 4
beat = 60 / BPM
n = int(RATE * beat * 4 * BARS)
t = np.arange(n) / RATE
mix = np.zeros((n, 2))

def add(start, signal, pan=0.0):
    i = int(start * RATE)
    j = min(n, i + len(signal))
    mix[i:j, 0] += signal[: j - i] * (1 - pan) / 2 ** 0.5
    mix[i:j, 1] += signal[: j - i] * (1 + pan) / 2 ** 0.5

def env(length, attack=0.005, decay=0.3):
    k = np.arange(int(length * RATE)) / RATE
    return np.minimum(k / attack, 1) * np.exp(-k / decay)

def note(freq, length, decay=0.6, partials=5):
    k = np.arange(int(length * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * freq * p * k) / p ** 1.3 for p in range(1, partials + 1))
    return tone * env(length, 0.01, decay)

midi = lambda m: 440 * 2 ** ((m - 69) / 12)
chords = [[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]]  # Am F C G
bass = [45, 41, 48, 43]
for bar in range(BARS):
    t0 = bar * 4 * beat
    for m in chords[bar]:
        for b in (0, 1.5, 2.5):
            add(t0 + b * beat, 0.12 * note(midi(m), beat * 1.2, 0.5), pan=-0.3)
    add(t0, 0.35 * note(midi(bass[bar]), beat * 3.5, 1.2, 3), pan=0.0)
    for b in range(4):
        k = np.arange(int(0.35 * RATE)) / RATE
        kick = np.sin(2 * np.pi * (45 + 90 * np.exp(-k * 25)) * k) * np.exp(-k * 9)
        add(t0 + b * beat, 0.8 * kick)
        if b % 2 == 1:
            snare = np.random.default_rng(bar * 4 + b).normal(0, 1, int(0.2 * RATE)) * env(0.2, 0.001, 0.05)
            add(t0 + b * beat, 0.25 * snare, pan=0.1)
        for half in (0, 0.5):
            hat = np.random.default_rng(100 + bar * 8 + b * 2 + int(half * 2)).normal(0, 1, int(0.05 * RATE))
            hat = np.diff(hat, prepend=0) * env(0.05, 0.001, 0.015)
            add(t0 + (b + half) * beat, 0.08 * hat, pan=0.4)
    # A melody in A natural minor over the bar.
    for step, m in enumerate([69, 72, 76, 74][bar:] + [69, 72, 76, 74][:bar]):
        add(t0 + step * beat + 0.5 * beat, 0.1 * note(midi(m + 12), beat * 0.9, 0.25, 3), pan=0.25)

mix /= np.abs(mix).max() / 0.8
pcm = (mix * 32767).astype("<i2")
with wave.open("/tmp/sampletok-demo.wav", "wb") as w:
    w.setnchannels(2); w.setsampwidth(2); w.setframerate(RATE); w.writeframes(pcm.tobytes())
subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=0x1b1b2b:s=180x320:r=5:d={n / RATE}",
                "-i", "/tmp/sampletok-demo.wav", "-c:v", "libx264", "-preset", "veryslow", "-crf", "40",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart",
                "-metadata", "title=SampleTok demo loop (CC0)", "assets/demo/demo-loop.mp4"], check=True)
