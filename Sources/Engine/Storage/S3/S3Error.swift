import Foundation
import Model
import Net

/// What S3 (or R2, GCS, MinIO) answers in an error body, mapped to the dotted codes users see:
/// `storage.denied` (403: wrong keys, signature, clock, permissions), `storage.not_found` (a key),
/// `storage.no_bucket`, `storage.invalid_range` (416), `storage.unreachable` (transport, 5xx,
/// `SlowDown`), else `storage.failed`.
enum S3Error {
    /// The error of a response that is not 2xx.
    static func from(_ response: HTTPResponse, operation: String, key: String) -> SampleTokError {
        let code = tag("Code", in: response.text) ?? ""
        let detail = tag("Message", in: response.text).map { ": \($0)" } ?? ""
        let what = "\(operation) of '\(key)' answered \(response.status)\(code.isEmpty ? "" : " \(code)")\(detail)"
        switch (response.status, code) {
        case (_, "NoSuchBucket"):
            return SampleTokError(.storageNoBucket, "The bucket does not exist (\(what)). Create it, or set S3_BUCKET_NAME / R2_BUCKET_NAME / GCS_BUCKET_NAME to an existing one.")
        case (403, "RequestTimeTooSkewed"):
            return SampleTokError(.storageDenied, "The storage refused the request because this machine's clock is off by more than 15 minutes (\(what)). Set the clock right (NTP).")
        case (403, _), (401, _):
            return SampleTokError(.storageDenied, "The storage refused access (\(what)). Check the access key, the secret, the region and the bucket's permissions.")
        case (404, _):
            return SampleTokError(.storageNotFound, "No object '\(key)' in the bucket (\(what)).")
        case (416, _):
            return SampleTokError(.storageInvalidRange, "The range is outside the object (\(what)).")
        case (500..., _), (_, "SlowDown"):
            return SampleTokError(.storageUnreachable, "The storage is failing or overloaded (\(what)); try again later.")
        default:
            return SampleTokError(.storageFailed, "The storage refused the request (\(what)).")
        }
    }

    /// The error of a request that got no answer.
    static func transport(_ error: any Error, operation: String, key: String) -> SampleTokError {
        if let error = error as? SampleTokError { return error }
        if let net = error as? NetError, net.code == ErrorCode.fetchCancelled.name {
            return SampleTokError(.storageCancelled, "\(operation) of '\(key)' was cancelled.")
        }
        return SampleTokError(.storageUnreachable, "The storage could not be reached for the \(operation) of '\(key)' (\(error)). Check S3_ENDPOINT_URL and the network.")
    }

    /// The text of the first `<name>…</name>` in an XML document (S3's bodies are flat enough).
    static func tag(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return unescape(String(xml[open.upperBound..<close.lowerBound]))
    }

    /// The texts of every `<name>…</name>`, in order.
    static func tags(_ name: String, in xml: String) -> [String] {
        var found: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(name)>"), let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex) {
            found.append(unescape(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The five XML entities, decoded.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
