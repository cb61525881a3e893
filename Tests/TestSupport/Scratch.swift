import Foundation

/// A temporary folder for one test, removed when the value is released.
public final class Scratch: @unchecked Sendable {
    /// The folder.
    public let url: URL

    /// Creates a fresh folder under the system's temporary directory.
    public init(_ label: String = "test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sampletok-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the folder (or in a subfolder of it).
    public func contents(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? url.path : path(sub))) ?? []).sorted()
    }
}
