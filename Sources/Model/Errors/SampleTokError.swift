/// An error any side of SampleTok can show a user: a dotted code a program can match
/// (`link.unsupported`, `media.corrupt`, `sample.not_found`, …) and a message a person can act on.
/// It is also the body of the API's error responses: `{"error": {"code": …, "message": …}}`.
public struct SampleTokError: CodedError, Codable, Hashable {
    /// The dotted code.
    public var code: String
    /// What went wrong and what to do about it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The error as a person reads it: the sentence first, the code after it in brackets
    /// (`No file at '/tmp/x'. [media.not_found]`), so a message never opens with an internal name.
    public var shown: String { "\(message) [\(code)]" }

    /// Creates an error with a declared code.
    public init(_ code: ErrorCode, _ message: String) {
        self.init(code: code.name, message: message)
    }

    /// No sample has that id.
    public static func sampleNotFound(_ id: String) -> SampleTokError {
        SampleTokError(.sampleNotFound, "No sample with id \(id). `sampletok list` shows the library.")
    }

    /// The sample has not finished processing, so it has no files yet.
    public static func sampleNotReady(_ id: String, status: SampleStatus) -> SampleTokError {
        SampleTokError(.sampleNotReady, "Sample \(id) is \(status.rawValue), not completed: it has no files yet.")
    }

    /// The sample has no sound descriptor for the similarity search to compare.
    public static func sampleNoDescriptor(_ id: String) -> SampleTokError {
        SampleTokError(.sampleNoDescriptor, "Sample \(id) has no sound descriptor yet: it is not completed, or was analysed "
            + "before descriptors existed (`sampletok backfill-features` makes them).")
    }

    /// A request was malformed.
    public static func invalid(_ message: String) -> SampleTokError {
        SampleTokError(.requestInvalid, message)
    }

    /// The link is not one SampleTok can take.
    public static func linkUnsupported(_ message: String) -> SampleTokError {
        SampleTokError(.linkUnsupported, message)
    }
}

extension SampleTokError {
    /// A feature that needs a key the configuration lacks: `link.unsupported` naming the variable.
    public static func missingKey(_ variable: String, for feature: String) -> SampleTokError {
        SampleTokError(.linkUnsupported, "\(feature) need \(variable), which is not set here. Set \(variable) (see the README's keys section) and try again.")
    }
}
