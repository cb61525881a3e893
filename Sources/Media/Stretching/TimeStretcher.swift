import CRubberBand
import Model

/// Rubber Band in its real-time mode over stereo 48 kHz audio: what goes in comes out stretched
/// by the sync's time ratio and shifted by its pitch scale, a piece at a time. The stretcher's
/// start delay is paid on the way in (its preferred pad of silence first) and dropped on the way
/// out, so the output starts where the input did. The player bends previews with it, and
/// `RegionWriter` exports "as heard". One thread uses it at a time (the player makes one ahead
/// on another thread, then hands it over).
public final class TimeStretcher: @unchecked Sendable {
    private let state: RubberBandState
    /// Output frames still to drop (the start delay).
    private var toDrop: Int
    private let ratio: Double
    /// Frames given (the pad not counted) and frames handed out.
    private var fed = 0, emitted = 0
    private var scratchLeft: [Float] = []
    private var scratchRight: [Float] = []

    /// The sync it bends by.
    public let sync: PlaybackSync

    /// A stretcher for `sync`; nil when Rubber Band cannot be made.
    public init?(_ sync: PlaybackSync) {
        self.sync = sync
        let options = Int32(RubberBandOptionProcessRealTime.rawValue | RubberBandOptionEngineFaster.rawValue
                            | RubberBandOptionPitchHighConsistency.rawValue | RubberBandOptionChannelsTogether.rawValue)
        guard let state = rubberband_new(UInt32(AudioBuffer.sampleRate), 2, options, sync.timeRatio, sync.pitchScale) else { return nil }
        self.state = state
        ratio = sync.timeRatio
        rubberband_set_max_process_size(state, 4096)
        toDrop = Int(rubberband_get_start_delay(state))
        let pad = Int(rubberband_get_preferred_start_pad(state))
        if pad > 0 { feed([Float](repeating: 0, count: pad)[...], [Float](repeating: 0, count: pad)[...]) }
    }

    deinit { rubberband_delete(state) }

    /// Stretches frames: returns what is ready (some of it may come with later input).
    public func process(_ left: ArraySlice<Float>, _ right: ArraySlice<Float>) -> AudioBuffer {
        var offset = left.startIndex
        var output = AudioBuffer(left: [], right: [])
        while offset < left.endIndex {
            // Small pieces: the first output comes as soon as the stretcher has enough.
            let end = min(left.endIndex, offset + 1024)
            feed(left[offset..<end], right[offset..<end])
            fed += end - offset
            drain(into: &output)
            offset = end
        }
        return output
    }

    /// The rest, once the input has ended: silence is fed until the output is as long as the
    /// input times the ratio (what the stretcher still held comes out), and no longer.
    public func finish() -> AudioBuffer {
        let target = Int((Double(fed) * ratio).rounded())
        let before = emitted
        var output = AudioBuffer(left: [], right: [])
        let silence = [Float](repeating: 0, count: 1024)
        var rounds = 0
        while emitted < target, rounds < 256 {
            feed(silence[...], silence[...])
            drain(into: &output)
            rounds += 1
        }
        let keep = max(0, min(output.frameCount, target - before))
        return keep == output.frameCount ? output : AudioBuffer(left: Array(output.left[..<keep]), right: Array(output.right[..<keep]))
    }

    private func feed(_ left: ArraySlice<Float>, _ right: ArraySlice<Float>) {
        left.withContiguousStorageIfAvailable { l in
            right.withContiguousStorageIfAvailable { r in
                let channels: [UnsafePointer<Float>?] = [l.baseAddress, r.baseAddress]
                channels.withUnsafeBufferPointer { rubberband_process(state, $0.baseAddress, UInt32(l.count), 0) }
            }
        }
    }

    private func drain(into output: inout AudioBuffer) {
        while true {
            let available = Int(rubberband_available(state))
            guard available > 0 else { return }
            if scratchLeft.count < available {
                scratchLeft = [Float](repeating: 0, count: available)
                scratchRight = [Float](repeating: 0, count: available)
            }
            let got = scratchLeft.withUnsafeMutableBufferPointer { l in
                scratchRight.withUnsafeMutableBufferPointer { r in
                    var channels: [UnsafeMutablePointer<Float>?] = [l.baseAddress, r.baseAddress]
                    return Int(channels.withUnsafeMutableBufferPointer { rubberband_retrieve(state, $0.baseAddress, UInt32(available)) })
                }
            }
            let skip = min(got, toDrop)
            toDrop -= skip
            if got > skip {
                output.left += scratchLeft[skip..<got]
                output.right += scratchRight[skip..<got]
                emitted += got - skip
            }
        }
    }
}
