/// What importing a folder of this machine did (`sampletok import` and the app's `a` with a
/// folder): each media file found in it, recursively, submitted as `submit` submits a file.
public struct FolderImport: Sendable {
    /// One file that could not be submitted, and why.
    public struct Refusal: Sendable {
        /// The file.
        public var path: String
        /// Why it was refused.
        public var error: SampleTokError

        /// Creates a refusal.
        public init(path: String, error: SampleTokError) {
            self.path = path
            self.error = error
        }
    }

    /// The folder.
    public var folder: String
    /// The files submitted, each with its outcome (a new sample, or the one already made from the same content).
    public var submitted: [(path: String, outcome: SubmitOutcome)]
    /// The files refused.
    public var refused: [Refusal]

    /// Creates the outcome of an import.
    public init(folder: String, submitted: [(path: String, outcome: SubmitOutcome)], refused: [Refusal]) {
        self.folder = folder
        self.submitted = submitted
        self.refused = refused
    }

    /// How many media files the folder held.
    public var found: Int { submitted.count + refused.count }
    /// How many of them are new samples.
    public var added: Int { submitted.filter(\.outcome.created).count }
}
