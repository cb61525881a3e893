import Foundation

/// What to fetch and how: an outbound HTTP request for ``HTTPClient``.
public struct HTTPRequest: Sendable {
    /// The `User-Agent` sent unless ``userAgent`` or a header says otherwise.
    public static let defaultUserAgent = "sampletok/0.1"

    /// The absolute `http` or `https` URL.
    public var url: String
    /// The method; `GET` by default.
    public var method: HTTPMethod
    /// Header fields to send (a `User-Agent` field here wins over ``userAgent``).
    public var headers: HTTPHeaders
    /// The request body, sent when not empty (or when the method is POST, PUT or PATCH).
    public var body: Data
    /// The limit for the whole transfer, or nil for none (long-lived streams).
    public var timeout: Duration?
    /// The limit for connecting (DNS, TCP and TLS).
    public var connectTimeout: Duration
    /// Fail with `fetch.timeout` when no byte arrives for this long, or nil for no such limit.
    public var idleTimeout: Duration?
    /// Whether to follow 3xx redirects (to http or https only).
    public var followRedirects: Bool
    /// How many redirects to follow before failing with `fetch.too_many_redirects`.
    public var maxRedirects: Int
    /// Asks for part of the body (`Range: bytes=…`); a server that honours it answers 206.
    public var range: ByteRange?
    /// The largest body accepted, in bytes; nil takes the client's default for the call
    /// (``HTTPClient/Configuration``): bounded for `send` and `download`, unbounded for `stream`.
    public var maxResponseBytes: Int64?
    /// The `User-Agent` header.
    public var userAgent: String
    /// Whether to ask for and transparently decode gzip/deflate/br/zstd bodies (limits apply to decoded bytes).
    public var acceptCompressed: Bool

    /// Creates a request; only the URL is required.
    public init(url: String,
                method: HTTPMethod = .get,
                headers: HTTPHeaders = [:],
                body: Data = Data(),
                timeout: Duration? = .seconds(60),
                connectTimeout: Duration = .seconds(10),
                idleTimeout: Duration? = nil,
                followRedirects: Bool = true,
                maxRedirects: Int = 5,
                range: ByteRange? = nil,
                maxResponseBytes: Int64? = nil,
                userAgent: String = HTTPRequest.defaultUserAgent,
                acceptCompressed: Bool = false) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.range = range
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.acceptCompressed = acceptCompressed
    }

    /// A GET of `url`.
    public static func get(_ url: String) -> HTTPRequest { HTTPRequest(url: url) }

    /// A POST of `body`, a JSON document, to `url` with `Content-Type: application/json` (unless `headers` set one).
    public static func postJSON(_ url: String, _ body: Data, headers: HTTPHeaders = [:]) -> HTTPRequest {
        var all = headers
        if !all.contains("Content-Type") { all.add("Content-Type", "application/json") }
        return HTTPRequest(url: url, method: .post, headers: all, body: body)
    }
}
