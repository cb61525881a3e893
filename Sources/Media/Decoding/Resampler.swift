import CFFmpeg

/// libswresample from the decoder's format to 48 kHz planar float: stereo for stereo and
/// multichannel sources (downmixed), mono for mono sources (then duplicated, same level).
final class Resampler {
    let mapping: ChannelMapping
    private var context: OpaquePointer?
    private let outputChannels: Int32
    private let inputFormat: Int32
    private let inputRate: Int32

    init(frame: UnsafeMutablePointer<AVFrame>) throws(MediaError) {
        var input = AVChannelLayout()
        if frame.pointee.ch_layout.order == AV_CHANNEL_ORDER_NATIVE {
            av_channel_layout_copy(&input, &frame.pointee.ch_layout)
        } else {
            av_channel_layout_default(&input, frame.pointee.ch_layout.nb_channels)
        }
        defer { av_channel_layout_uninit(&input) }
        let channels = input.nb_channels
        mapping = channels == 1 ? .duplicatedMono : (channels == 2 ? .stereo : .downmixed)
        var output = channels == 1 ? shim_layout_mono() : shim_layout_stereo()
        outputChannels = output.nb_channels
        inputFormat = frame.pointee.format
        inputRate = frame.pointee.sample_rate
        var swr: OpaquePointer?
        try avCheck(swr_alloc_set_opts2(&swr, &output, AV_SAMPLE_FMT_FLTP, Int32(AudioBuffer.sampleRate),
                                        &input, AVSampleFormat(rawValue: inputFormat), inputRate, 0, nil), "swr_alloc_set_opts2")
        try avCheck(swr_init(swr), "swr_init")
        context = swr
    }

    deinit { swr_free(&context) }

    /// Converts a frame, leaving out its first `skip` input samples.
    func convert(_ frame: UnsafeMutablePointer<AVFrame>, skipping skip: Int) throws(MediaError) -> ([Float], [Float]) {
        guard frame.pointee.format == inputFormat, frame.pointee.sample_rate == inputRate else {
            throw MediaError.corrupt("stream", "its audio format changes midway")
        }
        let count = Int(frame.pointee.nb_samples) - skip
        guard count > 0, let planes = shim_frame_planes(frame) else { return ([], []) }
        let isPlanar = av_sample_fmt_is_planar(AVSampleFormat(rawValue: inputFormat)) != 0
        let bytesPerSample = Int(av_get_bytes_per_sample(AVSampleFormat(rawValue: inputFormat)))
        let stride = isPlanar ? bytesPerSample : bytesPerSample * Int(frame.pointee.ch_layout.nb_channels)
        let planeCount = isPlanar ? Int(frame.pointee.ch_layout.nb_channels) : 1
        var inputs = [UnsafePointer<UInt8>?](repeating: nil, count: planeCount)
        for p in 0..<planeCount { inputs[p] = planes[p].map { UnsafePointer($0 + skip * stride) } }
        return try run(inputs: &inputs, count: Int32(count))
    }

    /// Drains what the resampler still holds.
    func flush() throws(MediaError) -> ([Float], [Float]) {
        var none: [UnsafePointer<UInt8>?] = []
        return try run(inputs: &none, count: 0)
    }

    private func run(inputs: inout [UnsafePointer<UInt8>?], count: Int32) throws(MediaError) -> ([Float], [Float]) {
        let capacity = Int(swr_get_out_samples(context, count)) + 32
        guard capacity > 0 else { return ([], []) }
        var left = [Float](repeating: 0, count: capacity)
        var right = [Float](repeating: 0, count: outputChannels == 2 ? capacity : 0)
        let produced: Int32 = left.withUnsafeMutableBytes { l in
            right.withUnsafeMutableBytes { r in
                var outs: [UnsafeMutablePointer<UInt8>?] = [l.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                            r.baseAddress?.assumingMemoryBound(to: UInt8.self)]
                return inputs.withUnsafeMutableBufferPointer { ins in
                    swr_convert(context, &outs, Int32(capacity), count == 0 ? nil : ins.baseAddress, count)
                }
            }
        }
        try avCheck(produced, "swr_convert")
        left.removeLast(capacity - Int(produced))
        if outputChannels == 2 {
            right.removeLast(capacity - Int(produced))
        } else {
            right = left
        }
        return (left, right)
    }
}
