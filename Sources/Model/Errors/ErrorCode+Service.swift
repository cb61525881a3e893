extension ErrorCode {
    // The codes of the API, its clients and the command line.

    /// `auth.admin_key_invalid`: The admin key is wrong.
    public static let authAdminKeyInvalid = ErrorCode("auth.admin_key_invalid", status: 403)
    /// `auth.admin_key_missing`: An admin route was called without the admin key.
    public static let authAdminKeyMissing = ErrorCode("auth.admin_key_missing", status: 401)
    /// `auth.invalid_token`: The bearer token is unknown or malformed.
    public static let authInvalidToken = ErrorCode("auth.invalid_token", status: 401)
    /// `auth.missing_token`: A route that needs a bearer token got none.
    public static let authMissingToken = ErrorCode("auth.missing_token", status: 401)
    /// `auth.signature_invalid`: A webhook's signature does not match its body.
    public static let authSignatureInvalid = ErrorCode("auth.signature_invalid", status: 403)
    /// `auth.signature_missing`: A webhook came without its signature.
    public static let authSignatureMissing = ErrorCode("auth.signature_missing", status: 401)
    /// `auth.verify_token_invalid`: A webhook subscription check sent the wrong verify token.
    public static let authVerifyTokenInvalid = ErrorCode("auth.verify_token_invalid", status: 403)
    /// `bench.failed`: A benchmark could not run.
    public static let benchFailed = ErrorCode("bench.failed", status: 500)
    /// `config.invalid`: A setting in the environment or keys file is invalid.
    public static let configInvalid = ErrorCode("config.invalid", status: 503, retryable: true)
    /// `file.link_expired`: A signed file link has expired.
    public static let fileLinkExpired = ErrorCode("file.link_expired", status: 403, retryable: true)
    /// `file.link_invalid`: A signed file link is malformed or its signature is wrong.
    public static let fileLinkInvalid = ErrorCode("file.link_invalid", status: 403, retryable: true)
    /// `file.not_found`: No file at that path.
    public static let fileNotFound = ErrorCode("file.not_found", status: 404, retryable: true)
    /// `file.unpaid`: A paid file was asked for before its charge.
    public static let fileUnpaid = ErrorCode("file.unpaid", status: 403, retryable: true)
    /// `openapi.invalid`: The OpenAPI document is invalid.
    public static let openapiInvalid = ErrorCode("openapi.invalid", status: 500)
    /// `openapi.unreadable`: The OpenAPI document cannot be read.
    public static let openapiUnreadable = ErrorCode("openapi.unreadable", status: 500)
    /// `rate.limited`: Too many requests in the last minute (Retry-After says when to come back).
    public static let rateLimited = ErrorCode("rate.limited", status: 429, retryable: true)
    /// `remote.bad_response`: The server's answer is not what the API promises.
    public static let remoteBadResponse = ErrorCode("remote.bad_response", status: 500)
    /// `remote.invalid_url`: The server address is not a URL.
    public static let remoteInvalidURL = ErrorCode("remote.invalid_url", status: 500)
    /// `remote.timeout`: The server did not answer in time.
    public static let remoteTimeout = ErrorCode("remote.timeout", status: 500)
    /// `remote.unreachable`: The server cannot be reached.
    public static let remoteUnreachable = ErrorCode("remote.unreachable", status: 500)
    /// `request.failed`: A request to the server failed on the way.
    public static let requestFailed = ErrorCode("request.failed", status: 400)
    /// `request.invalid`: A query parameter or path is malformed.
    public static let requestInvalid = ErrorCode("request.invalid", status: 400)
    /// `request.malformed_json`: A request body is not JSON.
    public static let requestMalformedJSON = ErrorCode("request.malformed_json", status: 400)
    /// `request.range_not_satisfiable`: A Range header asks for bytes the file does not have.
    public static let requestRangeNotSatisfiable = ErrorCode("request.range_not_satisfiable", status: 416)
    /// `request.too_large`: A request body is larger than the server takes.
    public static let requestTooLarge = ErrorCode("request.too_large", status: 413)
    /// `request.unprocessable`: A body's fields are missing or of the wrong type.
    public static let requestUnprocessable = ErrorCode("request.unprocessable", status: 422)
    /// `route.method_not_allowed`: The path exists, but not with that method.
    public static let routeMethodNotAllowed = ErrorCode("route.method_not_allowed", status: 405)
    /// `route.not_found`: No route has that path.
    public static let routeNotFound = ErrorCode("route.not_found", status: 404)
    /// `server.admin_disabled`: Admin routes are off (no admin key set).
    public static let serverAdminDisabled = ErrorCode("server.admin_disabled", status: 503)
    /// `server.docs_unavailable`: The API documents are not available.
    public static let serverDocsUnavailable = ErrorCode("server.docs_unavailable", status: 503)
    /// `server.failed`: The server could not start.
    public static let serverFailed = ErrorCode("server.failed", status: 503)
    /// `server.internal`: An unexpected server error.
    public static let serverInternal = ErrorCode("server.internal", status: 500, retryable: true)
    /// `terminal.unusable`: The terminal cannot run the app.
    public static let terminalUnusable = ErrorCode("terminal.unusable", status: 500)

    /// Every code above.
    static let serviceCodes: [ErrorCode] = [
        .authAdminKeyInvalid, .authAdminKeyMissing, .authInvalidToken, .authMissingToken, .authSignatureInvalid,
        .authSignatureMissing, .authVerifyTokenInvalid, .benchFailed, .configInvalid, .fileLinkExpired,
        .fileLinkInvalid, .fileNotFound, .fileUnpaid, .openapiInvalid, .openapiUnreadable, .rateLimited,
        .remoteBadResponse, .remoteInvalidURL, .remoteTimeout, .remoteUnreachable, .requestFailed, .requestInvalid,
        .requestMalformedJSON, .requestRangeNotSatisfiable, .requestTooLarge, .requestUnprocessable,
        .routeMethodNotAllowed, .routeNotFound, .serverAdminDisabled, .serverDocsUnavailable, .serverFailed,
        .serverInternal, .terminalUnusable,
    ]
}
