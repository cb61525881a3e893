import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok import PATH...`: files and folders become samples.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import audio and video files, and folders of them (recursively), as samples.",
        discussion: "Processes them here and now with the pipeline workers; a file already in the library (same content) is not imported twice.")

    @Argument(help: "Files or folders.")
    var paths: [String]

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or folder.") }
    }

    func run() async throws {
        let (paths, json, workers) = (self.paths, self.json, library.configuration.workers)
        try await LibrarySession.run(library) { library in
            let outcomes = try await library.samples.importFiles(paths)
            var ids: [UUID] = []
            for outcome in outcomes {
                switch outcome.result {
                case .success(let submitted): ids.append(submitted.sample.id)
                case .failure(let error): if !json { Terminal.error("\(outcome.path): \(error.code): \(error.message)") }
                }
            }
            let waiting = ids
            let reporter = json ? nil : ImportReporter(library: library, total: ids.count)
            let events = reporter.map { reporter in Task { await reporter.follow() } }
            try await JobRunner(library: library).run(workers: workers) {
                for id in waiting {
                    guard let sample = try? await library.samples.sample(id) else { continue }
                    if sample.status != .completed && sample.status != .failed { return false }
                }
                return true
            }
            events?.cancel()
            var results: [ImportResult] = []
            for outcome in outcomes {
                switch outcome.result {
                case .success(let submitted):
                    let sample = (try? await library.samples.sample(submitted.sample.id)) ?? submitted.sample
                    results.append(ImportResult(path: outcome.path, sample: sample, created: submitted.created, error: sample.error))
                case .failure(let error):
                    results.append(ImportResult(path: outcome.path, sample: nil, created: false, error: error))
                }
            }
            if json {
                print(try JSONOutput.string(results))
            } else {
                for result in results { print(SampleText.importLine(result)) }
                let done = results.filter { $0.sample?.status == .completed }.count
                print("\(done) of \(results.count) file(s) in the library.")
            }
            if results.contains(where: { $0.error != nil }) { throw ExitCode(65) }
        }
    }
}

/// One file's outcome of an import.
struct ImportResult: Codable, Sendable {
    var path: String
    var sample: Sample?
    var created: Bool
    var error: SampleTokError?
}

/// Prints each sample's steps as the workers run them.
struct ImportReporter: Sendable {
    let library: Library
    let total: Int

    func follow() async {
        for await event in library.events.subscribe() where event.fraction == 0 || event.isFinal {
            Terminal.status("\(event.sampleID.uuidString.prefix(8).lowercased())  \(event.step): \(event.message)")
        }
    }
}
