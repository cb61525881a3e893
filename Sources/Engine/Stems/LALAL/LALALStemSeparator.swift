import Foundation
import Model
import Net

/// LALAL.AI (`lalal`) behind `StemSeparator`: upload the sample once, start one split task per
/// stem, check them together with a backoff that respects the 30 checks a minute of the account
/// (never two checks less than 2 s apart, and none before a 429's `Retry-After`), download each
/// stem track. A task still unfinished after `timeout` seconds fails with `stems.timeout`.
struct LALALStemSeparator: StemSeparator {
    let name = StemSeparators.lalal
    let client: LALALClient
    /// How long the tasks may take, from the first split, in seconds.
    var timeout: Double = 600
    var clock: any StemClock = SystemStemClock()
    var gate: LALALCheckGate = .shared
    /// The first wait between checks; each later one grows by half, up to `maxCheckDelay`.
    var firstCheckDelay: Double = 2
    var maxCheckDelay: Double = 15

    func support(for type: StemType) -> StemSupport { .supported }

    /// The stem name LALAL.AI's v1 API uses for `type`.
    static func wireName(_ type: StemType) -> String { type == .vocal ? "vocals" : type.rawValue }

    func separate(source: URL, stems: [StemType], into directory: URL,
                  progress: @escaping @Sendable (Double, String) -> Void) async throws -> [StemType: URL] {
        do {
            return try await run(source: source, stems: stems, into: directory, progress: progress)
        } catch let limited as LALALRateLimited {
            throw LALALError.rateLimited(retryAfter: limited.retryAfter)
        }
    }

    private func run(source: URL, stems: [StemType], into directory: URL,
                     progress: @escaping @Sendable (Double, String) -> Void) async throws -> [StemType: URL] {
        let wanted = Array(Set(stems)).sorted()
        guard !wanted.isEmpty else { throw SampleTokError.invalid("Choose at least one stem type.") }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(directory.path) for the stems.")
        }
        progress(0, "uploading to LALAL.AI")
        let sourceID = try await client.upload(source)
        var files: [StemType: URL] = [:]
        do {
            var tasks: [String: StemType] = [:]
            for type in wanted {
                progress(0.1, "starting the \(type.displayName) split")
                let task = try await client.split(source: sourceID, stem: Self.wireName(type))
                tasks[task] = type
            }
            let tracks = try await wait(for: tasks, progress: progress)
            for (index, (type, url)) in tracks.sorted(by: { $0.key < $1.key }).enumerated() {
                progress(0.9 + 0.1 * Double(index) / Double(tracks.count), "downloading the \(type.displayName) stem")
                files[type] = try await download(url, type: type, into: directory)
            }
            await client.delete(source: sourceID)
            progress(1, "separated")
            return files
        } catch {
            for file in files.values { try? FileManager.default.removeItem(at: file) }
            await client.delete(source: sourceID)
            throw error
        }
    }

    /// Checks the tasks until each has its stem track, and returns their URLs.
    private func wait(for tasks: [String: StemType],
                      progress: @Sendable (Double, String) -> Void) async throws -> [StemType: String] {
        let deadline = clock.now() + timeout
        var delay = firstCheckDelay
        var done: [StemType: String] = [:]
        var pending = tasks
        while !pending.isEmpty {
            if clock.now() + delay > deadline {
                await client.cancel(Array(pending.keys))
                let names = pending.values.sorted().map(\.displayName).joined(separator: ", ")
                throw SampleTokError(.stemsTimeout, "LALAL.AI did not finish the \(names) stem in \(Int(timeout / 60)) minutes; the task was cancelled "
                    + "and your credits are refunded. Try again later.")
            }
            try await clock.sleep(seconds: delay)
            try await gate.enter(clock)
            let results: [String: LALALWire.TaskResult]
            do {
                results = try await client.check(Array(pending.keys).sorted())
            } catch let limited as LALALRateLimited {
                // A 429 on a check: wait as long as it asks (within the deadline) and check again.
                let wait = limited.retryAfter ?? 60
                await gate.hold(for: wait, clock)
                if clock.now() + wait > deadline { throw limited }
                delay = firstCheckDelay
                continue
            }
            var percents: [Int] = []
            for (task, type) in pending {
                switch results[task] {
                case .progress(let percent)?:
                    percents.append(min(100, max(0, percent)))
                case .success(let tracks)?:
                    guard let track = tracks.first(where: { $0.type == "stem" }) ?? tracks.first else {
                        throw LALALError.unexpected("the \(type.displayName) task")
                    }
                    done[type] = track.url
                    pending[task] = nil
                case .error(let detail, _)?:
                    throw LALALError.taskFailed(type.displayName, detail)
                case .serverError(let detail)?:
                    throw LALALError.taskServerError(type.displayName, detail)
                case .cancelled?:
                    throw LALALError.taskFailed(type.displayName, "the task was cancelled on LALAL.AI")
                case nil:
                    percents.append(0)
                }
            }
            let share = (Double(percents.reduce(0, +)) + 100 * Double(done.count)) / (100 * Double(tasks.count))
            progress(0.1 + 0.8 * share, "LALAL.AI is separating")
            delay = min(maxCheckDelay, delay * 1.5)
        }
        return done
    }

    /// Downloads a track as `<type>.<extension>` (the extension from the response's file name).
    private func download(_ url: String, type: StemType, into directory: URL) async throws -> URL {
        let partial = directory.appendingPathComponent("\(type.rawValue).download")
        let response = try await client.download(url, to: partial.path)
        let ext = Self.fileExtension(response.headers["Content-Disposition"]) ?? "wav"
        let file = directory.appendingPathComponent("\(type.rawValue).\(ext)")
        try? FileManager.default.removeItem(at: file)
        do { try FileManager.default.moveItem(at: partial, to: file) } catch {
            try? FileManager.default.removeItem(at: partial)
            throw SampleTokError(.outputUnwritable, "Cannot write the \(type.displayName) stem to \(file.path).")
        }
        return file
    }

    /// The extension of the file name in a `Content-Disposition` header, if it is a plain audio one.
    static func fileExtension(_ disposition: String?) -> String? {
        guard let disposition, let range = disposition.range(of: "filename=") else { return nil }
        let name = disposition[range.upperBound...].split(separator: ";").first.map(String.init)?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) ?? ""
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ["wav", "mp3", "flac", "aac", "ogg", "m4a"].contains(ext) ? ext : nil
    }
}
