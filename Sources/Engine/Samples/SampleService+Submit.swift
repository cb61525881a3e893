import FluentKit
import Foundation
import Media
import Model
import Resolvers

extension SampleService {
    /// Submits a URL (or, in local mode, a file path): creates a pending sample and its job, or
    /// returns the sample already made from the same canonical URL or the same file content.
    /// A new job records `principal` (the submitter through a server) as its owner.
    public func submit(_ text: String, as principal: Principal? = nil) async throws -> SubmitOutcome {
        try await submit(try await identify(text), by: principal?.id)
    }

    /// What a submission is, checked as `submit` checks it, without changing anything: a link
    /// or path refused here (`link.unsupported`, `link.invalid`, `media.not_found`, …) is refused
    /// by `submit` too, before anything is charged or made.
    func identify(_ text: String) async throws -> IdentifiedSubmission {
        switch try await links.resolver.classify(text) {
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw SampleTokError(MediaError.notFound(path))
            }
            let hash = try await Blocking.run { () throws -> String in
                do { return try FileHasher.sha256(path: path) } catch let error as MediaError { throw SampleTokError(error) }
            }
            return IdentifiedSubmission(canonical: "sha256:\(hash)", source: path, submitted: path, platform: "local",
                                        title: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        case .url(let link):
            return IdentifiedSubmission(canonical: link.canonical, source: link.source,
                                        submitted: URLRedactor.redact(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                                        platform: link.platform, title: nil)
        }
    }

    /// The sample already made from `submission` (the same canonical URL or file content), if any.
    func existingSample(_ submission: IdentifiedSubmission) async throws -> SampleModel? {
        try await SampleModel.query(on: db).filter(\.$canonicalURL == submission.canonical).first()
    }

    /// `submit` of an identified submission.
    func submit(_ submission: IdentifiedSubmission, by user: UUID?) async throws -> SubmitOutcome {
        let (canonical, source, submitted, platform, title) =
            (submission.canonical, submission.source, submission.submitted, submission.platform, submission.title)
        if let existing = try await existingSample(submission) {
            return SubmitOutcome(sample: try existing.sample(), created: false)
        }
        let model = SampleModel()
        let now = Date().timeIntervalSince1970
        model.id = UUID()
        model.status = SampleStatus.pending.rawValue
        model.sourceURL = submitted
        model.canonicalURL = canonical
        model.platform = platform
        model.title = title
        model.downloadCount = 0
        model.createdAt = now
        model.updatedAt = now
        let job = JobQueue.makeJob(sampleID: model.id ?? UUID(), source: source, maxAttempts: configuration.maxAttempts,
                                     userID: user)
        do {
            try await db.transaction { db in
                try await model.create(on: db)
                try await job.create(on: db)
            }
        } catch {
            // Someone submitted the same thing a moment earlier.
            if let existing = try await SampleModel.query(on: db).filter(\.$canonicalURL == canonical).first() {
                return SubmitOutcome(sample: try existing.sample(), created: false)
            }
            throw error
        }
        return SubmitOutcome(sample: try model.sample(), created: true)
    }

    /// Submits files and folders (walked recursively for media files); returns one outcome per
    /// file found, or the error that file gave.
    public func importFiles(_ paths: [String]) async throws -> [(path: String, result: Result<SubmitOutcome, SampleTokError>)] {
        var outcomes: [(String, Result<SubmitOutcome, SampleTokError>)] = []
        for path in Self.expand(paths) {
            do {
                outcomes.append((path, .success(try await submit(path))))
            } catch let error as SampleTokError {
                outcomes.append((path, .failure(error)))
            }
        }
        return outcomes
    }

    /// Imports the demo loops in `folder` if the library is new (never had a sample before).
    /// Returns how many were queued.
    @discardableResult
    public func importDemoIfNew(from folder: URL) async throws -> Int {
        let marker = configuration.home.appendingPathComponent(".demo-imported")
        guard !FileManager.default.fileExists(atPath: marker.path) else { return 0 }
        let count = try await SampleModel.query(on: db).count()
        try Data().write(to: marker)
        guard count == 0, FileManager.default.fileExists(atPath: folder.path) else { return 0 }
        let outcomes = try await importFiles([folder.path])
        return outcomes.filter { if case .success = $0.result { return true } else { return false } }.count
    }

    /// The files named, and the media files inside the folders named, in a stable order.
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(url.path)
                continue
            }
            let found = fm.enumerator(at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])?
                .compactMap { $0 as? URL }
                .filter { DirectLinkResolver.mediaExtensions.contains($0.pathExtension.lowercased()) }
                .map(\.standardizedFileURL.path) ?? []
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}

/// A submission as `SampleService.identify` found it: where its media is and what identifies it.
struct IdentifiedSubmission: Sendable {
    /// The canonical URL, or `sha256:<hash>` of a file's content: one sample per value.
    var canonical: String
    /// What the job fetches (the URL or the path).
    var source: String
    /// What the user gave, trimmed, with credentials redacted (`URLRedactor`).
    var submitted: String
    /// `local`, `tiktok`, `instagram`, `direct`, …
    var platform: String
    /// The file's name, for a local file.
    var title: String?
}
