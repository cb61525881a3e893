import CFFmpeg

/// The text libavutil gives for an error number.
func avErrorString(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: Int(AV_ERROR_MAX_STRING_SIZE))
    let text = buffer.withUnsafeMutableBufferPointer { ptr -> String in
        guard let base = ptr.baseAddress else { return "error \(code)" }
        _ = shim_av_err2str(code, base, ptr.count)
        return String(cString: base)
    }
    return text
}

/// Throws `MediaError.internal` when a libav* call returned a negative number.
@discardableResult
func avCheck(_ result: Int32, _ what: @autoclosure () -> String) throws(MediaError) -> Int32 {
    if result < 0 { throw MediaError.internal(what(), avErrorString(result)) }
    return result
}

/// Builds an AVDictionary from Swift options; the caller frees it with `av_dict_free`.
func makeDictionary(_ options: [String: String]) -> OpaquePointer? {
    var dict: OpaquePointer?
    for (key, value) in options.sorted(by: { $0.key < $1.key }) {
        av_dict_set(&dict, key, value, 0)
    }
    return dict
}

/// Keeps libav* silent unless `SAMPLETOK_AV_LOG` asks for its messages: SampleTok reports
/// what matters itself (skipped packets become warnings, failures become `MediaError`s).
public enum MediaLog {
    /// Sets libav*'s log level: `quiet` (default), `error`, `warning`, `info`, `debug`.
    public static func configure(level: String? = nil) {
        let value: Int32
        switch level ?? "quiet" {
        case "error": value = AV_LOG_ERROR
        case "warning": value = AV_LOG_WARNING
        case "info": value = AV_LOG_INFO
        case "debug": value = AV_LOG_DEBUG
        default: value = AV_LOG_QUIET
        }
        av_log_set_level(value)
    }
}
