/// Every message the status line showed, oldest first, in full: the status line cuts a long
/// message to its width, `m` opens the log to read it (as lazygit's command log does).
public struct MessageLog: Sendable, Equatable {
    /// How many entries are kept; older ones go.
    public static let capacity = 500

    /// One message and when it was shown.
    public struct Entry: Sendable, Equatable {
        /// The whole text.
        public var text: String
        /// Whether it was an error.
        public var isError: Bool
        /// When it was shown (the app's monotonic seconds).
        public var at: Double
        /// How many times in a row it was shown.
        public var count = 1
    }

    /// The entries, oldest first.
    public private(set) var entries: [Entry] = []

    /// An empty log.
    public init() {}

    /// Adds a message shown at `time`; the same message again right after the last one counts
    /// on that entry instead of taking a new one.
    mutating func append(_ message: StatusMessage, at time: Double) {
        if let last = entries.last, last.text == message.text, last.isError == message.isError {
            entries[entries.count - 1].at = time
            entries[entries.count - 1].count += 1
            return
        }
        entries.append(Entry(text: message.text, isError: message.isError, at: time))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}
