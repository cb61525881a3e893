/// Where the library's data stands (`SampleService.changeStamp()`): it differs after any write by
/// this process and after any commit by another. Results cached under one stamp are current
/// while the stamp is the same.
public struct LibraryStamp: Hashable, Sendable {
    /// Rows this process's connection changed since it opened.
    public var changes: Int
    /// The database's data version as this connection sees it (moves on other connections' commits).
    public var version: Int
}
