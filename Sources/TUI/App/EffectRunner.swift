import Client
import Foundation
import Model
import Playback

/// Does the work the state asks for: client calls (answered with events), and the player's
/// commands. Tests run it without sound (`audio: nil`) against a fake client.
struct EffectRunner: Sendable {
    /// The library.
    let client: any SampleTokClient
    /// The sound, when there is one.
    let audio: AudioDeck?
    /// Where the settings are saved; nil: they are not (a test that does not ask for it).
    var settingsFile: URL?
    /// Puts text on the terminal's clipboard (`Clipboard.copy`); nil: nothing is copied (tests).
    var clipboard: (@Sendable (String) -> Void)? = nil

    /// Does `effect` by who runs it (`Effect.runner`); every answer goes to `send`. Returns when
    /// the work is done (for `.watch`, when the job's events end).
    func run(_ effect: Effect, send: @escaping @Sendable (AppEvent) -> Void) async {
        switch effect.runner {
        case .client: await runClient(effect, send: send)
        case .settings: saveSettings(effect, send: send)
        case .player, .app: runImmediately(effect, send: send)
        }
    }

    /// Does one of the client's effects.
    private func runClient(_ effect: Effect, send: @escaping @Sendable (AppEvent) -> Void) async {
        switch effect {
        case .loadPage(let query, let generation):
            do {
                send(.pageLoaded(generation: generation, index: query.page - 1, page: try await client.list(query)))
            } catch is CancellationError {
                return  // A newer query took its place.
            } catch {
                send(.pageFailed(generation: generation, index: query.page - 1, message: Self.describe(error)))
            }
        case .loadSimilar(let id, let query, let generation):
            do {
                send(.similarLoaded(generation: generation, try await client.similar(id.uuidString, query)))
            } catch is CancellationError {
                return  // A newer query took its place.
            } catch {
                send(.pageFailed(generation: generation, index: 0, message: Self.describe(error)))
            }
        case .loadCount(let query, let generation):
            // A count that fails leaves the rows known so far ("200+ samples").
            if let total = try? await client.count(query) { send(.countLoaded(generation: generation, total: total)) }
        case .prepareSearch:
            await client.prepareSearch()
        case .loadPeaks(let id):
            do { send(.peaksLoaded(id, try await client.peaks(of: id))) } catch { send(.peaksFailed(id, message: Self.describe(error))) }
        case .submit(let source):
            do {
                if Self.isFolder(source) {
                    send(.folderImported(source: source, try await client.importFolder(source)))
                } else {
                    send(.submitted(source: source, outcome: try await client.submit(source)))
                }
            } catch {
                send(.submitFailed(source: source, message: Self.describe(error)))
            }
        case .watch(let id):
            await follow(client.events(of: id), of: id, send: send)
        case .loadJobs:
            if let jobs = try? await client.jobs(includeDone: false) { send(.jobsLoaded(jobs)) }
        case .export(let request):
            await export(request, send: send)
        case .delete(let id, let title):
            do {
                try await client.delete(id.uuidString)
                send(.deleted(id, title: title))
            } catch {
                send(.failed(Self.describe(error)))
            }
        case .retry(let id):
            do { send(.retried(try await client.retry(id.uuidString))) } catch { send(.failed(Self.describe(error))) }
        case .loadCollections:
            do { send(.collections(.loaded(try await client.collections()))) } catch { send(.collections(.failed(Self.describe(error)))) }
        case .loadCollection(let id):
            do { send(.collections(.loadedOne(try await client.collection(id.uuidString)))) } catch { send(.collections(.failed(Self.describe(error)))) }
        case .createCollection(let request):
            do { send(.collections(.created(try await client.createCollection(request)))) } catch { send(.collections(.failed(Self.describe(error)))) }
        case .loadStars:
            do { send(.crates(.stars(try await client.stars()))) } catch { send(.crates(.failed(Self.describe(error)))) }
        case .setStar(let id, let starred):
            do {
                send(.crates(.starSet(try await client.setStar(id.uuidString, starred))))
            } catch {
                send(.crates(.starFailed(id, wanted: starred, message: Self.describe(error))))
            }
        case .loadCrates:
            do { send(.crates(.loaded(try await client.crates()))) } catch { send(.crates(.failed(Self.describe(error)))) }
        case .addToCrate(let crate, let sample, let title):
            do {
                send(.crates(.added(try await client.addToCrate(crate.uuidString, sample: sample.uuidString, at: nil), sampleTitle: title)))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .addToNewCrate(let name, let sample, let title):
            do {
                let crate = try await client.createCrate(named: name)
                send(.crates(.added(try await client.addToCrate(crate.id.uuidString, sample: sample.uuidString, at: nil), sampleTitle: title)))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .loadCrate(let id):
            do { send(.crates(.opened(try await client.crate(id.uuidString)))) } catch { send(.crates(.failed(Self.describe(error)))) }
        case .moveInCrate(let id, let sample, let position):
            do {
                send(.crates(.changed(try await client.moveInCrate(id.uuidString, sample: sample.uuidString, to: position))))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .removeFromCrate(let id, let sample):
            do {
                send(.crates(.changed(try await client.removeFromCrate(id.uuidString, sample: sample.uuidString))))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .renameCrate(let id, let from, let to):
            do {
                send(.crates(.renamed(try await client.renameCrate(id.uuidString, to: to), from: from)))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .deleteCrate(let id, let name):
            do {
                try await client.deleteCrate(id.uuidString)
                send(.crates(.deleted(id, name: name)))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .exportCrate(let id, let name, let format, let folder):
            do {
                let outcome = try await CrateExport(client: client).run(id.uuidString, format: format, to: folder)
                send(.crates(.exported(name: name, files: outcome.files.count, playlist: outcome.playlist,
                                       skipped: outcome.skipped.map { "\(SampleFormat.title($0.sample)): \($0.error.message)" })))
            } catch {
                send(.crates(.failed(Self.describe(error))))
            }
        case .loadStemCatalog:
            do { send(.stems(.catalog(try await client.stemCatalog()))) } catch { send(.stems(.catalogFailed(Self.describe(error)))) }
        case .loadAccount:
            do { send(.stems(.account(try await client.me()))) } catch { send(.stems(.accountFailed(Self.describe(error)))) }
        case .requestStems(let id, let types, let provider):
            do {
                send(.stems(.requested(try await client.requestStems(of: id.uuidString, stems: types, provider: provider))))
            } catch let error as SampleTokError {
                send(.stems(.refused(error)))
            } catch {
                send(.stems(.refused(SampleTokError(.requestFailed, Self.describe(error)))))
            }
        case .watchStems(let id):
            await follow(client.stemEvents(of: id), of: id, send: send)
        case .loadStems(let id):
            do { send(.stems(.loaded(id, try await client.stemJobs(of: id.uuidString)))) } catch { send(.stems(.loadFailed(id, Self.describe(error)))) }
        case .loadListedStems(let ids):
            do {
                let jobs = try await client.stemJobs(ofSamples: ids)
                for id in ids { send(.stems(.loaded(id, jobs[id] ?? []))) }
            } catch {
                let message = Self.describe(error)
                for id in ids { send(.stems(.loadFailed(id, message))) }
            }
        case .loadStemPeaks(let id):
            do { send(.peaksLoaded(id, try await client.stemPeaks(of: id))) } catch { send(.peaksFailed(id, message: Self.describe(error))) }
        case .preload, .play, .playLoop, .setLoop, .setSync, .togglePause, .seek, .seekTo, .setVolume, .stop, .saveSettings, .copyToClipboard, .quit:
            break  // Not the client's (`Effect.runner`).
        }
    }

    /// Exports a sample's or stem's file: asks first (`.exportExists`) when the file is there and
    /// the request says to; "keep both" exports beside it under the next free name.
    private func export(_ request: ExportRequest, send: @escaping @Sendable (AppEvent) -> Void) async {
        let files = FileManager.default
        let exists = files.fileExists(atPath: request.destination.path)
        if exists, request.existing == .ask {
            send(.exportExists(request))
            return
        }
        do {
            let url: URL
            if exists, request.existing == .keepBoth {
                // Exported into a folder of its own first, then moved beside the other under a free name.
                let staging = request.folder.appendingPathComponent(".sampletok-export-\(UUID().uuidString)")
                defer { try? files.removeItem(at: staging) }
                let made = try await exportFile(request, to: staging)
                let name = ExportRequest.freeName(request.fileName) { files.fileExists(atPath: request.folder.appendingPathComponent($0).path) }
                url = request.folder.appendingPathComponent(name)
                do {
                    try files.moveItem(at: made, to: url)
                } catch {
                    throw SampleTokError(.outputUnwritable, "Cannot write \(url.path) (\(error.localizedDescription)). Check that the folder is writable.")
                }
            } else {
                url = try await exportFile(request, to: request.folder)
            }
            send(.exported(url, request))
            // A stem's download count (and whether the next export is free) changed.
            if case .stem(let stem) = request.subject, let jobs = try? await client.stemJobs(of: stem.sampleID.uuidString) {
                send(.stems(.loaded(stem.sampleID, jobs)))
            }
        } catch {
            send(.failed(Self.describe(error)))
        }
    }

    /// The client's export of a request's subject into `folder`.
    private func exportFile(_ request: ExportRequest, to folder: URL) async throws -> URL {
        let cut = request.region != nil || request.sync != nil
        switch request.subject {
        case .sample(let id) where cut:
            return try await ClipExport(client: client).sample(id, region: request.region, sync: request.sync, format: request.format,
                                                               named: request.fileName, to: folder)
        case .stem(let stem) where cut:
            return try await ClipExport(client: client).stem(stem.id, region: request.region, sync: request.sync, format: request.format,
                                                             named: request.fileName, to: folder)
        case .sample(let id): return try await client.export(id.uuidString, format: request.format, to: folder)
        case .stem(let stem): return try await client.exportStem(stem.id, format: request.format, to: folder)
        }
    }

    /// Writes the settings (when there is a file to write them to).
    private func saveSettings(_ effect: Effect, send: @Sendable (AppEvent) -> Void) {
        guard case .saveSettings(let settings) = effect, let settingsFile else { return }
        do {
            try settings.save(to: settingsFile)
            send(.settingsSaved)
        } catch {
            send(.settingsFailed(error.message))
        }
    }

    /// Sends a job's (or stem job's) events as they come, then why the stream broke, if it did.
    private func follow(_ events: AsyncThrowingStream<ProgressEvent, any Error>, of id: UUID,
                        send: @escaping @Sendable (AppEvent) -> Void) async {
        do {
            for try await event in events { send(.progress(event)) }
        } catch is CancellationError {
            return
        } catch {
            send(.watchFailed(id, message: Self.describe(error)))
        }
    }

    /// Does an immediate effect (`Effect.isImmediate`: the player's commands; leaving needs
    /// nothing) on the calling thread, so they keep their order.
    func runImmediately(_ effect: Effect, send: @Sendable (AppEvent) -> Void) {
        switch effect {
        case .play(let playable, let start):
            guard let item = item(for: playable) else {
                send(.failed("\(Self.title(playable)) has no audio file to play."))
                return
            }
            audio?.play(item, from: start)
        case .playLoop(let playable, let region):
            guard let item = item(for: playable) else {
                send(.failed("\(Self.title(playable)) has no audio file to play."))
                return
            }
            audio?.play(item, from: region.start, loop: region)
        case .setLoop(let region): audio?.setLoop(region)
        case .setSync(let sync): audio?.setSync(sync)
        case .preload(let playable):
            if let item = item(for: playable) { audio?.preload(item) }
        case .togglePause: audio?.togglePause()
        case .seek(let delta): audio?.seek(by: delta)
        case .seekTo(let time): audio?.seek(to: time)
        case .setVolume(let volume): audio?.setVolume(volume)
        case .stop: audio?.stop()
        case .copyToClipboard(let text): clipboard?(text)
        case .quit, .loadPage, .loadSimilar, .loadCount, .prepareSearch, .loadPeaks, .submit, .watch, .loadJobs, .export, .delete, .retry, .loadCollections, .loadCollection,
             .createCollection, .loadStemCatalog, .loadAccount, .requestStems, .watchStems, .loadStems, .loadListedStems, .loadStemPeaks,
             .saveSettings,
             .loadStars, .setStar, .loadCrates, .addToCrate, .addToNewCrate, .loadCrate, .moveInCrate, .removeFromCrate, .renameCrate, .deleteCrate,
             .exportCrate:
            break  // Not the player's (`Effect.runner`).
        }
    }

    /// The HLS stream of a sample or stem, else its MP3.
    private func item(for playable: Playable) -> PlaybackItem? {
        let media: SampleMedia
        switch playable {
        case .sample(let sample): media = client.media(of: sample)
        case .stem(let stem): media = client.media(of: stem)
        }
        if let hls = media.hls { return .hls(hls) }
        return media.mp3.map(PlaybackItem.file)
    }

    /// What a message calls a sample or a stem.
    private static func title(_ playable: Playable) -> String {
        switch playable {
        case .sample(let sample): return SampleFormat.title(sample)
        case .stem(let stem): return "The \(stem.type.displayName) stem"
        }
    }

    /// Whether a submitted source is a folder of this machine (imported whole, as `sampletok import` does).
    static func isFolder(_ source: String) -> Bool {
        guard source.hasPrefix("/") else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A message for the status line: `code: message` for our errors.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as SampleTokError: return error.message
        case let error as PlaybackError: return error.message
        default: return "\(error)"
        }
    }
}
