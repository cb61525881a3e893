/// A message in the status line: information that fades, or an error that stays until the
/// next key.
public struct StatusMessage: Sendable, Equatable {
    /// The text.
    public var text: String
    /// Whether it is an error.
    public var isError: Bool
    /// When it goes away (monotonic seconds); nil for errors, which go at the next key.
    public var expires: Double?
}
