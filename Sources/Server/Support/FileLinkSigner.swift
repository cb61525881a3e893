import Crypto
import Engine
import Foundation
import Hummingbird
import Model

/// Signed, expiring links to paid files (`BlobKey.isPaid`: a stem's WAV and MP3):
/// `/files/<key>?user=<id>&expires=<unix seconds>&signature=<hex>`, the signature an
/// HMAC-SHA256 of the key, the expiry and the user under the server's secret
/// (`ServerConfiguration.fileLinkSecret`). `POST /api/v1/stems/{id}/download` hands one out after
/// the charge; `/files` serves a paid key only with a valid, unexpired one, and counts the
/// transfer against that user's concurrent downloads.
struct FileLinkSigner: Sendable {
    private let key: SymmetricKey
    /// How long a link works, in seconds.
    let lifetime: Int

    init(secret: [UInt8], lifetime: Int) {
        key = SymmetricKey(data: secret)
        self.lifetime = max(1, lifetime)
    }

    /// The query string (`user=…&expires=…&signature=…`) that lets `user` fetch `blobKey` until
    /// `lifetime` seconds from `now`.
    func query(for blobKey: String, user: UUID, now: Date = Date()) -> String {
        let expires = Int(now.timeIntervalSince1970) + lifetime
        let user = user.uuidString.lowercased()
        let signature = HMAC<SHA256>.authenticationCode(for: Self.message(blobKey, expires, user), using: key)
        return "user=\(user)&expires=\(expires)&signature=" + signature.map { String(format: "%02x", $0) }.joined()
    }

    /// The user a request's link was signed for, or 403: `file.unpaid` without a signature,
    /// `file.link_invalid` for one that is not this key's (or was altered), `file.link_expired`
    /// after its expiry. The signature is compared in constant time.
    func verify(_ blobKey: String, parameters: Parameters, now: Date = Date()) throws(APIError) -> UUID {
        guard let signature = parameters.get("signature") else {
            throw APIError(.fileUnpaid, "This file is paid for: ask for a download link (POST /api/v1/stems/{id}/download); the first download of a stem costs a credit.")
        }
        guard let userText = parameters.get("user"), let user = UUID(uuidString: userText),
              let expiresText = parameters.get("expires"), let expires = Int(expiresText),
              let mac = WebhookSignature.bytes(hex: Substring(signature)), mac.count == 32,
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.message(blobKey, expires, userText.lowercased()), using: key)
        else {
            throw APIError(.fileLinkInvalid, "This download link is not valid for this file: ask for a new one (POST /api/v1/stems/{id}/download).")
        }
        guard Double(expires) >= now.timeIntervalSince1970 else {
            throw APIError(.fileLinkExpired, "This download link has expired: ask for a new one (POST /api/v1/stems/{id}/download); downloading again is free.")
        }
        return user
    }

    private static func message(_ blobKey: String, _ expires: Int, _ user: String) -> Data {
        Data("\(blobKey)\n\(expires)\n\(user)".utf8)
    }
}

extension FileLinkSigner {
    /// The secret of `FILE_LINK_SECRET`, else one derived from `SECRET_KEY` (so every process
    /// sharing a library and an admin key accepts the others' links), else a random one for
    /// this process only.
    static func secret(environment: [String: String]) -> [UInt8] {
        if let text = environment["FILE_LINK_SECRET"], !text.isEmpty {
            return Array(SHA256.hash(data: Data(text.utf8)))
        }
        if let admin = environment["SECRET_KEY"], !admin.isEmpty {
            return Array(HMAC<SHA256>.authenticationCode(for: Data("sampletok file links".utf8), using: SymmetricKey(data: Data(admin.utf8))))
        }
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
