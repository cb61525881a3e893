import CFFmpeg

/// The running state of one decode pass: priming trim, the resampler, buffering and limits.
struct DecodeState {
    let path: String
    let limits: DecodeLimits
    let timeBase: AVRational
    /// Samples stamped before this time (seconds) are dropped.
    var startTime = 0.0
    let emit: (AudioBuffer) throws -> Void

    var packets = 0
    var skippedPackets = 0
    var readError: String?
    private(set) var frames = 0
    private var resampler: Resampler?
    private var pendingLeft: [Float] = []
    private var pendingRight: [Float] = []

    init(path: String, limits: DecodeLimits, timeBase: AVRational, emit: @escaping (AudioBuffer) throws -> Void) {
        self.path = path
        self.limits = limits
        self.timeBase = timeBase
        self.emit = emit
        pendingLeft.reserveCapacity(limits.bufferFrames * 2)
        pendingRight.reserveCapacity(limits.bufferFrames * 2)
    }

    /// Resamples one decoded frame and passes on full buffers.
    mutating func take(_ frame: UnsafeMutablePointer<AVFrame>) throws {
        let count = Int(frame.pointee.nb_samples)
        guard count > 0 else { return }
        // Samples stamped before the start are dropped: before zero they are encoder priming
        // (an edit list said so); later starts are seeks.
        var skip = 0
        let pts = frame.pointee.pts
        if pts != shim_AV_NOPTS_VALUE() && frame.pointee.sample_rate > 0 {
            let rate = AVRational(num: 1, den: frame.pointee.sample_rate)
            let first = av_rescale_q(pts, timeBase, rate)
            let start = Int64((startTime * Double(frame.pointee.sample_rate)).rounded())
            if first < start { skip = min(count, Int(start - first)) }
        }
        if resampler == nil { resampler = try Resampler(frame: frame) }
        guard let resampler else { return }
        let (left, right) = try resampler.convert(frame, skipping: skip)
        try append(left, right)
    }

    /// Flushes the resampler and the last partial buffer, then judges what was decoded.
    mutating func finish(declaredDuration: Double?) throws -> DecodeReport {
        if let resampler {
            let (left, right) = try resampler.flush()
            try append(left, right)
        }
        if !pendingLeft.isEmpty {
            try emit(AudioBuffer(left: pendingLeft, right: pendingRight))
            pendingLeft.removeAll()
            pendingRight.removeAll()
        }
        let share = packets > 0 ? Double(skippedPackets) / Double(packets) : 0
        if frames == 0 {
            if skippedPackets > 0 || readError != nil {
                throw MediaError.corrupt(path, "none of its \(packets) audio packets could be decoded")
            }
            throw MediaError.empty(path)
        }
        if skippedPackets >= 3 && share > limits.maxCorruptShare {
            throw MediaError.corrupt(path, "\(skippedPackets) of its \(packets) audio packets cannot be decoded")
        }
        let decoded = Double(frames) / Double(AudioBuffer.sampleRate)
        if let declaredDuration, declaredDuration - decoded > max(1.0, declaredDuration * 0.05) {
            throw MediaError.corrupt(path, String(format: "its audio stops at %.1f s of the %.1f s it declares: the file is truncated",
                                                  decoded, declaredDuration))
        }
        var warnings: [String] = []
        if skippedPackets > 0 { warnings.append("skipped \(skippedPackets) damaged audio packet(s) of \(packets)") }
        if let readError { warnings.append("reading stopped early: \(readError)") }
        return DecodeReport(frames: frames, channelMapping: resampler?.mapping ?? .stereo,
                            skippedPackets: skippedPackets, packets: packets, warnings: warnings)
    }

    private mutating func append(_ left: [Float], _ right: [Float]) throws {
        guard !left.isEmpty else { return }
        frames += left.count
        if Double(frames) > limits.maxDuration * Double(AudioBuffer.sampleRate) {
            throw MediaError.tooLong(path, seconds: Double(frames) / Double(AudioBuffer.sampleRate), limit: limits.maxDuration)
        }
        pendingLeft.append(contentsOf: left)
        pendingRight.append(contentsOf: right)
        while pendingLeft.count >= limits.bufferFrames {
            let n = limits.bufferFrames
            try emit(AudioBuffer(left: Array(pendingLeft[..<n]), right: Array(pendingRight[..<n])))
            pendingLeft.removeFirst(n)
            pendingRight.removeFirst(n)
        }
    }
}
