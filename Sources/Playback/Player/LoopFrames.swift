import Media

/// The decoded frames of a loop's region, kept from its first pass so the next passes are
/// written from memory: each seam joins the region's last frame to its first with nothing
/// between. A region longer than `keepLimit` is counted but not kept (each pass decodes again).
struct LoopFrames {
    /// The most frames kept: about 350 s at 48 kHz, 128 MB of floats.
    static let keepLimit = 1 << 24

    /// Whether the frames are kept.
    let isKept: Bool
    private(set) var left: [Float] = []
    private(set) var right: [Float] = []
    /// The frames of the region decoded.
    private(set) var frameCount = 0

    /// Room for a region of `capacity` frames.
    init(capacity: Int) {
        isKept = capacity <= Self.keepLimit
        if isKept {
            left.reserveCapacity(capacity)
            right.reserveCapacity(capacity)
        }
    }

    /// Adds `buffer`.
    mutating func append(_ buffer: AudioBuffer) {
        frameCount += buffer.frameCount
        guard isKept else { return }
        left += buffer.left
        right += buffer.right
    }
}
