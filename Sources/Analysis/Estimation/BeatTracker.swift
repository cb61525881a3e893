import Media
import Model

/// Places the beats of a clip whose tempo is known: a steady grid fitted to the onsets, and the
/// first downbeat (4/4 assumed), in samples of the 48 kHz stream.
///
/// 1. The grid's phase is where a comb at the tempo's period collects the most onset strength
///    (the envelope read between frames by linear interpolation, in tenths of a frame).
/// 2. Each beat is then looked for near its grid position (within an eighth of a beat): the
///    envelope's peak there, placed between frames by a parabola through it and its neighbours.
/// 3. A line through the beats that found a clear peak (weighted by their strength) gives the
///    grid's start and period: a 0.1-BPM rounding of the tempo, which drifts by tens of
///    milliseconds over a minute, does not move the beats.
/// 4. The downbeat is the beat of the bar (one of four phases) with the most low-band (kick)
///    onset strength, the whole envelope breaking ties: dance music puts its kick on the one.
///
/// A frame of the envelope stands for the middle of its window; the flux of an attack peaks a
/// little after that (`lag`), measured on synthesized clicks and drums (`BeatGridTests`).
enum BeatTracker {
    /// Where an attack is, in seconds after the middle of the frame whose flux peaks on it.
    static let lag = 0.008

    /// The beats of a clip of `frames` samples at `bpm`, from its onset envelopes at `frameRate`;
    /// nil without a tempo or onsets.
    static func track(envelope: [Float], kick: [Float], frameRate: Double, bpm: Double, frames: Int) -> BeatGrid? {
        let n = envelope.count
        guard bpm > 0, n > 8 else { return nil }
        let period = 60 / bpm * frameRate
        guard period > 2, Double(n) > period * 2 else { return nil }
        let phase = bestPhase(envelope, period: period)
        // Each beat's own peak, near where the grid puts it.
        var points: [(index: Double, frame: Double, weight: Double)] = []
        let reach = max(1, Int(period / 8))
        var k = 0
        while phase + Double(k) * period < Double(n - 1) {
            let expected = phase + Double(k) * period
            let center = Int(expected.rounded())
            let low = max(1, center - reach), high = min(n - 2, center + reach)
            if low <= high, let peak = (low...high).max(by: { envelope[$0] < envelope[$1] }), envelope[peak] > 0 {
                let a = Double(envelope[peak - 1]), b = Double(envelope[peak]), c = Double(envelope[peak + 1])
                let denominator = a - 2 * b + c
                let offset = denominator < 0 ? min(0.5, max(-0.5, 0.5 * (a - c) / denominator)) : 0
                points.append((Double(k), Double(peak) + offset, b))
            }
            k += 1
        }
        let (start, step) = fitLine(points, phase: phase, period: period)
        // The grid in samples of the 48 kHz stream.
        let samplesPerFrame = Double(AudioBuffer.sampleRate) / frameRate
        // A frame's position in the stream: its window's middle, then the flux's lag.
        let shift = -(Double(OnsetDetector.frameSize) / 2 / Decimator.outputRate + lag) * Double(AudioBuffer.sampleRate)
        let stepSamples = step * samplesPerFrame
        var first = start * samplesPerFrame - shift
        while first - stepSamples >= -0.25 * stepSamples { first -= stepSamples }
        while first < -0.25 * stepSamples { first += stepSamples }
        var beats: [Int] = []
        var position = first
        while position < Double(frames) {
            beats.append(max(0, Int(position.rounded())))
            position += stepSamples
        }
        guard !beats.isEmpty else { return nil }
        let downbeat = barPhase(beats: beats, samplesPerFrame: samplesPerFrame, shift: shift, kick: kick, envelope: envelope)
        return BeatGrid(beats: beats, downbeat: beats[downbeat])
    }

    /// The offset in frames (0 ..< period) of the comb that collects the most onset strength.
    private static func bestPhase(_ envelope: [Float], period: Double) -> Double {
        var best = 0.0, bestScore = -1.0
        var phase = 0.0
        while phase < period {
            var score = 0.0
            var position = phase
            while position < Double(envelope.count - 1) {
                score += interpolated(envelope, at: position)
                position += period
            }
            if score > bestScore { (best, bestScore) = (phase, score) }
            phase += 0.1
        }
        return best
    }

    /// A weighted least-squares line frame = start + step × index through the beats with a clear
    /// peak (at least a third of the median peak); the comb's grid when too few have one.
    private static func fitLine(_ points: [(index: Double, frame: Double, weight: Double)], phase: Double,
                                period: Double) -> (start: Double, step: Double) {
        let weights = points.map(\.weight).sorted()
        guard weights.count >= 2 else { return (phase, period) }
        let floor = weights[weights.count / 2] / 3
        let kept = points.filter { $0.weight >= floor }
        let total = kept.reduce(0) { $0 + $1.weight }
        guard kept.count >= 2, total > 0 else { return (phase, period) }
        let meanIndex = kept.reduce(0) { $0 + $1.weight * $1.index } / total
        let meanFrame = kept.reduce(0) { $0 + $1.weight * $1.frame } / total
        var covariance = 0.0, variance = 0.0
        for point in kept {
            covariance += point.weight * (point.index - meanIndex) * (point.frame - meanFrame)
            variance += point.weight * (point.index - meanIndex) * (point.index - meanIndex)
        }
        guard variance > 0 else { return (meanFrame - meanIndex * period, period) }
        let step = covariance / variance
        // A fit far from the tempo found (a stray peak pulled it) is not trusted.
        guard abs(step / period - 1) < 0.02 else { return (phase, period) }
        return (meanFrame - meanIndex * step, step)
    }

    /// Which of the first four beats starts the bars: the phase with the most kick onset
    /// strength, the whole envelope breaking a tie.
    private static func barPhase(beats: [Int], samplesPerFrame: Double, shift: Double, kick: [Float],
                                 envelope: [Float]) -> Int {
        var kickSums = [Double](repeating: 0, count: 4), allSums = [Double](repeating: 0, count: 4)
        for (index, beat) in beats.enumerated() {
            let frame = (Double(beat) + shift) / samplesPerFrame
            let center = Int(frame.rounded())
            for offset in -1...1 {
                let f = center + offset
                if f >= 0, f < kick.count { kickSums[index % 4] += Double(kick[f]) }
                if f >= 0, f < envelope.count { allSums[index % 4] += Double(envelope[f]) }
            }
        }
        let top = kickSums.max() ?? 0
        let candidates = (0..<min(4, beats.count)).filter { top <= 0 || kickSums[$0] >= 0.9 * top }
        return candidates.max(by: { allSums[$0] < allSums[$1] }) ?? 0
    }

    private static func interpolated(_ envelope: [Float], at position: Double) -> Double {
        let i = Int(position)
        let fraction = position - Double(i)
        guard i + 1 < envelope.count else { return Double(envelope[min(i, envelope.count - 1)]) }
        return Double(envelope[i]) * (1 - fraction) + Double(envelope[i + 1]) * fraction
    }
}
