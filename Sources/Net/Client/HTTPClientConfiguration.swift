/// How an ``HTTPClient`` behaves for every request it sends.
public struct HTTPClientConfiguration: Sendable {
    /// Which addresses connections may go to; `.any` by default, `.publicOnly` for user-given URLs on a server.
    public var addressPolicy: AddressPolicy
    /// The body limit for `send` when the request sets none: 32 MiB.
    public var maxResponseBytes: Int64
    /// The file size limit for `download` when the request sets none: 1 GiB.
    public var maxDownloadBytes: Int64

    /// Creates a configuration.
    public init(addressPolicy: AddressPolicy = .any,
                maxResponseBytes: Int64 = 32 << 20,
                maxDownloadBytes: Int64 = 1 << 30) {
        self.addressPolicy = addressPolicy
        self.maxResponseBytes = maxResponseBytes
        self.maxDownloadBytes = maxDownloadBytes
    }
}
