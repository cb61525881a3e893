import CFFmpeg

/// The one file a decoder reads, opened by SampleTok itself through libavformat's `file`
/// protocol only. A demuxer reading it may open nothing else: any further resource it asks
/// for (a playlist entry, a concat item, an MP4 data reference) is refused and remembered.
final class FileInput {
    private(set) var context: UnsafeMutablePointer<AVIOContext>?
    /// The first other resource a demuxer asked for, if one did.
    fileprivate(set) var refusedURL: String?

    /// Opens `path` for reading.
    init(path: String) throws(MediaError) {
        var options: OpaquePointer?
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        defer { av_dict_free(&options) }
        var opened: UnsafeMutablePointer<AVIOContext>?
        let result = avio_open2(&opened, "file:" + path, AVIO_FLAG_READ, nil, &options)
        guard result >= 0, let opened else {
            if result == shim_AVERROR(EACCES) { throw .unreadable(path, "permission denied") }
            throw .unreadable(path, avErrorString(result))
        }
        context = opened
    }

    deinit { avio_closep(&context) }

    /// Makes `format` read this file (it must not be opened yet) and nothing else.
    func attach(to format: UnsafeMutablePointer<AVFormatContext>) {
        format.pointee.pb = context
        format.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        Self.refuseOtherResources(of: format, recordingIn: self)
    }

    /// Makes every attempt of `format`'s demuxer to open another resource fail with EPERM,
    /// noting the first one in `input` when given.
    static func refuseOtherResources(of format: UnsafeMutablePointer<AVFormatContext>, recordingIn input: FileInput?) {
        format.pointee.opaque = input.map { Unmanaged.passUnretained($0).toOpaque() }
        format.pointee.io_open = { format, _, url, _, _ in
            if let opaque = format?.pointee.opaque {
                let input = Unmanaged<FileInput>.fromOpaque(opaque).takeUnretainedValue()
                if input.refusedURL == nil { input.refusedURL = url.map { String(cString: $0) } ?? "another file" }
            }
            return shim_AVERROR(EPERM)
        }
    }

    /// Which demuxer the file's content calls for, judged from its first bytes (read through
    /// this input, which is rewound afterwards); a negative libav error when none fits.
    func probe(name: String) -> Result<UnsafePointer<AVInputFormat>, AVProbeFailure> {
        var found: UnsafePointer<AVInputFormat>?
        let score = av_probe_input_buffer2(context, &found, name, nil, 0, 0)
        guard score >= 0, let found else { return .failure(AVProbeFailure(code: score < 0 ? score : shim_AVERROR_INVALIDDATA())) }
        return .success(found)
    }
}

/// A libav error code from probing a file.
struct AVProbeFailure: Error {
    let code: Int32
}
