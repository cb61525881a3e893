extension ErrorCode {
    // The codes of outbound transfers and the links they follow.

    /// `fetch.cancelled`: A transfer was cancelled.
    public static let fetchCancelled = ErrorCode("fetch.cancelled", status: 503, retryable: true)
    /// `fetch.failed`: A transfer failed for another reason (TLS, protocol).
    public static let fetchFailed = ErrorCode("fetch.failed", status: 503, retryable: true)
    /// `fetch.http_status`: A download got a non-2xx status.
    public static let fetchHTTPStatus = ErrorCode("fetch.http_status", status: 503, retryable: true)
    /// `fetch.invalid_request`: An outbound request is malformed.
    public static let fetchInvalidRequest = ErrorCode("fetch.invalid_request", status: 503, retryable: true)
    /// `fetch.invalid_url`: A URL is not a usable URL.
    public static let fetchInvalidURL = ErrorCode("fetch.invalid_url", status: 503, retryable: true)
    /// `fetch.provider_auth`: A provider (RapidAPI) refused our key.
    public static let fetchProviderAuth = ErrorCode("fetch.provider_auth", status: 503)
    /// `fetch.provider_error`: A provider answered with an error.
    public static let fetchProviderError = ErrorCode("fetch.provider_error", status: 503, retryable: true)
    /// `fetch.timeout`: A transfer ran out of time.
    public static let fetchTimeout = ErrorCode("fetch.timeout", status: 503, retryable: true)
    /// `fetch.too_large`: A body is larger than its limit.
    public static let fetchTooLarge = ErrorCode("fetch.too_large", status: 503, retryable: true)
    /// `fetch.too_many_redirects`: Too many redirects, or a loop.
    public static let fetchTooManyRedirects = ErrorCode("fetch.too_many_redirects", status: 503, retryable: true)
    /// `fetch.unreachable`: A host did not resolve or refused the connection.
    public static let fetchUnreachable = ErrorCode("fetch.unreachable", status: 503, retryable: true)
    /// `fetch.unwritable`: A download's file could not be written.
    public static let fetchUnwritable = ErrorCode("fetch.unwritable", status: 503, retryable: true)
    /// `link.forbidden`: The address policy refused an address.
    public static let linkForbidden = ErrorCode("link.forbidden", status: 403)
    /// `link.invalid`: A link is not a valid URL.
    public static let linkInvalid = ErrorCode("link.invalid", status: 422)
    /// `link.no_media`: A link's page holds no media.
    public static let linkNoMedia = ErrorCode("link.no_media", status: 500)
    /// `link.not_found`: A link's post does not exist (or is private).
    public static let linkNotFound = ErrorCode("link.not_found", status: 404)
    /// `link.unsupported`: A link SampleTok cannot take, or a feature whose key is not set.
    public static let linkUnsupported = ErrorCode("link.unsupported", status: 422)

    /// Every code above.
    static let fetchCodes: [ErrorCode] = [
        .fetchCancelled, .fetchFailed, .fetchHTTPStatus, .fetchInvalidRequest, .fetchInvalidURL, .fetchProviderAuth,
        .fetchProviderError, .fetchTimeout, .fetchTooLarge, .fetchTooManyRedirects, .fetchUnreachable, .fetchUnwritable,
        .linkForbidden, .linkInvalid, .linkNoMedia, .linkNotFound, .linkUnsupported,
    ]
}
