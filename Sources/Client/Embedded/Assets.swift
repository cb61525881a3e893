import Foundation

/// Finds the files shipped with SampleTok (the demo loops): `$SAMPLETOK_ASSETS` (alone, when set), an `assets`
/// folder beside the binary or in `../share/sampletok`, or the source checkout it was built from.
public enum Assets {
    /// The assets folder, or nil when none is found.
    public static var folder: URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["SAMPLETOK_ASSETS"] {
            let url = URL(fileURLWithPath: explicit)
            return fm.fileExists(atPath: url.appendingPathComponent("demo").path) ? url : nil
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(executable.appendingPathComponent("assets"))
            candidates.append(executable.appendingPathComponent("../share/sampletok/assets"))
        }
        // The checkout this binary was built from (…/Sources/Client/Embedded/Assets.swift).
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../assets").standardizedFileURL)
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("demo").path) }
    }

    /// The demo loops a new library starts with.
    public static var demoFolder: URL? { folder?.appendingPathComponent("demo") }
}
