extension SampleTokError {
    /// A charge the balance does not cover (HTTP 402).
    public static func insufficientCredits(cost: Int, balance: Int) -> SampleTokError {
        SampleTokError(.creditsInsufficient, "This costs \(cost) credit\(cost == 1 ? "" : "s") and your balance is \(balance). An administrator adds credits (`sampletok admin add-credits NAME N`).")
    }

    /// No stem has that id.
    public static func stemNotFound(_ id: String) -> SampleTokError {
        SampleTokError(.stemNotFound, "No stem with id \(id). `sampletok stems list SAMPLE` shows a sample's stems.")
    }

    /// No stem job has that id.
    public static func stemJobNotFound(_ id: String) -> SampleTokError {
        SampleTokError(.stemJobNotFound, "No stem job with id \(id). `sampletok stems list SAMPLE` shows a sample's stem jobs.")
    }

    /// The stem is not stored yet.
    public static func stemNotReady(_ id: String, status: SampleStatus) -> SampleTokError {
        SampleTokError(.stemNotReady, "Stem \(id) is \(status.rawValue), not completed: it has no files yet.")
    }
}

extension SampleTokError {
    /// The user already has (or has asked for, still in progress) these stems of the sample from
    /// this provider (HTTP 409): nothing is charged.
    public static func stemsAlreadyRequested(_ types: [StemType], provider: String) -> SampleTokError {
        let names = types.map(\.displayName).joined(separator: ", ")
        let noun = types.count == 1 ? "stem" : "stems"
        return SampleTokError(.stemsAlreadyRequested, "You already have (or have asked for) the \(names) \(noun) of this sample from \(provider): nothing was charged. Export it from its row, or ask for other stems.")
    }
}
