import Crypto
import Foundation

/// The `X-Hub-Signature-256` of a webhook delivery: `sha256=<lowercase hex HMAC-SHA256 of the
/// raw body, keyed with the app secret>`. Checked on the bytes as received,
/// before anything parses them, in constant time.
public struct WebhookSignature: Sendable {
    /// The header's name.
    public static let header = "X-Hub-Signature-256"

    /// The app secret.
    public let secret: String

    /// A checker for deliveries signed with `secret`.
    public init(secret: String) {
        self.secret = secret
    }

    /// The header value Meta would send for `body`.
    public func sign(_ body: some DataProtocol) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` (`sha256=<64 hex digits>`, either case) is the signature of `body`.
    public func isValid(_ header: String, for body: some DataProtocol) -> Bool {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("sha256="), let mac = Self.bytes(hex: text.dropFirst(7)), mac.count == 32 else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// The bytes of a hex string, or nil when it is not one.
    public static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
