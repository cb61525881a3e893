import CCurl

/// libcurl's process-wide setup, done exactly once (Swift runs a static initializer once, thread-safely).
enum CurlGlobal {
    /// Whether `curl_global_init` succeeded.
    static let isReady: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Initializes libcurl if no one has yet; true when it is usable.
    @discardableResult
    static func ensure() -> Bool { isReady }
}
