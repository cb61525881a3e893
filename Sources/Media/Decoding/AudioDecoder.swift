import CFFmpeg
import Foundation

/// Opens a media file with libavformat, decodes its best audio stream once and resamples it
/// once to 48 kHz stereo float, handing `AudioBuffer`s to a closure.
///
/// Leading samples stamped before time zero (encoder priming signalled by an edit list)
/// are dropped, so what comes out is what the file is meant to sound like.
public final class AudioDecoder {
    /// The file being decoded.
    public let path: String
    /// What the file is.
    public let info: SourceInfo
    private let limits: DecodeLimits
    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private let streamIndex: Int32
    private let streamTimeBase: AVRational
    private let declaredAudioDuration: Double?
    /// The custom I/O of a decoder that reads a `ByteSource` (nil for files).
    private var input: StreamInput?
    /// The custom I/O of a decoder that reads a file (nil for streams).
    private var file: FileInput?

    /// Opens `path` and prepares its audio decoder.
    ///
    /// Only the demuxers `limits.containers` allows may open it, chosen by its content, and
    /// they may read this one file and nothing else (no playlist entries, no references).
    ///
    /// - Throws: `MediaError` with `media.not_found`, `media.empty`, `media.unreadable`,
    ///   `media.unsupported_container`, `media.corrupt`, `media.no_audio` or `media.too_long`.
    public convenience init(path: String, limits: DecodeLimits = DecodeLimits()) throws(MediaError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        if isDirectory.boolValue { throw .unreadable(path, "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path, "permission denied") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
        if size == 0 { throw .empty(path) }

        let file = try FileInput(path: path)
        let demuxer: UnsafePointer<AVInputFormat>
        switch file.probe(name: path) {
        case .success(let found): demuxer = found
        case .failure(let failure): throw Self.openFailure(path, failure.code)
        }
        let name = String(cString: demuxer.pointee.name)
        guard limits.containers.allows(name) else {
            // A single picture (png_pipe, jpeg_pipe…) is no playlist: what is wrong with it is the missing sound.
            if name.hasSuffix("_pipe") { throw .noAudio(path) }
            throw .unsupportedContainer(path, Self.describeContainer(name))
        }
        if name.hasPrefix("mov,"), let elsewhere = MP4DataReferences.external(in: path) {
            throw .unsupportedContainer(path, "an MP4/QuickTime file whose audio is kept in another file (\(elsewhere))")
        }

        guard let context = avformat_alloc_context() else { throw .internal("avformat_alloc_context", "out of memory") }
        file.attach(to: context)
        var options: OpaquePointer?
        av_dict_set(&options, "format_whitelist", limits.containers.whitelist, 0)
        defer { av_dict_free(&options) }
        var openedFormat: UnsafeMutablePointer<AVFormatContext>? = context
        let opened = avformat_open_input(&openedFormat, path, demuxer, &options)
        if let refused = file.refusedURL {
            avformat_close_input(&openedFormat)
            throw .unsupportedContainer(path, "a file that refers to \(refused)")
        }
        guard opened >= 0, let fmt = openedFormat else { throw Self.openFailure(path, opened) }
        try self.init(opened: fmt, name: path, limits: limits, input: nil, file: file)
    }

    /// Opens a stream of bytes (an HLS init segment followed by its media segments, say) and
    /// prepares its audio decoder. `name` is used in error messages.
    public convenience init(stream source: ByteSource, name: String, limits: DecodeLimits = DecodeLimits()) throws(MediaError) {
        let input = try StreamInput(source)
        guard let context = avformat_alloc_context() else { throw .internal("avformat_alloc_context", "out of memory") }
        context.pointee.pb = input.context
        context.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        FileInput.refuseOtherResources(of: context, recordingIn: nil)
        // A player waits for this: read no further ahead than the init segment and a little audio.
        context.pointee.probesize = 1 << 15
        context.pointee.max_analyze_duration = Int64(AV_TIME_BASE / 10)
        var openedFormat: UnsafeMutablePointer<AVFormatContext>? = context
        let opened = avformat_open_input(&openedFormat, nil, nil, nil)
        guard opened >= 0, let fmt = openedFormat else {
            throw input.failure.map { .unreadable(name, $0) } ?? .unreadable(name, avErrorString(opened))
        }
        try self.init(opened: fmt, name: name, limits: limits, input: input, file: nil)
    }

    private init(opened fmt: UnsafeMutablePointer<AVFormatContext>, name path: String, limits: DecodeLimits,
                 input: StreamInput?, file: FileInput?) throws(MediaError) {
        self.path = path
        self.limits = limits
        self.input = input
        self.file = file
        var openedFormat: UnsafeMutablePointer<AVFormatContext>? = fmt
        var ok = false
        defer { if !ok { avformat_close_input(&openedFormat) } }

        let container = String(cString: fmt.pointee.iformat.pointee.name)
        guard limits.containers.allows(container) else { throw .unsupportedContainer(path, Self.describeContainer(container)) }
        let found = avformat_find_stream_info(fmt, nil)
        if let refused = file?.refusedURL { throw .unsupportedContainer(path, "a file that refers to \(refused)") }
        if found < 0 {
            if let failure = input?.failure { throw .unreadable(path, failure) }
            throw .corrupt(path, "its streams cannot be read")
        }
        var decoder: UnsafePointer<AVCodec>?
        let best = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0)
        if best == shim_AVERROR_STREAM_NOT_FOUND() { throw .noAudio(path) }
        guard best >= 0, let decoder, let stream = fmt.pointee.streams[Int(best)] else {
            throw .unreadable(path, "no decoder for its audio codec")
        }
        streamIndex = best
        streamTimeBase = stream.pointee.time_base
        var hasVideo = false
        for i in 0..<Int(fmt.pointee.nb_streams) {
            guard let other = fmt.pointee.streams[i], i != Int(best) else { continue }
            if other.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO { hasVideo = true }
            other.pointee.discard = AVDISCARD_ALL
        }

        guard let params = stream.pointee.codecpar else { throw .unreadable(path, "its audio stream has no parameters") }
        let containerSeconds: Double? = fmt.pointee.duration > 0 && fmt.pointee.duration != shim_AV_NOPTS_VALUE()
            ? Double(fmt.pointee.duration) / Double(AV_TIME_BASE) : nil
        let streamSeconds: Double? = stream.pointee.duration > 0 && stream.pointee.duration != shim_AV_NOPTS_VALUE()
            ? Double(stream.pointee.duration) * av_q2d(stream.pointee.time_base) : nil
        let declared = streamSeconds ?? containerSeconds
        if let declared, declared > limits.maxDuration {
            throw .tooLong(path, seconds: declared, limit: limits.maxDuration)
        }
        // A duration guessed from the bit rate is no ground for calling a file truncated.
        // A stream of segments may start anywhere: its declared length says nothing about truncation.
        declaredAudioDuration = fmt.pointee.duration_estimation_method == AVFMT_DURATION_FROM_BITRATE || input != nil ? nil : declared

        var openedCodec = avcodec_alloc_context3(decoder)
        guard let ctx = openedCodec else { throw .internal("avcodec_alloc_context3", "out of memory") }
        defer { if !ok { avcodec_free_context(&openedCodec) } }
        if avcodec_parameters_to_context(ctx, params) < 0 || avcodec_open2(ctx, decoder, nil) < 0 {
            throw .unreadable(path, "its audio codec cannot be opened")
        }
        ctx.pointee.pkt_timebase = stream.pointee.time_base

        info = SourceInfo(
            container: container,
            codec: String(cString: avcodec_get_name(params.pointee.codec_id)),
            sampleRate: Int(params.pointee.sample_rate),
            channels: Int(params.pointee.ch_layout.nb_channels),
            channelLayout: Self.describe(params.pointee.ch_layout),
            declaredDuration: declared,
            hasVideo: hasVideo)
        format = fmt
        codec = ctx
        ok = true
    }

    deinit {
        avcodec_free_context(&codec)
        avformat_close_input(&format)
        input = nil
        file = nil
    }

    /// Decodes the whole audio stream once, calling `body` with buffers of about
    /// `limits.bufferFrames` frames, in order.
    ///
    /// - Throws: `MediaError` (`media.corrupt`, `media.empty`, `media.too_long`) or what `body` throws.
    /// With `start`, samples stamped before that time (in seconds) are left out: decoding a
    /// stream from a later HLS segment starts exactly there.
    public func run(from start: Double = 0, _ body: (AudioBuffer) throws -> Void) throws -> DecodeReport {
        try withoutActuallyEscaping(body) { emit in
            var state = DecodeState(path: path, limits: limits, timeBase: streamTimeBase, emit: emit)
            state.startTime = max(0, start)
            return try decodeAll(&state)
        }
    }

    /// Thrown inside `run(from:frames:)` once it has its frames.
    private struct StretchDecoded: Error {}

    /// Decodes `frames` frames from `start` (the last buffer cut there) and stops: a loop's region
    /// or an export's. Returns the frames decoded, fewer when the stream ends first.
    ///
    /// - Throws: `MediaError`, or what `body` throws.
    @discardableResult
    public func run(from start: Double, frames limit: Int, _ body: (AudioBuffer) throws -> Void) throws -> Int {
        var taken = 0
        do {
            _ = try run(from: start) { buffer in
                let take = min(buffer.frameCount, limit - taken)
                try body(take == buffer.frameCount ? buffer : AudioBuffer(left: Array(buffer.left[..<take]), right: Array(buffer.right[..<take])))
                taken += take
                if taken >= limit { throw StretchDecoded() }
            }
        } catch is StretchDecoded {}
        return taken
    }

    private func decodeAll(_ state: inout DecodeState) throws -> DecodeReport {
        guard let format, let codec else { throw MediaError.internal("decode", "decoder already closed") }
        guard let packet = av_packet_alloc(), let frame = av_frame_alloc() else {
            throw MediaError.internal("av_packet_alloc", "out of memory")
        }
        var packetVar: UnsafeMutablePointer<AVPacket>? = packet
        var frameVar: UnsafeMutablePointer<AVFrame>? = frame
        defer { av_packet_free(&packetVar); av_frame_free(&frameVar) }

        while true {
            let read = av_read_frame(format, packet)
            if read < 0 {
                if read != shim_AVERROR_EOF() { state.readError = avErrorString(read) }
                break
            }
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == streamIndex else { continue }
            state.packets += 1
            let sent = avcodec_send_packet(codec, packet)
            if sent < 0 && sent != shim_AVERROR_EAGAIN() {
                state.skippedPackets += 1
                continue
            }
            try drain(codec, frame, &state)
        }
        _ = avcodec_send_packet(codec, nil)
        try drain(codec, frame, &state)
        if let failure = input?.failure { throw MediaError.unreadable(path, failure) }
        if let refused = file?.refusedURL { throw MediaError.unsupportedContainer(path, "a file that refers to \(refused)") }
        return try state.finish(declaredDuration: declaredAudioDuration)
    }

    private func drain(_ codec: UnsafeMutablePointer<AVCodecContext>, _ frame: UnsafeMutablePointer<AVFrame>,
                       _ state: inout DecodeState) throws {
        while true {
            let received = avcodec_receive_frame(codec, frame)
            if received == shim_AVERROR_EAGAIN() || received == shim_AVERROR_EOF() { return }
            if received < 0 {
                state.skippedPackets += 1
                return
            }
            defer { av_frame_unref(frame) }
            try state.take(frame)
        }
    }

    private static func openFailure(_ path: String, _ code: Int32) -> MediaError {
        if code == shim_AVERROR(EACCES) { return .unreadable(path, "permission denied") }
        if let name = probeFormatName(path) {
            return .corrupt(path, "it looks like \(name) but cannot be opened (\(avErrorString(code)))")
        }
        return .unreadable(path, avErrorString(code))
    }

    /// What a refused demuxer reads, in words.
    static func describeContainer(_ name: String) -> String {
        switch name {
        case "hls", "applehttp": return "an HLS playlist"
        case "dash": return "a DASH manifest"
        case "concat": return "a concat list"
        case "sdp", "rtp", "rtsp": return "a stream description (SDP/RTP)"
        case _ where name.hasPrefix("image2"): return "an image sequence"
        default: return "a '\(name)' file"
        }
    }

    /// Which format the file's first bytes look like, judged by content alone.
    private static func probeFormatName(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        guard !head.isEmpty else { return nil }
        var bytes = [UInt8](head)
        bytes.append(contentsOf: [UInt8](repeating: 0, count: Int(AVPROBE_PADDING_SIZE)))
        var score: Int32 = 0
        let found: UnsafePointer<AVInputFormat>? = bytes.withUnsafeMutableBufferPointer { buffer in
            "".withCString { emptyName in
                var probe = AVProbeData(filename: emptyName, buf: buffer.baseAddress, buf_size: Int32(head.count), mime_type: nil)
                return av_probe_input_format2(&probe, 1, &score)
            }
        }
        guard let found, score > AVPROBE_SCORE_RETRY else { return nil }
        return String(cString: found.pointee.name)
    }

    static func describe(_ layout: AVChannelLayout) -> String {
        var copy = layout
        var buffer = [CChar](repeating: 0, count: 64)
        let written = buffer.withUnsafeMutableBufferPointer { av_channel_layout_describe(&copy, $0.baseAddress, $0.count) }
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return written > 0 ? String(decoding: text, as: UTF8.self) : "\(layout.nb_channels) channels"
    }
}
