/// How an ``HTTPClient`` behaves for every request it sends.
public struct HTTPClientConfiguration: Sendable {
    /// Which addresses connections may go to; `.any` by default, `.publicOnly` for user-given URLs on a server.
    public var addressPolicy: AddressPolicy
    /// The body limit for `send` when the request sets none: 32 MiB.
    public var maxResponseBytes: Int64
    /// The file size limit for `download` when the request sets none: 1 GiB.
    public var maxDownloadBytes: Int64
    /// A PEM file of the certificate authorities to trust for https, instead of the system's;
    /// nil (the default) trusts the system's. For private CAs and tests.
    public var trustedCertificatesPath: String?

    /// Creates a configuration.
    public init(addressPolicy: AddressPolicy = .any,
                maxResponseBytes: Int64 = 32 << 20,
                maxDownloadBytes: Int64 = 1 << 30,
                trustedCertificatesPath: String? = nil) {
        self.addressPolicy = addressPolicy
        self.maxResponseBytes = maxResponseBytes
        self.maxDownloadBytes = maxDownloadBytes
        self.trustedCertificatesPath = trustedCertificatesPath
    }
}
