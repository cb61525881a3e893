import Foundation
import Model

/// An export the app asks for: a sample's or a stem's file in a format, into a folder, under the
/// name the library gives it, and what to do when a file of that name is already there.
public struct ExportRequest: Sendable, Equatable {
    /// What is exported.
    public enum Subject: Sendable, Equatable {
        /// A sample, by id.
        case sample(UUID)
        /// A stem.
        case stem(Stem)
    }

    /// What to do when the folder already holds a file of that name.
    public enum Existing: String, Sendable, Equatable, CaseIterable {
        /// Ask first (the runner answers `.exportExists` instead of exporting).
        case ask
        /// Replace it.
        case overwrite
        /// Keep it, and export under the next free name (`name (2).wav`).
        case keepBoth = "keep both"
    }

    /// What is exported.
    public var subject: Subject
    /// WAV or MP3.
    public var format: ExportFormat
    /// The folder, `~` expanded.
    public var folder: URL
    /// The file's name (`Sample.exportFileName`, `Stem.exportFileName`).
    public var fileName: String
    /// What to do when the file is there.
    public var existing: Existing
    /// Just these seconds of it (the loop region marked), or all of it.
    public var region: LoopRegion?
    /// Bent to the session's tempo and key ("as heard"), or as it is.
    public var sync: PlaybackSync?

    /// Creates a request.
    public init(subject: Subject, format: ExportFormat, folder: URL, fileName: String, existing: Existing = .ask, region: LoopRegion? = nil,
                sync: PlaybackSync? = nil) {
        self.region = region
        self.sync = sync
        self.subject = subject
        self.format = format
        self.folder = folder
        self.fileName = fileName
        self.existing = existing
    }

    /// Where the file goes under its own name.
    public var destination: URL { folder.appendingPathComponent(fileName) }

    /// The sample exported, for a sample's export.
    public var sampleID: UUID? {
        if case .sample(let id) = subject { return id }
        return nil
    }

    /// `name (2).wav`, `name (3).wav`, …: the first name in the folder `exists` says is free.
    static func freeName(_ fileName: String, exists: (String) -> Bool) -> String {
        guard exists(fileName) else { return fileName }
        let ext = (fileName as NSString).pathExtension
        let stem = (fileName as NSString).deletingPathExtension
        var n = 2
        while exists("\(stem) (\(n))\(ext.isEmpty ? "" : "." + ext)") { n += 1 }
        return "\(stem) (\(n))\(ext.isEmpty ? "" : "." + ext)"
    }
}
