import Crypto
import Foundation

/// AWS Signature Version 4 for S3 (and what speaks its dialect: R2, GCS's XML API with HMAC keys,
/// MinIO): the `Authorization` header of a request and presigned URLs. S3's rules: each path
/// segment is URI-encoded once and paths are not normalised
/// (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
public struct SigV4Signer: Sendable {
    /// The access key id.
    public var accessKey: String
    /// The secret access key.
    public var secretKey: String
    /// The region of the credential scope (`us-east-1`, `auto` for R2 and GCS).
    public var region: String
    /// The service of the credential scope.
    public var service: String

    /// The SHA-256 of an empty body, in hex.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload hash of a request whose body is not signed (presigned URLs).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// A signer for these credentials.
    public init(accessKey: String, secretKey: String, region: String, service: String = "s3") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
        self.service = service
    }

    /// What a request is signed over.
    public struct Request: Sendable {
        /// The method, e.g. `GET`.
        public var method: String
        /// The path as is (not encoded), starting with `/`.
        public var path: String
        /// The query parameters, not encoded (a valueless one has the value "").
        public var query: [(String, String)]
        /// The headers to sign, `host` among them.
        public var headers: [(String, String)]
        /// The hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
        public var payloadHash: String

        /// Describes a request.
        public init(method: String, path: String, query: [(String, String)] = [], headers: [(String, String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The `YYYYMMDDTHHMMSSZ` form of a date (UTC).
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// The canonical request (step 1 of the signature).
    public func canonicalRequest(_ request: Request) -> String {
        let headers = Self.canonicalHeaders(request.headers)
        return [request.method, Self.canonicalPath(request.path), Self.canonicalQuery(request.query),
                headers.map { "\($0.0):\($0.1)\n" }.joined(), headers.map(\.0).joined(separator: ";"),
                request.payloadHash].joined(separator: "\n")
    }

    /// The string to sign for a request at `amzDate`.
    public func stringToSign(_ request: Request, amzDate: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope(amzDate))\n\(Self.hex(SHA256.hash(data: Data(canonicalRequest(request).utf8))))"
    }

    /// The signature, in hex.
    public func signature(_ request: Request, amzDate: String) -> String {
        let day = String(amzDate.prefix(8))
        var key = SymmetricKey(data: Data("AWS4\(secretKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign(request, amzDate: amzDate).utf8), using: key))
    }

    /// The `Authorization` header's value. `request.headers` must hold the `x-amz-date` of `amzDate`.
    public func authorization(_ request: Request, amzDate: String) -> String {
        let signed = Self.canonicalHeaders(request.headers).map(\.0).joined(separator: ";")
        return "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope(amzDate)), SignedHeaders=\(signed), Signature=\(signature(request, amzDate: amzDate))"
    }

    /// The query of a presigned URL for `method` on `path` at `host`, valid `expires` seconds from
    /// `amzDate`: the given parameters plus `X-Amz-*`, encoded and sorted, then the signature.
    public func presignedQuery(method: String, host: String, path: String, query: [(String, String)] = [],
                               amzDate: String, expires: Int) -> String {
        let parameters = query + [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(accessKey)/\(scope(amzDate))"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        let request = Request(method: method, path: path, query: parameters, headers: [("host", host)], payloadHash: Self.unsignedPayload)
        return Self.canonicalQuery(parameters) + "&X-Amz-Signature=" + signature(request, amzDate: amzDate)
    }

    private func scope(_ amzDate: String) -> String { "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request" }

    // MARK: - Canonical forms

    /// Each segment URI-encoded once; `/` kept; nothing normalised.
    public static func canonicalPath(_ path: String) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { uriEncode(String($0)) }.joined(separator: "/")
        return encoded.isEmpty ? "/" : encoded
    }

    /// Names and values encoded (`/` too), sorted by name then value, `name=value` joined by `&`.
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { (uriEncode($0.0), uriEncode($0.1)) }
        let sorted = encoded.sorted { (a, b) -> Bool in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Lower-case names, values trimmed with inner runs of spaces collapsed, sorted by name;
    /// repeated names joined with commas.
    static func canonicalHeaders(_ headers: [(String, String)]) -> [(String, String)] {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let clean = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            merged[name.lowercased(), default: []].append(clean)
        }
        return merged.keys.sorted().map { ($0, merged[$0, default: []].joined(separator: ",")) }
    }

    /// RFC 3986 encoding: unreserved characters (`A-Za-z0-9-._~`) as they are, every other byte `%XX`.
    public static func uriEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// `A-Za-z0-9-._~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
        let digit = byte >= 0x30 && byte <= 0x39
        return letter || digit || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    /// Bytes as lower-case hex.
    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The hex SHA-256 of data.
    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
}
