import Foundation
import Media
import Model

/// Plays samples: fetches the HLS playlist, decodes its segments with `Media` and writes the
/// audio to an `AudioOutput` on a thread of its own. A new `play` stops the old sound at once
/// (what is buffered is flushed); seeking restarts at the segment that holds the time and skips
/// inside it. The position comes from the audio clock: frames written minus the output's latency.
/// Pause keeps the position that was heard and drops what was buffered; resume plays again from
/// that position (the segments are cached), so nothing is skipped or repeated.
public final class Player: @unchecked Sendable {
    /// Audio is written in pieces of this many frames (about 11 ms): a write blocks until its
    /// piece fits in the device buffer, and stop, pause and seek wait for the write in progress.
    static let pieceFrames = 512

    private let output: AudioOutput
    private let fetcher: SegmentFetcher
    /// What the sessions share: which is current (a play, seek or pause starts a new one), the
    /// status, where the current one started and the frames it has written.
    private struct Session {
        var current = 0
        var snapshot = PlayerStatus()
        var base = 0.0
        var written = 0
    }

    private let session = Locked(Session())
    /// Held across each device write, so a pause reads the clock between two writes.
    private let writing = Locked(())
    /// The sessions' threads: one waits parked, so a play makes no thread.
    private let threads = SessionThreads()

    /// A player writing to `output`, fetching through `fetcher`; it starts with a thread parked
    /// for its first play.
    public init(output: AudioOutput, fetcher: SegmentFetcher = SegmentFetcher()) {
        self.output = output
        self.fetcher = fetcher
    }

    deinit { threads.close() }

    /// The player's state, position (from the audio clock), duration and volume.
    public var status: PlayerStatus {
        let (snapshot, frames, start) = session.withLock { ($0.snapshot, $0.written, $0.base) }
        var status = snapshot
        if status.state == .playing {
            status.position = max(start, start + Double(frames) / Double(AudioBuffer.sampleRate) - output.latency)
        }
        status.isStruggling = output.isStruggling
        return status
    }

    /// Fetches the playlist and first segment of `item` ahead of `play`, in the background
    /// (when the cursor rests on a sample).
    public func preload(_ item: PlaybackItem) {
        Thread.detachNewThread { [self] in try? prepare(item) }
    }

    /// Fetches the playlist, init section and first segment of an HLS `item` into the cache now,
    /// blocking the calling thread (`preload` does it on a thread of its own).
    public func prepare(_ item: PlaybackItem) throws(PlaybackError) {
        guard case .hls(let url) = item else { return }
        let playlist = try HLSPlaylist(parsing: String(decoding: try fetcher.data(url), as: UTF8.self), base: url)
        if let initURL = playlist.initSection { _ = try fetcher.data(initURL) }
        if let first = playlist.segments.first { _ = try fetcher.data(first.url) }
    }

    /// Plays `item` from `start` seconds, stopping what was playing.
    public func play(_ item: PlaybackItem, from start: Double = 0) {
        play(item, from: start, duration: nil)
    }

    /// Plays `item` from `start`; `duration` is what is already known of it (on seek and resume).
    private func play(_ item: PlaybackItem, from start: Double, duration: Double?) {
        let number = session.withLock { shared in
            shared.current += 1
            shared.snapshot = PlayerStatus(state: .loading, item: item, position: start, duration: duration, volume: shared.snapshot.volume)
            shared.base = start
            shared.written = 0
            return shared.current
        }
        output.flush()
        let began = ProcessInfo.processInfo.systemUptime
        threads.run { [self] in run(number, item, from: start, began: began) }
    }

    /// Stops and forgets the item; buffered sound is dropped.
    public func stop() {
        session.withLock { shared in
            shared.current += 1
            shared.snapshot.state = .stopped
            shared.snapshot.item = nil
        }
        output.flush()
    }

    /// Pauses, or resumes when paused; plays the item again when it ended.
    public func togglePause() {
        let status = self.status
        switch status.state {
        case .playing, .loading: pause()
        case .paused: if let item = status.item { play(item, from: status.position, duration: status.duration) }
        case .ended, .failed, .stopped: if let item = status.item { play(item) }
        }
    }

    /// Moves playback by `delta` seconds (clamped to the item); when paused, only the position moves.
    public func seek(by delta: Double) {
        let status = self.status
        seek(status, to: status.position + delta)
    }

    /// Moves playback to `time` seconds from the start (clamped to the item), as `seek(by:)` does:
    /// when paused, only the position moves.
    public func seek(to time: Double) {
        seek(status, to: time)
    }

    private func seek(_ status: PlayerStatus, to time: Double) {
        guard let item = status.item else { return }
        let target = min(max(0, time), max(0, (status.duration ?? .infinity) - 0.05))
        if status.state == .paused {
            session.withLock { shared in
                if shared.snapshot.state == .paused { shared.snapshot.position = target }
            }
        } else {
            play(item, from: target, duration: status.duration)
        }
    }

    /// Sets the gain (0–1.5).
    public func setVolume(_ volume: Double) {
        session.withLock { $0.snapshot.volume = min(1.5, max(0, volume)) }
    }

    /// Ends the playing session, keeping the position heard when the sound stops, for resume.
    /// Taking the writing lock waits for a write in progress (and its count), so the clock read
    /// just before the flush is exactly what the listener heard.
    private func pause() {
        writing.withLock { _ in
            let paused = session.withLock { shared in
                guard shared.snapshot.state == .playing || shared.snapshot.state == .loading else { return false }
                shared.current += 1
                shared.snapshot.state = .paused
                shared.snapshot.position = max(shared.base, shared.base + Double(shared.written) / Double(AudioBuffer.sampleRate) - output.latency)
                return true
            }
            if paused { output.flush() }
        }
    }

    private struct Superseded: Error {}

    private func run(_ number: Int, _ item: PlaybackItem, from start: Double, began: Double) {
        let clock = { ProcessInfo.processInfo.systemUptime }
        var parts = FirstAudioParts(handoff: clock() - began)
        do {
            var mark = clock()
            let (source, duration, name) = try open(item, from: start)
            parts.playlist = clock() - mark
            update(number) { $0.duration = duration }
            let fetches = { (source as? SegmentStream)?.fetchSeconds ?? 0 }
            mark = clock()
            let decoder = try AudioDecoder(stream: source, name: name)
            let fetchedOpening = fetches()
            parts.decoderOpen = clock() - mark - fetchedOpening
            mark = clock()
            var first = true
            _ = try decoder.run(from: start) { buffer in
                if first {
                    first = false
                    parts.segments = fetches()
                    parts.firstDecode = clock() - mark - (parts.segments - fetchedOpening)
                }
                let left = buffer.left, right = buffer.right
                var offset = 0
                while offset < left.count {
                    let end = min(left.count, offset + Self.pieceFrames)
                    guard let gain = gain(number) else { throw Superseded() }
                    let piece = AudioBuffer(left: left[offset..<end].map { $0 * Float(gain) },
                                            right: right[offset..<end].map { $0 * Float(gain) })
                    let wrote = parts
                    try writing.withLock { _ in
                        guard isCurrent(number) else { throw Superseded() }
                        let handed = ProcessInfo.processInfo.systemUptime - began
                        try output.write(piece)
                        update(number) { status in
                            if status.firstAudioDelay == nil {
                                status.firstAudioDelay = handed
                                var measured = wrote
                                measured.firstWrite = ProcessInfo.processInfo.systemUptime - began - handed
                                status.firstAudioParts = measured
                            }
                            if status.state == .loading { status.state = .playing }
                        }
                        session.withLock { shared in
                            if shared.current == number { shared.written += end - offset }
                        }
                    }
                    offset = end
                }
            }
            session.withLock { shared in
                guard shared.current == number else { return }
                // The position shown at the end is the end, not where this session started.
                shared.snapshot.state = .ended
                shared.snapshot.position = shared.snapshot.duration ?? shared.base + Double(shared.written) / Double(AudioBuffer.sampleRate)
            }
        } catch is Superseded {
            return
        } catch let error as PlaybackError {
            update(number) { $0.state = .failed; $0.error = error }
        } catch let error as MediaError {
            update(number) { $0.state = .failed; $0.error = .decodeFailed(error.message) }
        } catch {
            update(number) { $0.state = .failed; $0.error = .decodeFailed("\(error)") }
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

    /// The gain to apply, or nil when another session (a new item, a seek, a pause) took over.
    private func gain(_ number: Int) -> Double? {
        session.withLock { $0.current == number ? $0.snapshot.volume : nil }
    }

    private func isCurrent(_ number: Int) -> Bool {
        session.withLock { $0.current == number }
    }

    private func update(_ number: Int, _ change: (inout PlayerStatus) -> Void) {
        session.withLock { shared in
            if shared.current == number { change(&shared.snapshot) }
        }
    }
}
