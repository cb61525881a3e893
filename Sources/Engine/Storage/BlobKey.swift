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
                  part.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) })
            else { throw BlobKeyError(key: path) }
        }
        segments = parts
    }

    /// The folder of a sample's files.
    public static func sampleFolder(_ id: UUID) -> BlobKey {
        // A UUID's text is letters, digits and dashes: always a valid segment.
        (try? BlobKey("samples/\(id.uuidString.lowercased())")) ?? BlobKey(unchecked: ["samples"])
    }

    /// A file in a sample's folder.
    public static func sampleFile(_ id: UUID, _ relative: String) throws(BlobKeyError) -> BlobKey {
        try BlobKey("\(sampleFolder(id).description)/\(relative)")
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
