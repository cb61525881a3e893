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

    /// Does `effect`; every answer goes to `send`. Returns when the work is done (for `.watch`,
    /// when the job's events end).
    func run(_ effect: Effect, send: @escaping @Sendable (AppEvent) -> Void) async {
        switch effect {
        case .loadPage(let query, let generation):
            do {
                send(.pageLoaded(generation: generation, index: query.page - 1, page: try await client.list(query)))
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
            do {
                for try await event in client.events(of: id) { send(.progress(event)) }
            } catch is CancellationError {
                return
            } catch {
                send(.watchFailed(id, message: Self.describe(error)))
            }
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
        case .play, .preload, .togglePause, .seek, .setVolume, .stop, .quit:
            runImmediately(effect, send: send)
        }
    }

    /// Does one of the player's commands (or nothing, for the others) on the calling thread,
    /// so they keep their order.
    func runImmediately(_ effect: Effect, send: @Sendable (AppEvent) -> Void) {
        switch effect {
        case .play(let sample, let start):
            guard let item = item(for: sample) else {
                send(.failed("\(SampleFormat.title(sample)) has no audio file to play."))
                return
            }
            audio?.play(item, from: start)
        case .preload(let sample):
            if let item = item(for: sample) { audio?.preload(item) }
        case .togglePause: audio?.togglePause()
        case .seek(let delta): audio?.seek(by: delta)
        case .setVolume(let volume): audio?.setVolume(volume)
        case .stop: audio?.stop()
        case .quit, .loadPage, .loadPeaks, .submit, .watch, .loadJobs, .export, .loadCollections, .loadCollection, .createCollection: break
        }
    }

    /// Whether the effect must run in order on the app's thread (the player's commands).
    static func isImmediate(_ effect: Effect) -> Bool {
        switch effect {
        case .play, .preload, .togglePause, .seek, .setVolume, .stop, .quit: return true
        default: return false
        }
    }

    /// The HLS stream of a sample, else its MP3.
    private func item(for sample: Sample) -> PlaybackItem? {
        let media = client.media(of: sample)
        if let hls = media.hls { return .hls(hls) }
        return media.mp3.map(PlaybackItem.file)
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
