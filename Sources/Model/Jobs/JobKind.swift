/// What a durable job makes: `sample` (a sample's pipeline), `stems` (a stem job: separate, then
/// process and store every stem like a sample), or another kind the server runs
/// (`instagram_mention`, …). A string, so an older client still reads a newer server's jobs.
public struct JobKind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The kind's name.
    public var rawValue: String

    /// A kind by its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A sample's pipeline: resolve, download, process (with the analysis), store, save.
    public static let sample = JobKind(rawValue: "sample")
    /// A stem job (the job has the stem job's id).
    public static let stems = JobKind(rawValue: "stems")

    public var description: String { rawValue }
}
