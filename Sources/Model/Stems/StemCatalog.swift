/// What the stem dialog needs before a request (`GET /api/v1/stems/providers`): every provider
/// with what it can make, the price and the per-request maximum.
public struct StemCatalog: Codable, Sendable, Hashable {
    /// The providers, the default first.
    public var providers: [StemProvider]
    /// The provider used when a request names none.
    public var defaultProvider: String
    /// Credits per requested stem (charged when the request is accepted, refunded if it fails).
    public var costPerStem: Int
    /// Credits for the first download of a stem by a user (re-downloads are free).
    public var downloadCost: Int
    /// The most stems one request may ask for.
    public var maxStemsPerRequest: Int

    /// Creates a catalog.
    public init(providers: [StemProvider], defaultProvider: String, costPerStem: Int, downloadCost: Int, maxStemsPerRequest: Int) {
        self.providers = providers
        self.defaultProvider = defaultProvider
        self.costPerStem = costPerStem
        self.downloadCost = downloadCost
        self.maxStemsPerRequest = maxStemsPerRequest
    }

    /// The provider called `name`.
    public func provider(_ name: String) -> StemProvider? { providers.first { $0.name == name } }

    enum CodingKeys: String, CodingKey {
        case providers
        case defaultProvider = "default_provider"
        case costPerStem = "cost_per_stem"
        case downloadCost = "download_cost"
        case maxStemsPerRequest = "max_stems_per_request"
    }
}

/// A stem provider as the dialog shows it: whether it can be used (or why not) and what it
/// makes of each stem type.
public struct StemProvider: Codable, Sendable, Hashable {
    /// Its name in the API (`local`, `lalal`).
    public var name: String
    /// Its name for people (`local (offline)`, `LALAL.AI`).
    public var displayName: String
    /// Whether it can take requests here.
    public var configured: Bool
    /// Why not, when it is not configured (`set LALAL_API_KEY`).
    public var reason: String?
    /// Every stem type, in `StemType.allCases` order, with what this provider makes of it.
    public var stems: [StemOffer]

    /// Creates a provider description.
    public init(name: String, displayName: String, configured: Bool, reason: String?, stems: [StemOffer]) {
        self.name = name
        self.displayName = displayName
        self.configured = configured
        self.reason = reason
        self.stems = stems
    }

    /// What it makes of `type`.
    public func offer(_ type: StemType) -> StemOffer? { stems.first { $0.type == type } }

    enum CodingKeys: String, CodingKey {
        case name, configured, reason, stems
        case displayName = "display_name"
    }
}

/// What a provider makes of one stem type.
public struct StemOffer: Codable, Sendable, Hashable {
    /// How well a provider makes a stem type.
    public enum Support: String, Codable, Sendable, Hashable {
        /// It separates this part.
        case supported
        /// It gives an estimate of this part (the stem is flagged as one).
        case estimate
        /// It cannot make this part (`reason` says why).
        case unsupported
    }

    /// The stem type.
    public var type: StemType
    /// How well.
    public var support: Support
    /// Why it is an estimate or unsupported.
    public var reason: String?

    /// Creates an offer.
    public init(type: StemType, support: Support, reason: String? = nil) {
        self.type = type
        self.support = support
        self.reason = reason
    }

    /// Whether a request may ask for it.
    public var isAvailable: Bool { support != .unsupported }
}
