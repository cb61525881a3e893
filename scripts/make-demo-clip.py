#!/usr/bin/env python3
"""Makes the demo loops in assets/demo/: short loops at different tempos and keys, major and
minor, synthesized here and dedicated to the public domain (CC0). Needs numpy and ffmpeg.
Run from the repository root:  python3 scripts/make-demo-clip.py
"""
import subprocess, wave
import numpy as np

RATE = 44100
MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]

def midi(m):
    return 440 * 2 ** ((m - 69) / 12)

def env(length, attack, decay):
    k = np.arange(int(length * RATE)) / RATE
    return np.minimum(k / attack, 1) * np.exp(-k / decay)

def tone(freq, length, decay, partials):
    k = np.arange(int(length * RATE)) / RATE
    return sum(np.sin(2 * np.pi * freq * p * k) / p ** 1.3 for p in range(1, partials + 1)) * env(length, 0.01, decay)

def make(name, bpm, tonic, mode, degrees, bars=4, seed=0, video=False, swing=0.0):
    scale = MAJOR if mode == "major" else MINOR
    beat = 60 / bpm
    n = int(RATE * beat * 4 * bars)
    mix = np.zeros((n, 2))
    rng = np.random.default_rng(seed)

    def add(start, signal, pan=0.0):
        i = int(start * RATE)
        j = min(n, i + len(signal))
        if j > i:
            mix[i:j, 0] += signal[: j - i] * (1 - pan) / 2 ** 0.5
            mix[i:j, 1] += signal[: j - i] * (1 + pan) / 2 ** 0.5

    def chord(degree):  # a triad on a scale degree, as MIDI notes around the tonic
        return [tonic + 12 + scale[(degree + k) % 7] + 12 * ((degree + k) // 7) for k in (0, 2, 4)]

    for bar in range(bars):
        t0 = bar * 4 * beat
        degree = degrees[bar % len(degrees)]
        for m in chord(degree):
            for b in (0, 1.5, 2.5):
                add(t0 + b * beat, 0.12 * tone(midi(m), beat * 1.2, 0.5, 5), pan=-0.3)
        add(t0, 0.35 * tone(midi(tonic - 12 + scale[degree % 7]), beat * 3.5, 1.2, 3))
        for b in range(4):
            k = np.arange(int(0.35 * RATE)) / RATE
            add(t0 + b * beat, 0.8 * np.sin(2 * np.pi * (45 + 90 * np.exp(-k * 25)) * k) * np.exp(-k * 9))
            if b % 2 == 1:
                add(t0 + b * beat, 0.25 * rng.normal(0, 1, int(0.2 * RATE)) * env(0.2, 0.001, 0.05), pan=0.1)
            for half in (0, 0.5 + swing):
                hat = np.diff(rng.normal(0, 1, int(0.05 * RATE)), prepend=0) * env(0.05, 0.001, 0.015)
                add(t0 + (b + half) * beat, 0.08 * hat, pan=0.4)
        melody = [scale[0], scale[2], scale[4], scale[1]]
        for step in range(4):
            add(t0 + (step + 0.5) * beat, 0.1 * tone(midi(tonic + 24 + melody[(step + bar) % 4]), beat * 0.9, 0.25, 3), pan=0.25)

    mix /= np.abs(mix).max() / 0.8
    with wave.open("/tmp/sampletok-demo.wav", "wb") as w:
        w.setnchannels(2); w.setsampwidth(2); w.setframerate(RATE)
        w.writeframes((mix * 32767).astype("<i2").tobytes())
    title = ["-metadata", f"title={name} (SampleTok demo loop, CC0)"]
    if video:
        args = ["-f", "lavfi", "-i", f"color=c=0x1b1b2b:s=180x320:r=5:d={n / RATE}", "-i", "/tmp/sampletok-demo.wav",
                "-c:v", "libx264", "-preset", "veryslow", "-crf", "40", "-pix_fmt", "yuv420p", "-shortest",
                "-movflags", "+faststart"]
        out = f"assets/demo/{name}.mp4"
    else:
        args = ["-i", "/tmp/sampletok-demo.wav"]
        out = f"assets/demo/{name}.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args, "-c:a", "aac", "-b:a", "96k", *title, out], check=True)

make("demo-loop", 100, 57, "minor", [0, 5, 2, 6], video=True)       # A minor: Am F C G
make("lofi-keys", 84, 62, "minor", [0, 5, 3, 4], bars=2, seed=1, swing=0.08)  # D minor
make("house-stab", 124, 65, "major", [0, 5, 3, 4], bars=2, seed=2)  # F major
make("trap-bells", 140, 55, "minor", [0, 5, 6, 4], bars=2, seed=3)  # G minor
make("dnb-roller", 174, 64, "minor", [0, 3, 5, 4], bars=4, seed=4)  # E minor
make("funk-riff", 110, 63, "major", [0, 3, 4, 0], bars=2, seed=5)   # D# (Eb) major
