import Foundation

/// Finds the files shipped with SampleTok (the demo loops, the OpenAPI document):
/// `$SAMPLETOK_ASSETS`, an `assets` folder beside the binary or in `../share/sampletok`, or the
/// source checkout it was built from.
public enum Assets {
    /// The assets folder with the demo loops (only `$SAMPLETOK_ASSETS` when it is set), or nil
    /// when none is found.
    public static var folder: URL? {
        if let explicit = ProcessInfo.processInfo.environment["SAMPLETOK_ASSETS"] {
            let url = URL(fileURLWithPath: explicit)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("demo").path) ? url : nil
        }
        return installed.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("demo").path) }
    }

    /// The demo loops a new library starts with.
    public static var demoFolder: URL? { folder?.appendingPathComponent("demo") }

    /// A shipped file (`openapi.yaml`): in `$SAMPLETOK_ASSETS` when it is there, else beside the
    /// binary, in `../share/sampletok/assets` or in the source checkout.
    public static func file(_ name: String) -> URL? {
        let explicit = ProcessInfo.processInfo.environment["SAMPLETOK_ASSETS"].map { [URL(fileURLWithPath: $0)] } ?? []
        return (explicit + installed).map { $0.appendingPathComponent(name) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The folders searched without `$SAMPLETOK_ASSETS`: beside the binary, `../share/sampletok/assets`,
    /// and the checkout this binary was built from (…/Sources/EmbeddedClient/Assets.swift).
    private static var installed: [URL] {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(executable.appendingPathComponent("assets"))
            candidates.append(executable.appendingPathComponent("../share/sampletok/assets"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../assets").standardizedFileURL)
        return candidates
    }
}
