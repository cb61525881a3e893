import Foundation
import Model

/// Makes the `SoundDescriptor` of a clip at the end of the analysis pass, from what the pass
/// already has: the timbre frames (`TimbreFrames`, over the onset detector's spectra), the onset
/// envelopes, the tempo and beat grid, and the key and chroma. Its cost is a few passes over
/// the per-frame values (under a millisecond for a minute of audio).
enum DescriptorBuilder {
    /// Frames more than this far (log2 of power, about 50 dB) under the loudest frame are not
    /// sounding: the timbre is measured on the others.
    static let soundingRange: Float = 16.6

    /// The descriptor of a clip.
    static func descriptor(timbre: TimbreFrames, envelope: [Float], kick: [Float], snare: [Float], novelty: Double,
                           frameRate: Double, bpm: Double, grid: BeatGrid?, key: MusicalKey?, chroma: [Double],
                           duration: Double) -> SoundDescriptor {
        let frames = timbreAndEnvelope(timbre, frameRate: frameRate / Double(TimbreFrames.every), duration: duration)
        let rhythm = rhythm(envelope: envelope, kick: kick, snare: snare, novelty: novelty, frameRate: frameRate,
                            bpm: bpm, grid: grid, duration: duration)
        let tonality = tonality(key: key, chroma: chroma)
        return SoundDescriptor(values: frames.timbre + frames.envelope + rhythm + tonality)
    }

    /// The timbre group (32) and the loudness shape (6).
    static func timbreAndEnvelope(_ timbre: TimbreFrames, frameRate: Double, duration: Double) -> (timbre: [Float], envelope: [Float]) {
        let count = timbre.frameCount
        let stride = TimbreFrames.stride
        let values = timbre.values
        guard count > 0 else {
            return ([Float](repeating: 0, count: DescriptorGroup.timbre.count),
                    [0, 0, 0, 0, 0, Float(Foundation.log2(duration + 0.05))])
        }
        let levels = (0..<count).map { values[$0 * stride + TimbreFrames.levelIndex] }
        let peakLevel = levels.max() ?? 0
        let sounding = (0..<count).filter { levels[$0] >= peakLevel - soundingRange }
        // Means and spreads of the 12 MFCCs, the centroid; means of flatness, contrasts, high share.
        var mean = [Double](repeating: 0, count: stride), square = [Double](repeating: 0, count: stride)
        for f in sounding {
            for j in 0..<stride {
                let v = Double(values[f * stride + j])
                mean[j] += v
                square[j] += v * v
            }
        }
        let n = Double(sounding.count)
        let spread = (0..<stride).map { j in
            let m = mean[j] / n
            return Float(max(0, square[j] / n - m * m).squareRoot())
        }
        let means = mean.map { Float($0 / n) }
        var timbreValues = Array(means[0..<12]) + Array(spread[0..<12])
        timbreValues += [means[12], spread[12], means[13]] + Array(means[14..<18]) + [means[18]]

        // The loudness shape, in decibels of the frame levels (log2 of power × 3.01).
        let dB = levels.map { $0 * 3.0103 }
        let peak = dB.indices.max(by: { dB[$0] < dB[$1] }) ?? 0
        let start = dB.firstIndex(where: { $0 >= dB[peak] - 40 }) ?? peak
        let attack = Float(Foundation.log2(Double(peak - start) / frameRate + 0.01))
        // The decay: the slope of a line through the levels in the second after the peak (dB/s).
        let tail = Array(dB[peak..<min(dB.count, peak + Int(frameRate) + 1)])
        var slope: Float = 0
        if tail.count >= 3 {
            let xs = tail.indices.map { Float($0) / Float(frameRate) }
            let mx = xs.reduce(0, +) / Float(xs.count), my = tail.reduce(0, +) / Float(tail.count)
            var sxy: Float = 0, sxx: Float = 0
            for (x, y) in zip(xs, tail) {
                sxy += (x - mx) * (y - my)
                sxx += (x - mx) * (x - mx)
            }
            slope = sxx > 0 ? min(50, max(-200, sxy / sxx)) / 100 : 0
        }
        let soundingDB = sounding.map { dB[$0] }
        let meanDB = soundingDB.reduce(0, +) / Float(soundingDB.count)
        let crest = (dB[peak] - meanDB) / 10
        let levelSpread = (soundingDB.reduce(0) { $0 + ($1 - meanDB) * ($1 - meanDB) } / Float(soundingDB.count)).squareRoot() / 10
        let share = Float(sounding.count) / Float(count)
        let envelope = [attack, slope, crest, levelSpread, share, Float(Foundation.log2(duration + 0.05))]
        return (timbreValues, envelope)
    }

    /// The rhythm group (19).
    static func rhythm(envelope: [Float], kick: [Float], snare: [Float], novelty: Double, frameRate: Double,
                       bpm: Double, grid: BeatGrid?, duration: Double) -> [Float] {
        let n = envelope.count
        let total = envelope.reduce(0, +)
        guard n > 4, total > 0 else { return [Float](repeating: 0, count: DescriptorGroup.rhythm.count) }
        // Onsets: local maxima above 1.5 × the mean of the 33 frames around them and a tenth of the top.
        let top = envelope.max() ?? 0
        var prefix = [Float](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + envelope[i] }
        var onsets = 0
        for i in 1..<(n - 1) where envelope[i] > envelope[i - 1] && envelope[i] >= envelope[i + 1] && envelope[i] > 0.1 * top {
            let low = max(0, i - 16), high = min(n, i + 17)
            let local = (prefix[high] - prefix[low]) / Float(high - low)
            if envelope[i] > 1.5 * local { onsets += 1 }
        }
        let rate = Float(Foundation.log2(1 + Double(onsets) / max(0.1, duration)))
        // Periodicity: the normalised autocorrelation of the envelope at the beat's period.
        let mean = total / Float(n)
        let centred = envelope.map { $0 - mean }
        let energy = centred.reduce(0) { $0 + $1 * $1 }
        var periodicity: Float = 0
        if bpm > 0, energy > 0 {
            let lag = Int((60 / bpm * frameRate).rounded())
            if lag > 0, lag < n {
                var r: Float = 0
                for i in 0..<(n - lag) { r += centred[i] * centred[i + lag] }
                periodicity = max(0, r / energy)
            }
        }
        let profile = beatProfile(envelope: envelope, frameRate: frameRate, grid: grid)
        let swing = profile[6] + profile[8] > 0 ? profile[8] / (profile[6] + profile[8]) : 0
        let kickShare = kick.reduce(0, +) / total
        let snareShare = snare.reduce(0, +) / total
        let tempo = bpm > 0 ? Float(Foundation.log2(bpm / 120)) : 0
        return [rate, periodicity, swing, kickShare, snareShare, Float(min(0.5, novelty)), tempo] + profile
    }

    /// The onset strength in 12 places of the beat (phases of the grid's beats), summing to 1;
    /// zeros without a grid.
    static func beatProfile(envelope: [Float], frameRate: Double, grid: BeatGrid?) -> [Float] {
        var profile = [Float](repeating: 0, count: 12)
        guard let beats = grid?.beats, beats.count >= 2 else { return profile }
        let rate = Double(BeatGrid.sampleRate)
        // A frame stands for the middle of its window.
        let offset = Double(OnsetDetector.frameSize) / 2 / Decimator.outputRate
        var b = 0
        for (f, value) in envelope.enumerated() {
            let t = Double(f) / frameRate + offset
            while b + 2 < beats.count, Double(beats[b + 1]) / rate <= t { b += 1 }
            let start = Double(beats[b]) / rate, end = Double(beats[b + 1]) / rate
            guard t >= start, t < end + (end - start) else { continue }
            let phase = ((t - start) / (end - start)).truncatingRemainder(dividingBy: 1)
            profile[min(11, Int((phase * 12).rounded()) % 12)] += value
        }
        let sum = profile.reduce(0, +)
        return sum > 0 ? profile.map { $0 / sum } : profile
    }

    /// The tonality group (16).
    static func tonality(key: MusicalKey?, chroma: [Double]) -> [Float] {
        guard chroma.count == 12, chroma.contains(where: { $0 > 0 }) else { return [Float](repeating: 0, count: DescriptorGroup.tonality.count) }
        let strongest = chroma.indices.max(by: { chroma[$0] < chroma[$1] }) ?? 0
        let tonic = key?.tonic.rawValue ?? strongest
        let rotated = (0..<12).map { Float(chroma[(tonic + $0) % 12]) }
        let mode: Float = key.map { $0.scale == .major ? 1 : -1 } ?? 0
        var major = 0.0, minor = 0.0
        for root in 0..<12 {
            major = max(major, chroma[root] + chroma[(root + 4) % 12] + chroma[(root + 7) % 12])
            minor = max(minor, chroma[root] + chroma[(root + 3) % 12] + chroma[(root + 7) % 12])
        }
        let tonalness = Float(max(0, (chroma.max() ?? 0) * 12 - 1))
        return rotated + [mode, Float(major), Float(minor), tonalness]
    }
}
