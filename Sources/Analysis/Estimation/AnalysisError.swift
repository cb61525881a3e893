import Model

/// An error of the analysis sink, with a dotted code.
///
/// Codes: `analysis.finished` (audio fed after `finish()` or `cancel()`), `analysis.fft`
/// (the FFT could not be set up).
public struct AnalysisError: CodedError, Equatable {
    /// The dotted code, e.g. `analysis.finished`.
    public let code: String
    /// What went wrong.
    public let message: String

    /// Creates an error with a code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }


    /// Audio arrived after the sink was finished or cancelled.
    public static let finished = AnalysisError(
        code: "analysis.finished", message: "The analysis already finished; it takes no more audio.")

    /// The FFT could not be set up.
    public static func fft(_ detail: String) -> AnalysisError {
        AnalysisError(code: "analysis.fft", message: "The analysis FFT could not be set up: \(detail).")
    }
}
