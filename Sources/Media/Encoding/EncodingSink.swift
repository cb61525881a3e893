import CFFmpeg

/// Encodes the stream with one libavcodec encoder and writes it with one libavformat muxer:
/// the WAV, the MP3 and the HLS outputs are each one of these.
public final class EncodingSink: AudioSink {
    public let name: String
    private let path: String
    private var output: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private let stream: UnsafeMutablePointer<AVStream>
    private let frameSize: Int
    private let sampleFormat: AVSampleFormat
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var pendingLeft: [Float] = []
    private var pendingRight: [Float] = []
    private var nextPTS: Int64 = 0
    private var finished = false

    /// Opens the encoder and the muxer and writes the header of `path`.
    ///
    /// - Throws: `MediaError` `output.unwritable` when the file cannot be created,
    ///   `media.internal` when the encoder or muxer is missing.
    public init(name: String, path: String, settings: EncoderSettings) throws(MediaError) {
        self.name = name
        self.path = path
        var out: UnsafeMutablePointer<AVFormatContext>?
        try avCheck(avformat_alloc_output_context2(&out, nil, settings.muxer, path), "muxer '\(settings.muxer)'")
        guard let out else { throw .internal("avformat_alloc_output_context2", "no context") }
        var ok = false
        defer { if !ok { avformat_free_context(out) } }
        guard let encoder = avcodec_find_encoder_by_name(settings.encoder) else {
            throw .internal("encoder '\(settings.encoder)'", "not built into this libavcodec")
        }
        guard let newStream = avformat_new_stream(out, nil) else { throw .internal("avformat_new_stream", "out of memory") }
        var newCodec = avcodec_alloc_context3(encoder)
        guard let ctx = newCodec else { throw .internal("avcodec_alloc_context3", "out of memory") }
        defer { if !ok { avcodec_free_context(&newCodec) } }

        let format = Self.chooseFormat(encoder)
        ctx.pointee.sample_fmt = format
        ctx.pointee.sample_rate = Int32(AudioBuffer.sampleRate)
        var stereo = shim_layout_stereo()
        try avCheck(av_channel_layout_copy(&ctx.pointee.ch_layout, &stereo), "av_channel_layout_copy")
        ctx.pointee.time_base = AVRational(num: 1, den: Int32(AudioBuffer.sampleRate))
        if let bitRate = settings.bitRate { ctx.pointee.bit_rate = Int64(bitRate) }
        if out.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 {
            ctx.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER)
        }
        var encoderOptions = makeDictionary(settings.encoderOptions)
        defer { av_dict_free(&encoderOptions) }
        try avCheck(avcodec_open2(ctx, encoder, &encoderOptions), "opening encoder '\(settings.encoder)'")
        try avCheck(avcodec_parameters_from_context(newStream.pointee.codecpar, ctx), "avcodec_parameters_from_context")
        newStream.pointee.time_base = ctx.pointee.time_base
        if settings.keepNegativeTimestamps { out.pointee.avoid_negative_ts = 0 }

        if out.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            let opened = avio_open(&out.pointee.pb, path, AVIO_FLAG_WRITE)
            if opened < 0 { throw .outputUnwritable(path, avErrorString(opened)) }
        }
        var muxerOptions = makeDictionary(settings.muxerOptions)
        defer { av_dict_free(&muxerOptions) }
        let header = avformat_write_header(out, &muxerOptions)
        if header < 0 {
            if out.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 { avio_closep(&out.pointee.pb) }
            throw .outputUnwritable(path, avErrorString(header))
        }
        output = out
        codec = ctx
        stream = newStream
        sampleFormat = format
        frameSize = ctx.pointee.frame_size > 0 ? Int(ctx.pointee.frame_size) : 4096
        packet = av_packet_alloc()
        ok = true
    }

    deinit { release() }

    public func consume(_ buffer: AudioBuffer) throws {
        pendingLeft.append(contentsOf: buffer.left)
        pendingRight.append(contentsOf: buffer.right)
        var offset = 0
        while pendingLeft.count - offset >= frameSize {
            try encode(from: offset, count: frameSize)
            offset += frameSize
        }
        if offset > 0 {
            pendingLeft.removeFirst(offset)
            pendingRight.removeFirst(offset)
        }
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        if !pendingLeft.isEmpty { try encode(from: 0, count: pendingLeft.count) }
        pendingLeft.removeAll()
        pendingRight.removeAll()
        try avCheck(avcodec_send_frame(codec, nil), "\(name): flushing the encoder")
        try drainPackets()
        guard let output else { return }
        let trailer = av_write_trailer(output)
        if output.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 { avio_closep(&output.pointee.pb) }
        if trailer < 0 { throw MediaError.outputUnwritable(path, avErrorString(trailer)) }
        release()
    }

    public func cancel() {
        finished = true
        if let output, output.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 { avio_closep(&output.pointee.pb) }
        release()
    }

    private func release() {
        av_packet_free(&packet)
        avcodec_free_context(&codec)
        if let output { avformat_free_context(output) }
        output = nil
    }

    private func encode(from offset: Int, count: Int) throws {
        guard let frame = av_frame_alloc() else { throw MediaError.internal("av_frame_alloc", "out of memory") }
        var frameVar: UnsafeMutablePointer<AVFrame>? = frame
        defer { av_frame_free(&frameVar) }
        frame.pointee.nb_samples = Int32(count)
        frame.pointee.format = sampleFormat.rawValue
        frame.pointee.sample_rate = Int32(AudioBuffer.sampleRate)
        var stereo = shim_layout_stereo()
        try avCheck(av_channel_layout_copy(&frame.pointee.ch_layout, &stereo), "av_channel_layout_copy")
        try avCheck(av_frame_get_buffer(frame, 0), "av_frame_get_buffer")
        guard let planes = shim_frame_planes(frame) else { throw MediaError.internal("frame", "no planes") }
        SampleConversion.fill(planes, format: sampleFormat, left: pendingLeft, right: pendingRight, from: offset, count: count)
        frame.pointee.pts = nextPTS
        nextPTS += Int64(count)
        try avCheck(avcodec_send_frame(codec, frame), "\(name): encoding")
        try drainPackets()
    }

    private func drainPackets() throws {
        guard let codec, let packet, let output else { return }
        while true {
            let received = avcodec_receive_packet(codec, packet)
            if received == shim_AVERROR_EAGAIN() || received == shim_AVERROR_EOF() { return }
            try avCheck(received, "\(name): encoding")
            av_packet_rescale_ts(packet, codec.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            let written = av_write_frame(output, packet)
            av_packet_unref(packet)
            if written < 0 { throw MediaError.outputUnwritable(path, avErrorString(written)) }
        }
    }

    /// Planar float when the encoder takes it (AAC, MP3), else the first format it lists.
    private static func chooseFormat(_ encoder: UnsafePointer<AVCodec>) -> AVSampleFormat {
        guard let formats = encoder.pointee.sample_fmts else { return AV_SAMPLE_FMT_FLTP }
        var i = 0
        var first: AVSampleFormat?
        while formats[i] != AV_SAMPLE_FMT_NONE {
            if formats[i] == AV_SAMPLE_FMT_FLTP { return AV_SAMPLE_FMT_FLTP }
            if first == nil { first = formats[i] }
            i += 1
        }
        return first ?? AV_SAMPLE_FMT_FLTP
    }
}
