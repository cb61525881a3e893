import Foundation
import Model

/// One resolver of the chain in ``SourceResolver``: it claims the links it understands and
/// later turns a claimed link into `SourceMedia`.
public protocol LinkResolver: Sendable {
    /// Claims `url` (an http(s) URL with a host): its canonical form and what to resolve later,
    /// or nil when this resolver does not understand it. Throws when it does but cannot take it
    /// (a short link that leads nowhere, a missing key).
    func claim(_ url: URLComponents) async throws -> ClaimedLink?
    /// Where the media of a link this resolver claimed is, and what is known about it.
    func resolve(_ link: ClaimedLink) async throws -> SourceMedia
    /// The profile of an account of `platform`, or nil when this resolver has none to give.
    func profile(platform: String, username: String) async throws -> Creator?
}

extension LinkResolver {
    /// No profiles: most resolvers know none.
    public func profile(platform: String, username: String) async throws -> Creator? { nil }
}

/// A link a resolver claimed.
public struct ClaimedLink: Sendable, Equatable {
    /// The form that makes a second submission of the same thing the same sample.
    public var canonical: String
    /// What the job resolves: the submitted URL, or what a short link led to (so a retry does
    /// not follow it again).
    public var source: String
    /// The platform of the sample it makes (`tiktok`, `instagram`, `ytdlp`, `http`).
    public var platform: String
}
