import Foundation
import Media
import Model

/// Decodes a file once and analyses it with an `AnalysisSink`, timing the sink alone.
///
/// This is what `sampletok analyze` and `sampletok bench analysis` run; the pipeline's
/// `process` step instead adds an `AnalysisSink` to its own pass.
public struct FileAnalysis: Sendable {
    /// The analysis.
    public var result: AnalysisResult
    /// Seconds of audio decoded.
    public var audioSeconds: Double
    /// CPU seconds the decoding thread spent inside the sink (`consume` and `finish`), decoding
    /// excluded. Thread CPU time, so other processes competing for the cores do not inflate it.
    public var analysisSeconds: Double
    /// The tuning offset found, in cents.
    public var tuningCents: Double
    /// The sound descriptor of the same pass.
    public var descriptor: SoundDescriptor?

    /// Decodes `path` and analyses it.
    ///
    /// - Throws: `MediaError` when the file cannot be decoded, `AnalysisError` when the
    ///   analysis cannot start.
    public static func run(path: String, limits: DecodeLimits = DecodeLimits()) throws -> FileAnalysis {
        let decoder = try AudioDecoder(path: path, limits: limits)
        let sink = try AnalysisSink()
        var nanoseconds: UInt64 = 0
        do {
            let report = try decoder.run { buffer in
                let start = threadCPUNanoseconds()
                try sink.consume(buffer)
                nanoseconds += threadCPUNanoseconds() - start
            }
            let start = threadCPUNanoseconds()
            try sink.finish()
            nanoseconds += threadCPUNanoseconds() - start
            guard let result = sink.result else { throw AnalysisError.finished }
            return FileAnalysis(result: result, audioSeconds: report.duration,
                                analysisSeconds: Double(nanoseconds) / 1e9, tuningCents: sink.tuningCents,
                                descriptor: sink.descriptor)
        } catch {
            sink.cancel()
            throw error
        }
    }
}

extension FileAnalysis {
    /// The sound descriptor of a media file (one decode and analysis pass).
    public static func descriptor(of path: String) throws -> SoundDescriptor? {
        try run(path: path).descriptor
    }
}

/// The CPU time consumed by the calling thread, in nanoseconds.
private func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
