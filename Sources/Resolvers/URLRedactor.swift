import Foundation

/// The form of a submitted URL that may be shown to anyone: no user name or password, and no
/// query parameter that looks like a credential (signatures, tokens, keys, AWS/GCS presigning
/// fields). The full URL stays in the job's private state, where the fetch needs it.
public enum URLRedactor {
    /// Parameter names (lower-cased) that carry credentials as a whole.
    static let secretNames: Set<String> = [
        "sig", "signature", "token", "access_token", "auth", "authorization", "key", "apikey", "api_key",
        "secret", "password", "pass", "passwd", "pwd", "policy", "key-pair-id", "credential", "credentials",
        "session", "sessionid", "session_id", "jwt", "expires", "code", "hmac", "hash", "googleaccessid",
    ]
    /// Fragments that mark a parameter name as a credential wherever they appear in it.
    static let secretFragments = ["token", "secret", "signature", "password", "apikey", "api_key", "credential", "auth"]
    /// Prefixes of presigning parameters (`X-Amz-Signature`, `X-Goog-Credential`, …).
    static let secretPrefixes = ["x-amz-", "x-goog-", "x-ms-", "x-oss-"]

    /// Whether a query parameter called `name` looks like a credential.
    public static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return secretNames.contains(lower) || secretPrefixes.contains { lower.hasPrefix($0) }
            || secretFragments.contains { lower.contains($0) }
    }

    /// `text` without userinfo and credential parameters; text that is not a URL with a host is
    /// returned as it is (a local path).
    public static func redact(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed), components.host != nil, components.scheme != nil else { return text }
        components.user = nil
        components.password = nil
        if let items = components.queryItems {
            let kept = items.filter { !isSecret($0.name) }
            if kept.count != items.count { components.queryItems = kept.isEmpty ? nil : kept }
        }
        return components.string ?? text
    }

    /// `message` with every copy of `url` in it redacted.
    public static func redact(_ message: String, mentioning url: String) -> String {
        let shown = redact(url)
        return shown == url ? message : message.replacingOccurrences(of: url, with: shown)
    }
}
