import Model

/// Collects the peaks of the stream as it passes, in blocks of `blockFrames` frames, so
/// that any resolution can be made at the end without keeping the audio.
public final class PeaksBuilder: AudioSink {
    /// The granularity of the collected extremes.
    public static let blockFrames = 64
    /// The resolutions `peaks.json` carries.
    public static let defaultResolutions = [256, 2048]

    public let name = "peaks"
    private var blockMin: [Float] = []
    private var blockMax: [Float] = []
    private var currentMin = Float.infinity
    private var currentMax = -Float.infinity
    private var inBlock = 0
    /// Frames seen so far.
    public private(set) var frames = 0

    /// Creates an empty builder.
    public init() {}

    public func consume(_ buffer: AudioBuffer) throws {
        let n = buffer.frameCount
        buffer.left.withUnsafeBufferPointer { left in
            buffer.right.withUnsafeBufferPointer { right in
                for i in 0..<n {
                    let l = left[i], r = right[i]
                    currentMin = Swift.min(currentMin, l, r)
                    currentMax = Swift.max(currentMax, l, r)
                    inBlock += 1
                    if inBlock == Self.blockFrames { closeBlock() }
                }
            }
        }
        frames += n
    }

    public func finish() throws {
        if inBlock > 0 { closeBlock() }
    }

    /// The peaks at the given resolutions (call after `finish()`).
    public func peaks(resolutions: [Int] = PeaksBuilder.defaultResolutions) -> Peaks {
        Peaks(frames: frames, levels: resolutions.sorted().map { level(bins: $0) })
    }

    /// One resolution with at most `bins` bins.
    public func level(bins: Int) -> PeakLevel {
        let blocks = blockMin.count
        guard blocks > 0, bins > 0 else { return PeakLevel(samplesPerBin: Self.blockFrames, min: [], max: []) }
        let blocksPerBin = (blocks + bins - 1) / bins
        let count = (blocks + blocksPerBin - 1) / blocksPerBin
        var mins = [Float](repeating: 0, count: count)
        var maxs = [Float](repeating: 0, count: count)
        for bin in 0..<count {
            let range = (bin * blocksPerBin)..<Swift.min((bin + 1) * blocksPerBin, blocks)
            mins[bin] = blockMin[range].min() ?? 0
            maxs[bin] = blockMax[range].max() ?? 0
        }
        return PeakLevel(samplesPerBin: blocksPerBin * Self.blockFrames, min: mins, max: maxs)
    }

    private func closeBlock() {
        blockMin.append(Swift.max(-1, Swift.min(1, currentMin)))
        blockMax.append(Swift.max(-1, Swift.min(1, currentMax)))
        currentMin = .infinity
        currentMax = -.infinity
        inBlock = 0
    }
}
