import Foundation

/// The Instagram mention feature's settings (environment variables; any unset one disables the
/// feature alone, and the webhook routes and `/api/v1/webhooks/instagram/health` name it).
public struct InstagramConfiguration: Sendable {
    /// The real Graph API, with the version the contract was written against.
    public static let defaultGraphBaseURL = "https://graph.facebook.com/v25.0"

    /// `INSTAGRAM_WEBHOOK_VERIFY_TOKEN`: the string set in the app dashboard, echoed in the
    /// subscription handshake.
    public var verifyToken: String?
    /// `INSTAGRAM_APP_SECRET`: the app secret that signs every delivery (`X-Hub-Signature-256`).
    public var appSecret: String?
    /// `INSTAGRAM_ACCESS_TOKEN`: the token of the account's page/user for reading the mentioned
    /// media and replying.
    public var accessToken: String?
    /// `GRAPH_API_BASE_URL`: the Graph API, version included (default ``defaultGraphBaseURL``).
    public var graphBaseURL: String
    /// `PUBLIC_BASE_URL`: where the sample links in replies point.
    public var publicBaseURL: String?
    /// How long a mention's job waits before it looks at its sample again, in seconds.
    public var sampleWaitSeconds: Double

    /// Creates the settings from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        verifyToken = value("INSTAGRAM_WEBHOOK_VERIFY_TOKEN")
        appSecret = value("INSTAGRAM_APP_SECRET")
        accessToken = value("INSTAGRAM_ACCESS_TOKEN")
        graphBaseURL = Self.trimmed(value("GRAPH_API_BASE_URL") ?? Self.defaultGraphBaseURL)
        publicBaseURL = value("PUBLIC_BASE_URL").map(Self.trimmed)
        sampleWaitSeconds = 2
    }

    /// The variables the feature needs that are unset, in a stable order.
    public var missing: [String] {
        [("INSTAGRAM_WEBHOOK_VERIFY_TOKEN", verifyToken), ("INSTAGRAM_APP_SECRET", appSecret),
         ("INSTAGRAM_ACCESS_TOKEN", accessToken), ("PUBLIC_BASE_URL", publicBaseURL)]
            .filter { $0.1 == nil }.map(\.0)
    }

    /// Why the feature is off, naming what to set; nil when it is on.
    public var disabledReason: String? {
        let names = missing
        guard !names.isEmpty else { return nil }
        return "Instagram mentions are disabled: set \(names.joined(separator: ", ")) on the server."
    }

    /// `url` without a trailing slash.
    static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
