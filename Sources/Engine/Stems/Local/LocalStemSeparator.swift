import Analysis
import Foundation
import Media
import Model
import Resolvers

/// The offline separator (`local`): classic DSP, no key, no network. Harmonic/percussive
/// separation by median filtering of the STFT (Fitzgerald 2010) with a separation margin
/// (Driedger et al. 2014) gives `drum`; a centre-channel mask on the harmonic part gives a
/// `vocal` estimate of stereo material; the harmonic part below about 200 Hz gives a `bass`
/// estimate. Every other stem needs a learned model.
struct LocalStemSeparator: StemSeparator {
    let name = "local"
    /// The DSP parameters.
    var settings = LocalSeparatorSettings()
    /// The longest source accepted, in seconds.
    var maxDuration: Double = 15 * 60

    func support(for type: StemType) -> StemSupport {
        switch type {
        case .drum:
            return .supported
        case .vocal:
            return .estimate("a centre-channel estimate: what is panned to the middle of a stereo mix "
                + "(usually the lead vocal, sometimes a centred solo instrument); mono samples are refused")
        case .bass:
            return .estimate("the sustained sound below about 200 Hz: the bass line, with any low notes "
                + "of pads or keys")
        default:
            return .unsupported("needs a learned model: choose LALAL.AI")
        }
    }

    func separate(source: URL, stems: [StemType], into directory: URL,
                  progress: @escaping @Sendable (Double, String) -> Void) async throws -> [StemType: URL] {
        let wanted = Array(Set(stems)).sorted()
        guard !wanted.isEmpty else { throw SampleTokError.invalid("Choose at least one stem type.") }
        for type in wanted {
            if case .unsupported(let reason) = support(for: type) {
                throw SampleTokError(.stemsUnsupported, "The local separator cannot make \(type.displayName): it \(reason).")
            }
        }
        let cancelled = Locked(false)
        let job = self
        return try await withTaskCancellationHandler {
            try await Blocking.run {
                try job.run(source: source, stems: wanted, into: directory, progress: progress) {
                    cancelled.withLock { $0 }
                }
            }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
    }

    /// The separation itself, on the calling thread.
    func run(source: URL, stems: [StemType], into directory: URL,
             progress: @Sendable (Double, String) -> Void, isCancelled: () -> Bool) throws -> [StemType: URL] {
        let limits = DecodeLimits(maxDuration: maxDuration)
        if stems.contains(.vocal) {
            progress(0, "checking the stereo image")
            if try Self.isMono(source, limits: limits, threshold: settings.monoSideRatio) {
                throw SampleTokError(.stemsUnsupported, "The local separator finds a vocal by what is panned to the middle of a stereo mix, and this "
                    + "sample is mono (both channels are the same). Choose LALAL.AI for its vocal, or ask for drum or bass.")
            }
        }
        let decoder: AudioDecoder
        do { decoder = try AudioDecoder(path: source.path, limits: limits) } catch { throw SampleTokError(error) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(directory.path) for the stems.")
        }
        var files: [StemType: URL] = [:]
        var outputs: [(StemType, any AudioSink)] = []
        var separation: LocalSeparation?
        do {
            for type in stems {
                let file = directory.appendingPathComponent("\(type.rawValue).wav")
                outputs.append((type, try EncodingSink(name: type.rawValue, path: file.path, settings: .wav)))
                files[type] = file
            }
            let running = try LocalSeparation(settings: settings, outputs: outputs)
            separation = running
            let expected = max(1, (decoder.info.declaredDuration ?? 0) * Double(AudioBuffer.sampleRate))
            var done = 0
            var reported = -1
            _ = try decoder.run { buffer in
                if isCancelled() { throw CancellationError() }
                try running.push(buffer)
                done += buffer.frameCount
                let percent = min(99, Int(Double(done) / expected * 100))
                if percent > reported {
                    reported = percent
                    progress(Double(percent) / 100, "separating")
                }
            }
            try running.finish()
            progress(1, "separated")
            return files
        } catch {
            if let separation { separation.cancel() } else { for output in outputs { output.1.cancel() } }
            for file in files.values { try? FileManager.default.removeItem(at: file) }
            if let error = error as? MediaError { throw SampleTokError(error) }
            throw error
        }
    }

    /// Whether the two channels of `source` carry the same signal: side (L−R) energy at most
    /// `threshold` times the mid (L+R) energy. Silence is not mono: there is nothing to refuse.
    static func isMono(_ source: URL, limits: DecodeLimits, threshold: Double) throws -> Bool {
        let decoder: AudioDecoder
        do { decoder = try AudioDecoder(path: source.path, limits: limits) } catch { throw SampleTokError(error) }
        if decoder.info.channels == 1 { return true }
        var side = 0.0
        var mid = 0.0
        do {
            _ = try decoder.run { buffer in
                for i in 0..<buffer.frameCount {
                    let l = Double(buffer.left[i]), r = Double(buffer.right[i])
                    guard l.isFinite, r.isFinite else { continue }
                    side += (l - r) * (l - r)
                    mid += (l + r) * (l + r)
                }
            }
        } catch let error as MediaError {
            throw SampleTokError(error)
        }
        return mid > 0 && side <= threshold * mid
    }
}
