import Foundation
import Media

/// Plays samples: fetches the HLS playlist, decodes its segments with `Media` and writes the
/// audio to an `AudioOutput` on a thread of its own. A new `play` stops the old sound at once
/// (what is buffered is flushed); seeking restarts at the segment that holds the time and skips
/// inside it. The position comes from the audio clock: frames written minus the output's latency.
public final class Player: @unchecked Sendable {
    /// Audio is written in pieces of this many frames (about 21 ms), so stop and pause act fast.
    static let pieceFrames = 1024

    private let output: AudioOutput
    private let fetcher: SegmentFetcher
    private let condition = NSCondition()
    private let outputLock = NSLock()
    private var current = 0
    private var snapshot = PlayerStatus()
    private var paused = false
    private var base = 0.0
    private var written = 0

    /// A player writing to `output`, fetching through `fetcher`.
    public init(output: AudioOutput, fetcher: SegmentFetcher = SegmentFetcher()) {
        self.output = output
        self.fetcher = fetcher
    }

    /// The player's state, position (from the audio clock), duration and volume.
    public var status: PlayerStatus {
        condition.lock()
        var status = snapshot
        let frames = written
        let start = base
        condition.unlock()
        if status.state == .playing || status.state == .paused {
            status.position = max(start, start + Double(frames) / Double(AudioBuffer.sampleRate) - output.latency)
        }
        return status
    }

    /// Fetches the playlist and first segment of `item` ahead of `play` (when the cursor rests on a sample).
    public func preload(_ item: PlaybackItem) {
        guard case .hls(let url) = item else { return }
        let fetcher = self.fetcher
        Thread.detachNewThread {
            guard let text = try? fetcher.data(url),
                  let playlist = try? HLSPlaylist(parsing: String(decoding: text, as: UTF8.self), base: url) else { return }
            if let initURL = playlist.initSection { fetcher.prefetch(initURL) }
            if let first = playlist.segments.first { fetcher.prefetch(first.url) }
        }
    }

    /// Plays `item` from `start` seconds, stopping what was playing.
    public func play(_ item: PlaybackItem, from start: Double = 0) {
        condition.lock()
        current += 1
        let session = current
        let volume = snapshot.volume
        snapshot = PlayerStatus(state: .loading, item: item, position: start, volume: volume)
        paused = false
        base = start
        written = 0
        condition.broadcast()
        condition.unlock()
        output.flush()
        let began = ProcessInfo.processInfo.systemUptime
        let thread = Thread { [self] in run(session, item, from: start, began: began) }
        thread.name = "sampletok.player"
        thread.start()
    }

    /// Stops and forgets the item; buffered sound is dropped.
    public func stop() {
        condition.lock()
        current += 1
        snapshot.state = .stopped
        snapshot.item = nil
        condition.broadcast()
        condition.unlock()
        output.flush()
    }

    /// Pauses, or resumes when paused; plays the item again when it ended.
    public func togglePause() {
        let status = self.status
        switch status.state {
        case .playing, .loading: setPaused(true)
        case .paused: setPaused(false)
        case .ended, .failed, .stopped: if let item = status.item { play(item) }
        }
    }

    /// Moves playback by `delta` seconds (clamped to the item).
    public func seek(by delta: Double) {
        let status = self.status
        guard let item = status.item else { return }
        let target = min(max(0, status.position + delta), max(0, (status.duration ?? .infinity) - 0.05))
        let wasPaused = status.state == .paused
        play(item, from: target)
        if wasPaused { setPaused(true) }
    }

    /// Sets the gain (0–1.5).
    public func setVolume(_ volume: Double) {
        condition.lock()
        snapshot.volume = min(1.5, max(0, volume))
        condition.unlock()
    }

    private func setPaused(_ value: Bool) {
        condition.lock()
        paused = value
        if snapshot.state == .playing || snapshot.state == .paused || snapshot.state == .loading {
            snapshot.state = value ? .paused : .playing
        }
        condition.broadcast()
        condition.unlock()
        if value { output.flush() }
    }

    private struct Superseded: Error {}

    private func run(_ session: Int, _ item: PlaybackItem, from start: Double, began: Double) {
        do {
            let (source, duration, name) = try open(item, from: start)
            update(session) { $0.duration = duration }
            let decoder = try AudioDecoder(stream: source, name: name)
            _ = try decoder.run(from: start) { buffer in
                let left = buffer.left, right = buffer.right
                var offset = 0
                while offset < left.count {
                    let end = min(left.count, offset + Self.pieceFrames)
                    let gain = try waitUntilPlaying(session)
                    let piece = AudioBuffer(left: left[offset..<end].map { $0 * Float(gain) },
                                            right: right[offset..<end].map { $0 * Float(gain) })
                    outputLock.lock()
                    defer { outputLock.unlock() }
                    guard isCurrent(session) else { throw Superseded() }
                    try output.write(piece)
                    let firstAudio = ProcessInfo.processInfo.systemUptime - began
                    update(session) { status in
                        if status.firstAudioDelay == nil { status.firstAudioDelay = firstAudio }
                        if status.state == .loading { status.state = .playing }
                    }
                    condition.lock()
                    if current == session { written += end - offset }
                    condition.unlock()
                    offset = end
                }
            }
            update(session) { $0.state = .ended }
        } catch is Superseded {
            return
        } catch let error as PlaybackError {
            update(session) { $0.state = .failed; $0.error = error }
        } catch let error as MediaError {
            update(session) { $0.state = .failed; $0.error = .decodeFailed(error.message) }
        } catch {
            update(session) { $0.state = .failed; $0.error = .decodeFailed("\(error)") }
        }
    }

    /// What to decode for `item` from `start`: the bytes (from the segment that holds the time;
    /// the decoder drops what is stamped earlier) and the duration.
    private func open(_ item: PlaybackItem, from start: Double) throws(PlaybackError) -> (ByteSource, Double?, String) {
        switch item {
        case .hls(let url):
            let text = String(decoding: try fetcher.data(url), as: UTF8.self)
            let playlist = try HLSPlaylist(parsing: text, base: url)
            // Segment boundaries in the playlist count the encoder's priming; start one AAC frame early.
            let index = playlist.segmentIndex(at: start - 0.05)
            return (SegmentStream(playlist: playlist, from: index, fetcher: fetcher), playlist.duration, url.lastPathComponent)
        case .file(let url):
            return (WholeFile(url, fetcher: fetcher), nil, url.lastPathComponent)
        }
    }

    /// Blocks while paused; throws when another item took over. Returns the gain to apply.
    private func waitUntilPlaying(_ session: Int) throws -> Double {
        condition.lock()
        defer { condition.unlock() }
        while paused && current == session { condition.wait() }
        guard current == session else { throw Superseded() }
        return snapshot.volume
    }

    private func isCurrent(_ session: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return current == session
    }

    private func update(_ session: Int, _ change: (inout PlayerStatus) -> Void) {
        condition.lock()
        if current == session { change(&snapshot) }
        condition.unlock()
    }
}
