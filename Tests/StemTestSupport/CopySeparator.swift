@testable import Engine
import Foundation
import Model

extension CopySeparator {
    /// How many times `separate` ran.
    public var runCount: Int { runs.withLock { $0 } }
}

/// A stand-in separator for the stem job tests (the seam is the protocol): every stem it makes
/// is the source itself (a copy of the sample's WAV), `vocal` is an estimate, and `piano` is
/// beyond it. With `failure`, every separation throws that error instead.
public final class CopySeparator: StemSeparator {
    public let name: String
    let failure: SampleTokError?
    /// How many times `separate` ran.
    let runs = Locked(0)

    /// A separator called `name` (a provider's name) that fails with `failure`, when given.
    public init(name: String = "local", failure: SampleTokError? = nil) {
        self.name = name
        self.failure = failure
    }

    public func support(for type: StemType) -> StemSupport {
        switch type {
        case .piano: return .unsupported("a copy has no piano in it")
        case .vocal: return .estimate("a copy of the whole mix")
        default: return .supported
        }
    }

    public func separate(source: URL, stems: [StemType], into directory: URL,
                  progress: @escaping @Sendable (Double, String) -> Void) async throws -> [StemType: URL] {
        runs.withLock { $0 += 1 }
        if let failure { throw failure }
        var files: [StemType: URL] = [:]
        for (index, type) in stems.enumerated() {
            let file = directory.appendingPathComponent("\(type.rawValue).wav")
            try FileManager.default.copyItem(at: source, to: file)
            files[type] = file
            progress(Double(index + 1) / Double(stems.count), "copied \(type.rawValue)")
        }
        return files
    }
}

extension LibraryDependencies {
    /// The live dependencies of `configuration` with `separator` as a provider (tests).
    public static func live(_ configuration: EngineConfiguration, separator: CopySeparator) -> LibraryDependencies {
        live(configuration).using(separator)
    }
}
