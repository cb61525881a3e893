/// The answer to a download: where the file is, its format and size.
public struct DownloadLink: Codable, Sendable {
    /// The file's URL (on the server's `/files/`, or `PUBLIC_BASE_URL`).
    public var url: String
    /// `wav` or `mp3`.
    public var format: String
    /// Its size in bytes.
    public var bytes: Int

    /// Creates a link.
    public init(url: String, format: String, bytes: Int) {
        self.url = url
        self.format = format
        self.bytes = bytes
    }
}
