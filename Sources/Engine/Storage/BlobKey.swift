import Analysis
import Foundation

/// A blob's key: a relative path of plain segments that can never point outside the store.
public struct BlobKey: Sendable, Hashable, CustomStringConvertible {
    /// The segments, e.g. `["samples", "<id>", "audio.wav"]`.
    public let segments: [String]

    /// Validates `path`: segments of letters, digits, `-`, `_` and `.`, never `.` or `..`,
    /// no empty segment, no leading `/`.
    public init(_ path: String) throws(BlobKeyError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, path.utf8.count <= 512 else { throw BlobKeyError(key: path) }
        for part in parts {
            guard !part.isEmpty, part != ".", part != "..",
                  part.utf8.allSatisfy(Self.isAllowed)
            else { throw BlobKeyError(key: path) }
        }
        segments = parts
    }

    /// Whether a byte may be in a segment: an ASCII letter or digit, `-`, `_` or `.` (compared
    /// as bytes: the file route checks a key on every request).
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// The folder of a sample's files.
    public static func sampleFolder(_ id: UUID) -> BlobKey {
        // A UUID's text is letters, digits and dashes: always a valid segment.
        (try? BlobKey("samples/\(id.uuidString.lowercased())")) ?? BlobKey(unchecked: ["samples"])
    }

    /// The folder of a stem's files, inside its sample's folder (deleting the sample deletes it too).
    public static func stemFolder(sample: UUID, stem: UUID) -> BlobKey {
        BlobKey(unchecked: sampleFolder(sample).segments + ["stems", stem.uuidString.lowercased()])
    }

    /// Whether this is a file its owner pays to download: a stem's WAV or MP3
    /// (`samples/<id>/stems/<id>/audio.wav|mp3`). The server serves such a key only through a
    /// signed link (`FileLinkSigner`); a stem's HLS, peaks and picture, for auditioning, and every
    /// file of a sample stay public. A future paid file is added here.
    public var isPaid: Bool {
        segments.count == 5 && segments[0] == "samples" && segments[2] == "stems"
            && (segments[4] == MediaProcessor.FileName.wav || segments[4] == MediaProcessor.FileName.mp3)
    }

    private init(unchecked segments: [String]) { self.segments = segments }

    public var description: String { segments.joined(separator: "/") }
}

/// A key that could escape the store or holds characters a key may not.
public struct BlobKeyError: Error, Sendable, CustomStringConvertible {
    /// The key as given.
    public let key: String
    public var description: String { "storage.invalid_key: '\(key)' is not a valid blob key" }
}
