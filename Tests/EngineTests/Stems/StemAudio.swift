import Foundation
import Media

/// Helpers of the separator tests: write test material as WAV, and measure energy in
/// spectro-temporal regions where one known source dominates.
enum StemAudio {
    /// Writes a stereo 48 kHz WAV.
    static func write(left: [Float], right: [Float], to path: String) throws {
        let sink = try EncodingSink(name: "wav", path: path, settings: .wav)
        try sink.consume(AudioBuffer(left: left, right: right))
        try sink.finish()
    }

    /// The power spectrogram (1024-point Hann frames every 256 samples) of a signal.
    static func spectrogram(_ signal: [Float]) throws -> [[Float]] {
        let size = 1024, hop = 256
        let fft = try RealFFT(size: size)
        let window = (0..<size).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size))) }
        var frames: [[Float]] = []
        var frame = [Float](repeating: 0, count: size)
        var start = 0
        while start + size <= signal.count {
            for n in 0..<size { frame[n] = signal[start + n] * window[n] }
            var power: [Float] = []
            frame.withUnsafeBufferPointer { fft.powerSpectrum($0, into: &power) }
            frames.append(power)
            start += hop
        }
        return frames
    }

    /// Time–frequency cells where source `a` is at least 10 dB above source `b`.
    static func region(where a: [[Float]], dominates b: [[Float]]) -> [[Bool]] {
        zip(a, b).map { fa, fb in zip(fa, fb).map { $0 > 10 * $1 && $0 > 1e-9 } }
    }

    /// The part of `region` in the bins `bins` (of 513).
    static func band(_ region: [[Bool]], bins: Range<Int>) -> [[Bool]] {
        region.map { frame in frame.indices.map { bins.contains($0) && frame[$0] } }
    }

    /// The energy of `spectrogram` inside `region`.
    static func energy(_ spectrogram: [[Float]], in region: [[Bool]]) -> Double {
        var sum = 0.0
        for (frame, mask) in zip(spectrogram, region) {
            for (p, inside) in zip(frame, mask) where inside { sum += Double(p) }
        }
        return sum
    }

    /// `10·log10(x)`.
    static func decibels(_ x: Double) -> Double { 10 * log10(max(x, 1e-30)) }
}
