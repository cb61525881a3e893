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
        case .loadPeaks(let id):
            do { send(.peaksLoaded(id, try await client.peaks(of: id))) } catch { send(.peaksFailed(id, message: Self.describe(error))) }
        case .submit(let source):
            do {
                send(.submitted(source: source, outcome: try await client.submit(source)))
            } catch {
                send(.submitFailed(source: source, message: Self.describe(error)))
            }
        case .watch(let id):
            await follow(client.events(of: id), of: id, send: send)
        case .loadJobs:
            if let jobs = try? await client.jobs(includeDone: false) { send(.jobsLoaded(jobs)) }
        case .export(let id, let format, let folder):
            do {
                send(.exported(try await client.export(id.uuidString, format: format, to: folder)))
            } catch {
                send(.failed(Self.describe(error)))
            }
        case .loadCollections:
            do { send(.collections(.loaded(try await client.collections()))) } catch { send(.collections(.failed(Self.describe(error)))) }
        case .loadCollection(let id):
            do { send(.collections(.loadedOne(try await client.collection(id.uuidString)))) } catch { send(.collections(.failed(Self.describe(error)))) }
        case .createCollection(let request):
            do { send(.collections(.created(try await client.createCollection(request)))) } catch { send(.collections(.failed(Self.describe(error)))) }
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
        case .loadStemPeaks(let id):
            do { send(.peaksLoaded(id, try await client.stemPeaks(of: id))) } catch { send(.peaksFailed(id, message: Self.describe(error))) }
        case .exportStem(let stem, let format, let folder):
            do {
                send(.exported(try await client.exportStem(stem.id, format: format, to: folder)))
                // Its download count (and whether the next export is free) changed.
                if let jobs = try? await client.stemJobs(of: stem.sampleID.uuidString) { send(.stems(.loaded(stem.sampleID, jobs))) }
            } catch {
                send(.failed(Self.describe(error)))
            }
        case .preload, .play, .togglePause, .seek, .seekTo, .setVolume, .stop, .saveSettings, .quit:
            break  // Not the client's (`Effect.runner`).
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
        case .preload(let playable):
            if let item = item(for: playable) { audio?.preload(item) }
        case .togglePause: audio?.togglePause()
        case .seek(let delta): audio?.seek(by: delta)
        case .seekTo(let time): audio?.seek(to: time)
        case .setVolume(let volume): audio?.setVolume(volume)
        case .stop: audio?.stop()
        case .quit, .loadPage, .loadPeaks, .submit, .watch, .loadJobs, .export, .loadCollections, .loadCollection, .createCollection,
             .loadStemCatalog, .loadAccount, .requestStems, .watchStems, .loadStems, .loadStemPeaks, .exportStem, .saveSettings:
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

    /// A message for the status line: `code: message` for our errors.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as SampleTokError: return error.message
        case let error as PlaybackError: return error.message
        default: return "\(error)"
        }
    }
}
