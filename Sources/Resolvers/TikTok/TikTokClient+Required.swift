import Model

extension Optional where Wrapped == TikTokClient {
    /// The TikTok client, or `link.unsupported` naming `RAPIDAPI_KEY`, the variable that enables it.
    public func required() throws -> TikTokClient {
        guard let self else { throw SampleTokError.missingKey("RAPIDAPI_KEY", for: "TikTok links") }
        return self
    }
}
