/// Waveform peaks: the minimum and maximum sample of each bin, over both channels, at
/// several resolutions. The terminal app draws from these; `peaks.json` stores them.
///
/// Bin `i` of a level covers frames `i * samplesPerBin ..< min((i + 1) * samplesPerBin, frames)`
/// of the 48 kHz stream; the last bin may be shorter. A level asked for `n` bins has at most `n`.
public struct Peaks: Sendable, Codable, Equatable {
    /// The format version of this structure.
    public var version: Int
    /// The sample rate the frame counts refer to (48 000).
    public var sampleRate: Int
    /// The number of sample frames in the stream.
    public var frames: Int
    /// The resolutions, coarsest first.
    public var levels: [PeakLevel]

    /// Creates peaks from levels.
    public init(sampleRate: Int = 48_000, frames: Int, levels: [PeakLevel]) {
        self.version = 1
        self.sampleRate = sampleRate
        self.frames = frames
        self.levels = levels
    }

    enum CodingKeys: String, CodingKey {
        case version, frames, levels
        case sampleRate = "sample_rate"
    }
}

/// One resolution of `Peaks`.
public struct PeakLevel: Sendable, Codable, Equatable {
    /// Frames per bin (a multiple of `PeaksBuilder.blockFrames`).
    public var samplesPerBin: Int
    /// The lowest sample of each bin, in -1...1.
    public var min: [Float]
    /// The highest sample of each bin, in -1...1.
    public var max: [Float]

    /// The number of bins.
    public var binCount: Int { min.count }

    /// Creates a level.
    public init(samplesPerBin: Int, min: [Float], max: [Float]) {
        self.samplesPerBin = samplesPerBin
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey {
        case min, max
        case samplesPerBin = "samples_per_bin"
    }
}
