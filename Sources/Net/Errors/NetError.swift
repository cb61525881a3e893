import Model

/// An error from an outbound HTTP request, with a dotted code a program can match
/// and a message a person can act on.
///
/// Codes: `fetch.invalid_url`, `fetch.invalid_request`, `fetch.unreachable`, `fetch.timeout`,
/// `fetch.too_large`, `fetch.http_status`, `fetch.too_many_redirects`, `fetch.cancelled`,
/// `fetch.unwritable`, `fetch.failed`, `link.forbidden`, `link.unsupported`.
/// Match on ``code`` (or ``CodedError/has(_:)`` with an ``ErrorCode``); the message is for people.
public struct NetError: CodedError, Equatable {
    /// The dotted code, e.g. `fetch.timeout`.
    public let code: String
    /// What went wrong and, where possible, what to do about it.
    public let message: String
    /// The HTTP status, for `fetch.http_status`.
    public let status: Int?

    /// Creates an error with a code, a message and, for `fetch.http_status`, the status.
    public init(code: String, message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }



    /// `fetch.invalid_url`: the URL is not a URL, or has no host.
    public static func invalidURL(_ url: String, _ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchInvalidURL.name, message: "'\(url)' is not a usable URL (\(detail)). Check it and try again.")
    }

    /// `fetch.invalid_request`: the request itself is malformed.
    public static func invalidRequest(_ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchInvalidRequest.name, message: "The request is malformed: \(detail).")
    }

    /// `fetch.unreachable`: DNS failed or the connection was refused.
    public static func unreachable(_ url: String, _ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchUnreachable.name,
                 message: "Cannot reach '\(url)' (\(detail)). Check the address and your network connection.")
    }

    /// `fetch.timeout`: a time limit ran out.
    public static func timeout(_ url: String, _ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchTimeout.name, message: "'\(url)' did not answer in time (\(detail)). Try again later.")
    }

    /// `fetch.too_large`: the body exceeds the limit.
    public static func tooLarge(_ url: String, limit: Int64, announced: Int64?) -> NetError {
        let size = announced.map { "it announces \($0) bytes" } ?? "it sent more than that"
        return NetError(code: ErrorCode.fetchTooLarge.name,
                        message: "'\(url)' is larger than the limit of \(limit) bytes (\(size)). Raise the limit or use a smaller file.")
    }

    /// `fetch.http_status`: a download got a non-2xx status.
    public static func httpStatus(_ url: String, status: Int) -> NetError {
        NetError(code: ErrorCode.fetchHTTPStatus.name, message: "'\(url)' answered HTTP \(status) instead of the file.", status: status)
    }

    /// `fetch.too_many_redirects`: too many redirects, or a loop.
    public static func tooManyRedirects(_ url: String, limit: Int) -> NetError {
        NetError(code: ErrorCode.fetchTooManyRedirects.name,
                 message: "'\(url)' redirected more than \(limit) times (a redirect loop?). Use the final address instead.")
    }

    /// `fetch.cancelled`: the caller cancelled the transfer.
    public static func cancelled(_ url: String) -> NetError {
        NetError(code: ErrorCode.fetchCancelled.name, message: "The transfer of '\(url)' was cancelled.")
    }

    /// `fetch.unwritable`: a download's file could not be written.
    public static func unwritable(_ path: String, _ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchUnwritable.name, message: "Cannot write '\(path)' (\(detail)). Check the folder, its permissions and free space.")
    }

    /// `fetch.failed`: another transfer failure, with curl's text.
    public static func failed(_ url: String, _ detail: String) -> NetError {
        NetError(code: ErrorCode.fetchFailed.name, message: "Fetching '\(url)' failed: \(detail).")
    }

    /// `link.forbidden`: the address policy refused the address.
    public static func forbidden(_ url: String, address: String) -> NetError {
        NetError(code: ErrorCode.linkForbidden.name,
                 message: "'\(url)' leads to \(address), a loopback, private or otherwise non-public address, which this server does not fetch.")
    }

    /// `link.unsupported`: a scheme other than http or https.
    public static func unsupported(_ url: String, _ detail: String? = nil) -> NetError {
        let what = detail.map { "'\(url)' leads to a link that is not http or https (\($0))" }
            ?? "'\(url)' is not an http or https link"
        return NetError(code: ErrorCode.linkUnsupported.name, message: "\(what); only those can be fetched.")
    }
}
